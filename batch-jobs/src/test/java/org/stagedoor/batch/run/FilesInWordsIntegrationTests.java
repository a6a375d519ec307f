package org.stagedoor.batch.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.saved.SavedReport;
import org.stagedoor.batch.saved.SavedReportDraft;
import org.stagedoor.batch.saved.SavedReports;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run's file says about itself, in words (issue 15 item 6): the About sheet's exact lines for a report, a
 * saved report and a customer list, over the hand-built venue of {@code venue.sql} at noon UTC on 20 October 2026
 * (13:00 in London).
 */
@SpringBootTest
@Import(ReportJobIntegrationTests.FixedClock.class)
class FilesInWordsIntegrationTests extends VenueIntegrationTest {

    private static final long NORTHERN = 1L;

    @Autowired
    SavedReports saved;

    @Autowired
    RunRecords records;

    @Test
    @DisplayName("covers issue 15 item 6: the run number and the period by its name and dates, under the catalogue's"
            + " labels")
    void theAboutSheetOfAReportGivesItsRunNumberAndItsPeriodInWords() throws IOException {
        ReportRun run = launcher.run(new RunRequest("partner-event-sales", NORTHERN, Map.of("period", "previous-week"),
                OutputFormat.XLSX, "tests"));

        assertThat(Spreadsheets.aboutLines(Path.of(run.location()))).containsExactly(
                "Report | Event sales",
                "Run number | " + run.id(),
                "Prepared for | Northern Lights Productions",
                "Performances in | Previous week: Monday 12 October to Sunday 18 October 2026",
                "Format | Excel workbook (XLSX)",
                "Data as of | 2026-10-20T13:00",
                "Time zone | Europe/London",
                "Rows | 0",
                "Data sheet | Data");
    }

    @Test
    @DisplayName("covers issue 15 item 6: chosen dates in words, and the venue's own report for the venue")
    void theAboutSheetOfAVenueReportGivesChosenDatesInWords() throws IOException {
        ReportRun run = launcher.run(new RunRequest("facilitated-sales", null,
                Map.of("period", "2026-10-01..2026-10-07"), OutputFormat.XLSX, "tests"));

        assertThat(Spreadsheets.aboutLines(Path.of(run.location()))).containsExactly(
                "Report | Facilitated sales (venue only)",
                "Run number | " + run.id(),
                "Prepared for | The venue",
                "Orders confirmed in | Thursday 1 October to Wednesday 7 October 2026",
                "Format | Excel workbook (XLSX)",
                "Data as of | 2026-10-20T13:00",
                "Time zone | Europe/London",
                "Rows | 9",
                "Data sheet | Data",
                "Personal data | Contains personal data of the venue's customers. Handle under the venue's data"
                        + " protection policy; do not forward.");
    }

    @Test
    @DisplayName("covers issue 15 item 6: a run of a saved report gives the saved report's name and version")
    void theAboutSheetOfASavedReportsRunNamesItAndItsVersion() throws IOException {
        SavedReport sales = saved.create(null, new SavedReportDraft("Last week's sales", "", "partner-event-sales",
                Map.of("period", "previous-week"), List.of(), OutputFormat.XLSX), "tests");
        SavedReport second = saved.update(sales.id(), new SavedReportDraft("Sales of the last 30 days", "", null,
                Map.of("period", "last-30-days"), List.of(), OutputFormat.XLSX), "tests");
        saved.grant(sales.id(), List.of(NORTHERN), "tests");

        ReportRun run = launcher.run(saved.runRequest(second, NORTHERN, Map.of(), null, "tests"));

        assertThat(Spreadsheets.aboutLines(Path.of(run.location()))).containsSequence(
                "Prepared for | Northern Lights Productions",
                "Saved report | Sales of the last 30 days (version 2)",
                "Performances in | Last 30 days: Sunday 20 September to Monday 19 October 2026");
        assertThat(records.get(run.id()).fileName()).as("named as the saved report, not the report's code")
                .isEqualTo("Sales of the last 30 days 2026-09-20 to 2026-10-19 (run " + run.id() + ").xlsx");
    }

    @Test
    @DisplayName("covers issue 15 item 6: a customer list's definition in sentences, with names, not ids or codes")
    void theAboutSheetOfACustomerListGivesItsDefinitionInSentences() throws IOException {
        ReportRun run = launcher.run(new RunRequest("customer-list", NORTHERN, Map.of("list", """
                {"name": "Macbeth bookers who said yes", "segments": [
                  {"type": "booking", "groupBy": "FACILITATOR", "partnerCompany": "run", "eventIds": [2],
                   "period": "2026-10-01..2026-10-11", "minTickets": 1},
                  {"operator": "AND", "type": "partner-preference", "partnerCompany": "run",
                   "states": ["YES", "NOT_ASKED"]},
                  {"operator": "EXCEPT", "type": "has-email", "value": false},
                  {"operator": "OR", "type": "purchasing", "groupBy": "OWNER", "kinds": ["TICKET"], "minAmount": 40.00,
                   "period": "previous-month", "partnerCompany": "run"}],
                 "columns": ["id", "first_name", "email", "preference_channel"]}
                """), OutputFormat.XLSX, "tests"));
        assertThat(run.status()).as(run.errorMessage()).isEqualTo(RunStatus.COMPLETED);
        Path file = Path.of(run.location());

        assertThat(Spreadsheets.aboutLines(file)).containsExactly(
                "Report | Customer list",
                "Run number | " + run.id(),
                "Prepared for | Northern Lights Productions",
                "Customer list | Macbeth bookers who said yes",
                "Who is on it | 1. Customers with at least 1 ticket (not returned) for performances of Macbeth from"
                        + " Thursday 1 October to Sunday 11 October 2026, counting the person who booked",
                " | 2. and also customers whose contact preference for Northern Lights Productions is yes or not asked"
                        + " (customers never asked count as not asked)",
                " | 3. but not customers without an email address",
                " | 4. or customers who spent at least £40.00 on tickets for events of Northern Lights Productions in"
                        + " orders confirmed in the previous month (1–30 Sep 2026), counting the person the order is"
                        + " for",
                " | Each line is taken with the result of the lines above it.",
                " | Whatever the lines say, only customers who had said yes to hearing from Northern Lights"
                        + " Productions when the list was made are on it.",
                "Columns | Customer id, First name, Email, Preference channel",
                "Format | Excel workbook (XLSX)",
                "Data as of | 2026-10-20T13:00",
                "Time zone | Europe/London",
                "Rows | " + run.rowCount(),
                "Data sheet | Data",
                "Personal data | Contains personal data of customers who consented to hear from Northern Lights"
                        + " Productions. Handle under your data-sharing agreement; do not forward.");
    }

    @Test
    @DisplayName("covers issue 15 item 6: same rows, same cut-off: the same sheets, the run number aside")
    void twoRunsOfTheSameRowsGiveTheSameWorkbookButForTheRunNumber() throws IOException {
        RunRequest request = new RunRequest("partner-customer-behaviour", NORTHERN,
                Map.of("period", ReportJobIntegrationTests.WEEK), OutputFormat.XLSX, "tests");
        ReportRun first = launcher.run(request);
        ReportRun second = launcher.run(request);

        assertThat(Spreadsheets.sheetNames(Path.of(first.location()))).containsExactly("Booking lead time",
                "Day of week of booking", "Group size", "New or returning", "Event crossover", "About");
        assertThat(Spreadsheets.entriesBesideRunNumber(Path.of(second.location())))
                .isEqualTo(Spreadsheets.entriesBesideRunNumber(Path.of(first.location())));
        assertThat(first.sha256()).isNotEqualTo(second.sha256());
    }

    @Test
    @DisplayName("covers issue 15 item 6: the opted-in list names its columns by their headings")
    void theAboutSheetOfTheOptInListNamesItsColumns() throws IOException {
        ReportRun run = launcher.run(new RunRequest("partner-optin-list", NORTHERN, Map.of("columns", "id,email"),
                OutputFormat.XLSX, "tests"));

        assertThat(Spreadsheets.aboutLines(Path.of(run.location()))).containsSequence(
                "Prepared for | Northern Lights Productions",
                "Columns | Customer id, Email",
                "Format | Excel workbook (XLSX)");
    }
}
