package org.stagedoor.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

/**
 * Base of the console's tests: the whole application on the test database (emptied before each test), MockMvc
 * through the real security filters, acting as a real administrator account. This node fires nothing and sends
 * nothing by itself (tests look at what was recorded), and Quartz is emptied after each test, as the store is
 * before the next.
 */
@SpringBootTest(properties = {
        "stagedoor.dev-mailbox.port=0",
        "stagedoor.scheduler.auto-startup=false",
        "stagedoor.delivery.sender-enabled=false",
        "stagedoor.reports.directory=target/admin-test-reports",
        "stagedoor.secret.key=console-tests-key-not-secret" })
@AutoConfigureMockMvc
abstract class AdminConsoleIntegrationTest extends StoreIntegrationTest {

    static final String ADMIN = "admin@venue.example";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    AuditLog audit;

    @Autowired
    Scheduler scheduler;

    StagedoorUser admin;

    @BeforeEach
    void administrator() {
        admin = TestAccounts.admin(accounts, ADMIN);
    }

    @AfterEach
    void emptyQuartz() throws SchedulerException {
        scheduler.clear();
    }

    /** The details of the administrators' changes recorded so far, oldest first. */
    List<String> adminChanges() {
        List<String> details = new ArrayList<>(audit.recent(AuditLog.Kind.ADMIN_CHANGE, 1000).stream()
                .map(AuditLog.Entry::detail).toList());
        Collections.reverse(details);
        return details;
    }
}
