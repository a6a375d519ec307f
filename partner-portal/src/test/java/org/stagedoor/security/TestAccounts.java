package org.stagedoor.security;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** Real accounts for web tests, and the request post-processor that acts as them. */
public final class TestAccounts {

    public static final String PASSWORD = "test-password-123";

    private TestAccounts() {
    }

    public static StagedoorUser admin(Accounts accounts, String email) {
        return accounts.createAdministrator(email, "Admin " + email, PASSWORD);
    }

    public static StagedoorUser partnerUser(Accounts accounts, long partnerCompanyId, String email) {
        return accounts.createPartnerUser(partnerCompanyId, email, "User " + email, PASSWORD);
    }

    /** Acts as the account in a MockMvc request (with its real principal type and role). */
    public static RequestPostProcessor as(StagedoorUser account) {
        return user(account);
    }
}
