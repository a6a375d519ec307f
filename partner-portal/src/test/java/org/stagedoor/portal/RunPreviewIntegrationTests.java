package org.stagedoor.portal;

import org.junit.jupiter.api.Test;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.security.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A finished run's page shows the first rows of its file for reports without personal data (issue 14, "Preview
 * before running": the first rows of aggregate reports on the run page), read from the file itself, CSV or XLSX; a
 * personal-data list shows none, since a row on a page would be a share of its own.
 */
class RunPreviewIntegrationTests extends PortalIntegrationTest {

    @Test
    void aFinishedEventSalesRunShowsWhatItsCsvFileHolds() throws Exception {
        ReportRun run = completedEventSales(northern, OutputFormat.CSV, userA.email());

        mvc.perform(get("/portal/runs/{id}", run.id()).with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("What the file holds")))
                .andExpect(content().string(containsString("<th scope=\"col\">Event</th>")))
                .andExpect(content().string(containsString("<td>Hamlet</td>")))
                .andExpect(content().string(containsString("<td>60.00</td>")))
                .andExpect(content().string(not(containsString("Macbeth"))));
    }

    @Test
    void anXlsxFileIsShownAsItsCellsRead() throws Exception {
        ReportRun run = completedEventSales(northern, OutputFormat.XLSX, userA.email());

        mvc.perform(get("/portal/runs/{id}", run.id()).with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<th scope=\"col\">Event</th>")))
                .andExpect(content().string(containsString("<td>Hamlet</td>")))
                .andExpect(content().string(containsString("<td>3</td>")));
    }

    @Test
    void aLongerFileShowsItsFirstTwentyRowsAndSaysHowManyItHas() throws Exception {
        for (int i = 1; i <= 24; i++) {
            fixtures.performance("Play " + (i < 10 ? "0" : "") + i, 100, northern);
        }
        ReportRun run = completedEventSales(northern, OutputFormat.CSV, userA.email());

        mvc.perform(get("/portal/runs/{id}", run.id()).with(TestAccounts.as(userA)))
                .andExpect(content().string(containsString("The first 20 rows")))
                .andExpect(content().string(containsString("<td>Play 19</td>")))
                .andExpect(content().string(not(containsString("<td>Play 24</td>"))))
                .andExpect(content().string(containsString("Download the file for all")))
                .andExpect(content().string(containsString(">25</span> rows")));
    }

    @Test
    void aWorkbookWithASheetPerMeasureShowsEachSheetUnderItsName() throws Exception {
        ReportRun run = launcher.run(new org.stagedoor.batch.run.RunRequest("partner-customer-behaviour",
                northern.id(), java.util.Map.of("period", PERIOD), OutputFormat.XLSX, userA.email()));

        String page = mvc.perform(get("/portal/runs/{id}", run.id()).with(TestAccounts.as(userA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("What the file holds", "<h3>Booking lead time</h3>", "<h3>Group size</h3>")
                .doesNotContain("<h3>About</h3>");
    }

    @Test
    void aPersonalDataListShowsNoRows() throws Exception {
        ReportRun run = launcher.run(new org.stagedoor.batch.run.RunRequest("partner-optin-list", northern.id(),
                java.util.Map.of(), OutputFormat.CSV, userA.email()));

        mvc.perform(get("/portal/runs/{id}", run.id()).with(TestAccounts.as(userA)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"first-rows\""))))
                .andExpect(content().string(not(containsString("What the file holds"))))
                .andExpect(content().string(not(containsString("See what the file holds"))));
    }
}
