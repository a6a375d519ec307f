package org.stagedoor.batch.report;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stagedoor.batch.output.Column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.stagedoor.batch.output.ColumnType.INTEGER;
import static org.stagedoor.batch.output.ColumnType.PERCENTAGE;
import static org.stagedoor.batch.output.ColumnType.TEXT;

/** Covers issue 13, privacy in aggregate reports: the rules of {@link SmallCells} on tables worked out by hand. */
class SmallCellsTests {

    private static final List<Column> COLUMNS = List.of(new Column("Dimension", TEXT), new Column("Category", TEXT),
            new Column("Customers", INTEGER), new Column("Share", PERCENTAGE), new Column("Note", TEXT));

    private static final SmallCells.Group ADDS_UP = new SmallCells.Group(List.of("Customers"), "Customers");

    private static final SmallCells RULES = new SmallCells("Dimension", List.of("Customers"), Map.of("Area", ADDS_UP),
            Map.of(), "Share", "Note");

    private static final String HIDDEN = "Hidden so that no number under 5 can be seen or worked out";

    @Test
    void theFirstOfTheSmallestVisibleGroupsCoversAHiddenOneUnderTheSameNote() {
        // 2 is under 5; 6, 6 and 9 are not. 2 + 6 covers it, the first 6 is taken, and the note does not tell which
        // of the two is under 5.
        List<Object[]> rows = List.of(row("A", 9L), row("B", 6L), row("C", 2L), row("D", 6L));

        assertThat(RULES.hide(COLUMNS, rows, 5)).containsExactly(
                new Object[] { "Area", "A", 9L, null, null },
                new Object[] { "Area", "B", null, null, HIDDEN },
                new Object[] { "Area", "C", null, null, HIDDEN },
                new Object[] { "Area", "D", 6L, null, null });
        assertThat(rows.get(2)[2]).as("the rows read are left alone").isEqualTo(2L);
    }

    @Test
    void twoSmallGroupsThatTogetherHoldTheMinimumCoverEachOther() {
        assertThat(RULES.hide(COLUMNS, List.of(row("A", 3L), row("B", 2L), row("C", 8L)), 5)).extracting(row -> row[2])
                .containsExactly(null, null, 8L);
    }

    @Test
    void aGroupOfZeroIsShownAndCoversNothing() {
        assertThat(RULES.hide(COLUMNS, List.of(row("A", 0L), row("B", 1L), row("C", 7L)), 5)).extracting(row -> row[2])
                .containsExactly(0L, null, null);
    }

    @Test
    void theMinimumIsTheVenuesSettingInTheNotesAndTheDescriptions() {
        assertThat(RULES.hide(COLUMNS, List.of(row("A", 6L), row("B", 6L)), 7)).extracting(row -> row[4])
                .containsExactly("Hidden so that no number under 7 can be seen or worked out",
                        "Hidden so that no number under 7 can be seen or worked out");
        assertThat(new ReportCatalogue(7).find("partner-demographics").orElseThrow().description())
                .contains("no group of fewer than 7 customers can be seen or worked out");
        assertThat(new ReportCatalogue(7).find("partner-customer-behaviour").orElseThrow().description())
                .contains("no number under 7 can be seen or worked out");
    }

    @Test
    void aRowOfAGroupWithNoRuleFailsTheRunRatherThanShowItsCounts() {
        Object[] stray = { "Age band", "Under 18", 1L, null, null };

        assertThatThrownBy(() -> RULES.hide(COLUMNS, List.<Object[]>of(stray), 5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Age band");
    }

    @Test
    void aReportCannotDeclareColumnsItDoesNotHave() {
        SmallCells wrong = new SmallCells("Dimension", List.of("Bookers"), Map.of("Area", ADDS_UP), Map.of(), "Share",
                "Note");

        assertThatThrownBy(() -> new ReportDefinition("r", "R", "", Audience.PARTNER, false, List.of(), COLUMNS,
                "select 1", wrong)).hasMessage("The report has no INTEGER column Bookers");
    }

    private static Object[] row(String category, long customers) {
        return Arrays.asList("Area", category, customers, null, null).toArray();
    }
}
