package org.stagedoor.scheduler.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import org.stagedoor.batch.output.OutputFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The text of report mails: what they say, in both parts, and that data cannot inject HTML. */
class MailContentTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final String LINK = "https://portal.example/runs/42/file";

    private static ReportFacts facts(String partner, long fileSize, boolean personalData) {
        return new ReportFacts(42, "Event sales", partner, Map.of("period", "5–11 Oct 2026"), 1234L,
                Instant.parse("2026-11-22T07:00:00Z"), Instant.parse("2026-12-22T07:00:00Z"), personalData,
                "Event sales (run 42).xlsx", OutputFormat.XLSX, fileSize, List.of(), 0);
    }

    private static ReportFacts withdrawn(OutputFormat format, long count, ReportFacts.Withdrawn... listed) {
        return new ReportFacts(42, "Opted-in customers", "Northern Lights Productions", Map.of(), 2L,
                Instant.parse("2026-11-22T07:00:00Z"), Instant.parse("2026-12-22T07:00:00Z"), true,
                "Opted-in customers (run 42)." + format.name().toLowerCase(), format, 500, List.of(listed), count);
    }

    @Test
    void anAttachedReportSaysWhatItIsForWhomWhichPeriodHowManyRowsAndWhen() {
        MailContent content = MailContent.report(facts("Northern Lights Productions", 5000, false),
                DeliveryMode.ATTACHMENT, DataSize.ofMegabytes(10), LINK, LONDON);

        assertThat(content.attach()).isTrue();
        assertThat(content.plain()).contains("Event sales for Northern Lights Productions", "Period: 5–11 Oct 2026",
                "Rows: 1,234", "Generated at: 22 Nov 2026 07:00 (Europe/London)",
                "The report is attached: Event sales (run 42).xlsx (4.9 KB)")
                .doesNotContain(LINK, "personal data");
        assertThat(content.html()).contains("<th style=\"text-align: left; padding-right: 1em\">Period</th><td>5–11 Oct"
                + " 2026</td>", "22 Nov 2026 07:00 (Europe/London)", "<strong>Event sales (run 42).xlsx</strong>");
    }

    @Test
    void theVenuesOwnRunIsForTheVenue() {
        MailContent content = MailContent.report(facts(null, 5000, false), DeliveryMode.ATTACHMENT,
                DataSize.ofMegabytes(10), LINK, LONDON);

        assertThat(content.plain()).startsWith("Event sales for the venue\n").contains("For: the venue");
    }

    @Test
    void aLinkDeliverySaysWhereAndUntilWhenWithoutExcuses() {
        MailContent content = MailContent.report(facts("Northern Lights Productions", 5000, false), DeliveryMode.LINK,
                DataSize.ofMegabytes(10), LINK, LONDON);

        assertThat(content.attach()).isFalse();
        assertThat(content.plain()).contains(LINK, "Available until 22 Dec 2026 07:00 (Europe/London).")
                .doesNotContain("larger than", "attached");
        assertThat(content.html()).contains("<a href=\"" + LINK + "\">");
    }

    @Test
    void aFileOverTheLimitIsLinkedAndTheMailSaysWhy() {
        MailContent content = MailContent.report(facts("Northern Lights Productions", 15L * 1024 * 1024, false),
                DeliveryMode.ATTACHMENT, DataSize.ofMegabytes(10), LINK, LONDON);

        assertThat(content.attach()).isFalse();
        assertThat(content.plain()).contains("The file (15.0 MB) is larger than the 10.0 MB a mail may carry", LINK);
        assertThat(content.html()).contains("is larger than the 10.0 MB", LINK);
    }

    @Test
    void aFileExactlyAtTheLimitIsStillAttached() {
        assertThat(MailContent.report(facts("N", 10L * 1024 * 1024, false), DeliveryMode.ATTACHMENT,
                DataSize.ofMegabytes(10), LINK, LONDON).attach()).isTrue();
    }

    @Test
    void everyValueFromTheDataIsEscapedInTheHtmlAndLeftAsItIsInThePlainText() {
        ReportFacts hostile = new ReportFacts(42, "Sales <script>alert(1)</script>", "Smith & \"Sons\" <Ltd>",
                Map.of("period", "<i>x</i>"), 1L, Instant.parse("2026-11-22T07:00:00Z"),
                Instant.parse("2026-12-22T07:00:00Z"), false, "a<b>.csv", OutputFormat.CSV, 10,
                List.of(new ReportFacts.Withdrawn(7, "<b>eve</b>@example.org", "NO")), 1);

        MailContent content = MailContent.report(hostile, DeliveryMode.ATTACHMENT, DataSize.ofMegabytes(10), LINK,
                LONDON);

        assertThat(content.html()).doesNotContain("<script>", "<Ltd>", "<i>x</i>", "a<b>", "<b>eve")
                .contains("Sales &lt;script&gt;alert(1)&lt;/script&gt;", "Smith &amp; &quot;Sons&quot; &lt;Ltd&gt;",
                        "&lt;i&gt;x&lt;/i&gt;", "a&lt;b&gt;.csv", "&lt;b&gt;eve&lt;/b&gt;@example.org");
        assertThat(content.plain()).contains("Sales <script>alert(1)</script> for Smith & \"Sons\" <Ltd>");
    }

    @Test
    void personalDataIsPointedOut() {
        MailContent content = MailContent.report(facts("Northern Lights Productions", 500, true),
                DeliveryMode.ATTACHMENT, DataSize.ofMegabytes(10), LINK, LONDON);

        assertThat(content.plain()).contains("personal data of customers who agreed to share it with Northern Lights"
                + " Productions");
    }

    @Test
    void customersWithdrawnSinceTheLastListAreListedInBothPartsWithWhatTheCompanyMustDo() {
        // covers R-6: the company is told whom it must stop contacting
        MailContent content = MailContent.report(withdrawn(OutputFormat.XLSX, 3,
                new ReportFacts.Withdrawn(5, "dee@example.org", "NO"),
                new ReportFacts.Withdrawn(9, "ada@example.org", "ERASED"),
                new ReportFacts.Withdrawn(12, null, "NOT_ASKED")),
                DeliveryMode.ATTACHMENT, DataSize.ofMegabytes(10), LINK, LONDON);

        assertThat(content.plain()).contains("Withdrawn since your last list",
                "3 customers whose details were shared with Northern Lights Productions have withdrawn their consent",
                "must no longer be contacted", "- Customer 5: dee@example.org (withdrew consent)",
                "- Customer 9: ada@example.org (erased at their request)",
                "- Customer 12: no email address was shared (consent no longer given)")
                .doesNotContain("more (");
        assertThat(content.html()).contains("<h2 id=\"withdrawn\"", "Withdrawn since your last list",
                "<li>Customer 5: dee@example.org (withdrew consent)</li>");
    }

    @Test
    void beyondTheListedWithdrawnTheMailSaysHowManyMoreAndWhereTheFullListIs() {
        MailContent xlsx = MailContent.report(withdrawn(OutputFormat.XLSX, 1250,
                new ReportFacts.Withdrawn(5, "dee@example.org", "NO")),
                DeliveryMode.ATTACHMENT, DataSize.ofMegabytes(10), LINK, LONDON);
        MailContent csv = MailContent.report(withdrawn(OutputFormat.CSV, 1250,
                new ReportFacts.Withdrawn(5, "dee@example.org", "NO")),
                DeliveryMode.LINK, DataSize.ofMegabytes(10), LINK, LONDON);

        assertThat(xlsx.plain()).contains("1,250 customers whose details",
                "… and 1,249 more (1,250 in all): the full list is in the \"Withdrawn\" sheet of the report file.");
        assertThat(xlsx.html()).contains("… and 1,249 more (1,250 in all)", "&quot;Withdrawn&quot; sheet");
        assertThat(csv.plain()).contains("… and 1,249 more (1,250 in all): the full list is with the run on the"
                + " partner portal.");
    }

    @Test
    void aMailWithNoWithdrawnCustomerHasNoSuchSection() {
        MailContent content = MailContent.report(facts("Northern Lights Productions", 500, true),
                DeliveryMode.ATTACHMENT, DataSize.ofMegabytes(10), LINK, LONDON);

        assertThat(content.plain()).doesNotContain("Withdrawn", "no longer be contacted");
        assertThat(content.html()).doesNotContain("Withdrawn", "id=\"withdrawn\"");
    }

    @Test
    void timesAreShownOnTheVenuesClockWithSummerTimeAndEnglishMonths() {
        assertThat(MailContent.when(Instant.parse("2026-09-01T06:00:00Z"), LONDON))
                .isEqualTo("1 Sep 2026 07:00 (Europe/London)");
        assertThat(MailContent.when(Instant.parse("2026-11-22T07:00:00Z"), LONDON))
                .isEqualTo("22 Nov 2026 07:00 (Europe/London)");
    }

    @Test
    void sizesReadAsPeopleReadThem() {
        assertThat(MailContent.size(1)).isEqualTo("1 byte");
        assertThat(MailContent.size(1023)).isEqualTo("1023 bytes");
        assertThat(MailContent.size(1536)).isEqualTo("1.5 KB");
        assertThat(MailContent.size(10L * 1024 * 1024)).isEqualTo("10.0 MB");
    }
}
