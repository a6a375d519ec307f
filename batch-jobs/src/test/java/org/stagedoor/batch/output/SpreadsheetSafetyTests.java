package org.stagedoor.batch.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SpreadsheetSafetyTests {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")"})
    void prefixesTextThatSpreadsheetsWouldReadAsAFormula(String payload) {
        assertThat(SpreadsheetSafety.neutralise(payload)).isEqualTo("'" + payload);
    }

    /** Pairs of text and its neutralised form, with line breaks and tabs written as escapes. */
    @ParameterizedTest(name = "[{index}] {0}")
    @DisplayName("covers issue 13 item 8: a formula may start a field under , ; or tab, or a line inside the text")
    @CsvSource(delimiter = '^', quoteCharacter = '`', textBlock = """
            Baker;=2*21;         ^ Baker;'=2*21;
            Smith;-1             ^ Smith;'-1
            Smith,+1             ^ Smith,'+1
            Smith\\t@SUM(A1)     ^ Smith\\t'@SUM(A1)
            a\\n=1                ^ a\\n'=1
            a\\r\\n=1              ^ a\\r\\n'=1
            a;"=1                ^ a;"'=1
            =1;=2                ^ '=1;'=2
            """)
    void quotesEveryFormulaThatCouldStartAField(String text, String expected) {
        assertThat(SpreadsheetSafety.neutralise(unescape(text))).isEqualTo(unescape(expected));
    }

    @ParameterizedTest
    @DisplayName("covers issue 13 item 8: text starting with a tab or line break")
    @ValueSource(strings = {"\n=1", "\t=1", "\r=1"})
    void quotesTextStartingWithATabOrLineBreakAndTheFormulaAfterIt(String payload) {
        assertThat(SpreadsheetSafety.neutralise(payload)).isEqualTo("'" + payload.charAt(0) + "'=1");
    }

    @Test
    void quotesTextStartingWithALineFeedEvenWithoutAFormulaAfterIt() {
        assertThat(SpreadsheetSafety.neutralise("\nBaker")).isEqualTo("'\nBaker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada Lovelace", "Jean-Paul", "2-for-1", "a=b", "x@example.org", "Smith; Jones",
            "Smith, -1", " =1", "'=1", "O'Brien", "£12.50", "1+1", "12.50",
            "2026-11-09", "Line one\nLine two"})
    void leavesOtherTextAlone(String text) {
        assertThat(SpreadsheetSafety.neutralise(text)).isSameAs(text);
    }

    @Test
    void leavesNullAndEmptyTextAlone() {
        assertThat(SpreadsheetSafety.neutralise(null)).isNull();
        assertThat(SpreadsheetSafety.neutralise("")).isEmpty();
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
    }
}
