package org.stagedoor.batch.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SpreadsheetSafetyTests {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")"})
    void prefixesTextThatSpreadsheetsWouldReadAsAFormula(String payload) {
        assertThat(SpreadsheetSafety.neutralise(payload)).isEqualTo("'" + payload);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada Lovelace", "1+1", "a=b", " =1", "'=1", "O'Brien", "£12.50"})
    void leavesOtherTextAlone(String text) {
        assertThat(SpreadsheetSafety.neutralise(text)).isSameAs(text);
    }

    @Test
    void leavesNullAndEmptyTextAlone() {
        assertThat(SpreadsheetSafety.neutralise(null)).isNull();
        assertThat(SpreadsheetSafety.neutralise("")).isEmpty();
    }
}
