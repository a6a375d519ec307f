package org.stagedoor.scheduler.schedule;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.stagedoor.booking.store.StoreIntegrationTest;

import static org.awaitility.Awaitility.await;

/**
 * Base of tests with a firing scheduler node: short cluster intervals so that misfires and recoveries
 * show within seconds, the hand-built venue of {@code venue.sql}, a real SMTP server (GreenMail, one per
 * test JVM, emptied before each test), and no Quartz state left between tests. Every such test class shares
 * this one configuration, so one node fires for all of them. Tests send the outbox with
 * {@code DeliverySender.sendDue()}.
 */
@SpringBootTest(properties = {
        "stagedoor.scheduler.auto-startup=true",
        "stagedoor.scheduler.misfire-threshold=1s",
        "stagedoor.scheduler.cluster-checkin-interval=1s",
        "stagedoor.scheduler.overdue-margin=3s",
        "stagedoor.delivery.sender-enabled=false" })
public abstract class SchedulerNodeIntegrationTest extends StoreIntegrationTest {

    protected static final GreenMail MAIL = startMail();

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop, "greenmail-stop"));
        return mail;
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    @Autowired
    protected Scheduler scheduler;

    @Autowired
    protected DataSource dataSource;

    @BeforeEach
    void freshNode() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        new ResourceDatabasePopulator(new ClassPathResource("venue.sql")).execute(dataSource);
        if (scheduler.isInStandbyMode()) {
            scheduler.start();
        }
    }

    /** Lets the node's work end and empties Quartz, before the next test empties the store under it. */
    @AfterEach
    void quietNode() throws SchedulerException {
        scheduler.standby();
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduler.getCurrentlyExecutingJobs().isEmpty());
        scheduler.clear();
    }
}
