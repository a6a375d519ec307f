package org.stagedoor.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.preference.PreferenceState;

import static org.assertj.core.api.Assertions.assertThat;

/** Covers issue 15 item 1: the values, fields and parameters the code keeps by name, in the words people read. */
class WordsTests {

    private final Words words = new Words(new ReportCatalogue(10));

    @Test
    void anEnumIsSaidInWordsWhetherGivenAsItselfOrAsItsName() {
        assertThat(words.of(PreferenceState.NOT_ASKED)).isEqualTo("Not asked");
        assertThat(words.of(PreferenceChannel.ONLINE_CHECKOUT)).isEqualTo("Online checkout");
        assertThat(words.of("PORTAL_USER")).isEqualTo("Partner user");
        assertThat(words.of(null)).isEmpty();
        assertThat(Words.inSentence(PreferenceState.NOT_ASKED)).isEqualTo("not asked");
        assertThat(Words.inSentence("XLSX")).isEqualTo("Excel (XLSX)");
    }

    @Test
    void aReportIsNamedByItsTitle() {
        assertThat(words.report("partner-event-sales")).isEqualTo("Event sales");
        assertThat(words.report("gone")).isEqualTo("A report no longer offered");
    }

    @Test
    void aFieldIsNamedAsAPersonReadsIt() {
        assertThat(Words.field("name")).isEqualTo("Name");
        assertThat(Words.field("parameters.period")).isEqualTo("Period");
        assertThat(Words.field("recipients[2]")).isEqualTo("Recipients");
        assertThat(Words.field("partnerCompanyId")).isEqualTo("Partner company");
        assertThat(Words.field("list.segments[1].minAmount")).isEqualTo("Segment 2: min amount");
        assertThat(Words.field("segments[0].groupBy")).isEqualTo("Segment 1: group by");
    }

    @Test
    void parametersAreSaidInALine() {
        assertThat(Words.parameters(Map.of("period", "last-30-days", "list", "{\"name\": \"Big spenders\"}"),
                Map.of("periodLabel", "1–30 Nov 2026"))).isEqualTo(
                        "Customer list: Big spenders; Period: Last 30 days (1–30 Nov 2026)");
        assertThat(Words.parameters(Map.of("period", "2026-11-01..2026-11-30"), Map.of("periodLabel",
                "1–30 Nov 2026"))).isEqualTo("Period: 1–30 Nov 2026");
        assertThat(Words.parameters(Map.of(), Map.of())).isEqualTo("none");
    }
}
