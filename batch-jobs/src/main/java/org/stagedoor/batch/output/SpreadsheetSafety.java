package org.stagedoor.batch.output;

/**
 * Defuses text that a spreadsheet would run as a formula (OWASP "CSV injection"): a customer who calls
 * themselves {@code =HYPERLINK(...)} must reach a partner's spreadsheet as inert text.
 */
public final class SpreadsheetSafety {

    private SpreadsheetSafety() {
    }

    /**
     * Returns the text with a leading single quote if it starts with a character that makes spreadsheets
     * read a formula ({@code = + - @}, tab or carriage return); otherwise the text itself. The quote
     * stays visible, which is the point: the value survives copy and paste into another sheet inertly.
     *
     * @param text any text, or {@code null}
     * @return the neutralised text; {@code null} for {@code null}
     */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
