package org.stagedoor.booking.imports;

import java.util.Locale;

/**
 * What an import did, or would have done, with the rows of one file; {@code unread} when the file could not be read
 * through (its first line, its quoting), so that its rows after that point were not checked.
 */
public record FileCount(String file, long rows, long added, long updated, long unchanged, long closed, long refused,
        boolean unread) {

    /** "1,200 rows: 300 added, 1 updated, 899 unchanged", naming only what happened. */
    public String inWords() {
        String changes = changesInWords();
        return String.format(Locale.ROOT, "%,d %s", rows, rows == 1 ? "row" : "rows")
                + (changes.isEmpty() ? "" : ": " + changes);
    }

    /** "300 added, 1 updated, 899 unchanged": what happened to the rows, naming only what did; "" for nothing. */
    public String changesInWords() {
        StringBuilder words = new StringBuilder();
        for (var part : new Object[][] { { added, "added" }, { updated, "updated" }, { unchanged, "unchanged" },
                { closed, "closed" }, { refused, "refused" } }) {
            if ((long) part[0] > 0) {
                words.append(words.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%,d", part[0]))
                        .append(' ').append(part[1]);
            }
        }
        return words.toString();
    }
}
