package org.stagedoor.portal;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A partner company's next list tells it who withdrew since the last one: a CSV file has no room for them,
 * so the run's page and the API list them, to that company only.
 */
class WithdrawalNoticeIntegrationTests extends PortalIntegrationTest {

    @Test
    void theNextRunsPageAndApiListWhoWithdrewSinceTheLastListToItsCompanyOnly() throws Exception {
        jdbc.sql("""
                insert into partner_preference (customer_id, partner_company_id, state, set_at, channel)
                select id, :partner, 'YES', now() - interval '2 days', 'BOX_OFFICE'
                  from customer where last_name = 'Lovelace'
                """).param("partner", northern.id()).update();
        ReportRun first = optIn();
        assertThat(first.rowCount()).isEqualTo(3);
        mvc.perform(get("/portal/runs/{id}", first.id()).with(TestAccounts.as(userA)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Withdrawn since your last list"))));

        Thread.sleep(10);
        jdbc.sql("""
                update partner_preference set state = 'NO', set_at = now(), channel = 'ACCOUNT_PAGE'
                 where partner_company_id = :partner
                   and customer_id = (select id from customer where first_name = 'Ada1')
                """).param("partner", northern.id()).update();
        Thread.sleep(10);
        ReportRun second = optIn();
        assertThat(second.rowCount()).isEqualTo(2);

        mvc.perform(get("/portal/runs/{id}", second.id()).with(TestAccounts.as(userA)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Withdrawn since your last list")))
                .andExpect(content().string(containsString("ada1.lovelace")))
                .andExpect(content().string(not(containsString("ada0.lovelace"))));
        mvc.perform(get("/api/portal/runs/{id}/withdrawn", second.id()).with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].email").value(containsString("ada1.lovelace")))
                .andExpect(jsonPath("$[0].state").value("NO"))
                .andExpect(jsonPath("$[0].reason").value("Said no"));
        // Another company's user: as if there were no such run.
        mvc.perform(get("/api/portal/runs/{id}/withdrawn", second.id()).with(TestAccounts.as(userB)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/portal/runs/{id}", second.id()).with(TestAccounts.as(userB)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound());
    }

    private ReportRun optIn() {
        ReportRun run = launcher.run(new RunRequest("partner-optin-list", northern.id(), Map.of(), OutputFormat.CSV,
                userA.email()));
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        return run;
    }
}
