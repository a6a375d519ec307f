package org.stagedoor.batch.output;

/**
 * Defuses CSV text that a spreadsheet would run as a formula (OWASP "CSV injection"): a customer who calls
 * themselves {@code =HYPERLINK(...)} must reach a partner's spreadsheet as inert text. CSV only: an XLSX text
 * cell is never a formula, so there the value is written exactly as stored.
 */
public final class SpreadsheetSafety {

    private SpreadsheetSafety() {
    }

    /**
     * Returns the text with a single quote before every formula character ({@code = + - @}) that could start
     * a field: at the start, after a {@code ,}, {@code ;} or tab (the separators a spreadsheet may split at) or
     * a line break, allowing for double quotes that open a quoted field. Text starting with a tab or line break
     * gets a quote at the start too, as OWASP advises. The quotes inside are needed because a comma-separated
     * file opened with {@code ;} as the separator is split inside values, quoted or not: {@code 'Baker;=2*21}
     * still holds the formula {@code =2*21}. The quotes stay visible, which is the point: the value survives
     * copy and paste into another sheet inertly.
     *
     * @param text any text, or {@code null}
     * @return the neutralised text; the text itself if nothing in it could start a formula
     */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder safe = null;
        if (isTabOrLineBreak(text.charAt(0))) {
            safe = new StringBuilder(text.length() + 2).append('\'');
        }
        boolean fieldStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (fieldStart && startsFormula(c)) {
                if (safe == null) {
                    safe = new StringBuilder(text.length() + 2).append(text, 0, i);
                }
                safe.append('\'');
            }
            if (safe != null) {
                safe.append(c);
            }
            // A quote opening a quoted field does not end the field's start.
            fieldStart = endsField(c) || (fieldStart && c == '"');
        }
        return safe == null ? text : safe.toString();
    }

    private static boolean startsFormula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@';
    }

    private static boolean isTabOrLineBreak(char c) {
        return c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean endsField(char c) {
        return c == ',' || c == ';' || isTabOrLineBreak(c);
    }
}
