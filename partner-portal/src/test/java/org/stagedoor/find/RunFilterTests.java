package org.stagedoor.find;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stagedoor.batch.run.RunQuery;
import org.stagedoor.batch.run.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;

class RunFilterTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void aLinkKeepsEveryFilterGivenEncodedWholeAndTheCursor() {
        RunFilter filter = new RunFilter("partner-event-sales", "3", RunStatus.FAILED, " ann+box@northern.example ",
                LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), 70L, null);

        assertThat(filter.link("/admin/runs", "before", 41L)).isEqualTo("/admin/runs?report=partner-event-sales"
                + "&company=3&status=FAILED&person=ann%2Bbox%40northern.example&from=2026-10-01&to=2026-10-31"
                + "&before=41");
        assertThat(RunFilter.none().link("/portal/runs", null, null)).isEqualTo("/portal/runs");
        assertThat(RunFilter.none().narrowed()).isFalse();
        assertThat(filter.narrowed()).isTrue();
    }

    @Test
    void daysAreTheVenuesFromMidnightToTheNextMidnightAfterTheLast() {
        RunFilter filter = new RunFilter(null, "venue", null, null, LocalDate.of(2026, 10, 25),
                LocalDate.of(2026, 10, 25), null, null);

        // 25 October 2026: the clocks go back in London, so the day is 25 hours long.
        assertThat(filter.query(null, LONDON)).isEqualTo(new RunQuery(null, true, null, null, null,
                Instant.parse("2026-10-24T23:00:00Z"), Instant.parse("2026-10-26T00:00:00Z")));
    }

    @Test
    void aPartnerSeesOnlyItsOwnCompanyWhateverIsAsked() {
        RunFilter asked = new RunFilter(null, "venue", null, "nora", null, null, null, null);

        assertThat(asked.query(7L, LONDON)).isEqualTo(new RunQuery(7L, false, null, null, "nora", null, null));
        assertThat(new RunFilter(null, "9", null, null, null, null, null, null).query(7L, LONDON).partnerCompanyId())
                .isEqualTo(7L);
    }

    @Test
    void aPageFetchedOneLongerKnowsWhetherOlderOrNewerRowsExist() {
        // Going older from the newest: rows 9..5 of a fetch of six, so older ones exist; no newer ones.
        assertThat(Page.of(List.of(9L, 8L, 7L, 6L, 5L, 4L), 5, null, null, id -> id))
                .isEqualTo(new Page<>(List.of(9L, 8L, 7L, 6L, 5L), null, 5L));
        // Going older from row 10: newer ones exist (row 9 continues back to them).
        assertThat(Page.of(List.of(9L, 8L), 5, 10L, null, id -> id))
                .isEqualTo(new Page<>(List.of(9L, 8L), 9L, null));
        // Going newer from row 3: the extra row is the newest, dropped; older ones exist from row 4.
        assertThat(Page.of(List.of(9L, 8L, 7L, 6L, 5L, 4L), 5, null, 3L, id -> id))
                .isEqualTo(new Page<>(List.of(8L, 7L, 6L, 5L, 4L), 8L, 4L));
        assertThat(Page.of(List.of(5L, 4L), 5, null, 3L, id -> id))
                .isEqualTo(new Page<>(List.of(5L, 4L), null, 4L));
    }
}
