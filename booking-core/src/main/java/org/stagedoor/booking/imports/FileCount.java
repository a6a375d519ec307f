package org.stagedoor.booking.imports;

/**
 * What an import did, or would have done, with the rows of one file; {@code unread} when the file could not be read
 * through (its first line, its quoting), so that its rows after that point were not checked.
 */
public record FileCount(String file, long rows, long added, long updated, long unchanged, long closed, long refused,
        boolean unread) {

    /** "12 rows: 3 added, 1 updated, 8 unchanged", naming only what happened. */
    public String inWords() {
        StringBuilder words = new StringBuilder().append(rows).append(rows == 1 ? " row" : " rows");
        String separator = ": ";
        for (var part : new Object[][] { { added, "added" }, { updated, "updated" }, { unchanged, "unchanged" },
                { closed, "closed" }, { refused, "refused" } }) {
            if ((long) part[0] > 0) {
                words.append(separator).append(part[0]).append(' ').append(part[1]);
                separator = ", ";
            }
        }
        return words.toString();
    }
}
