package org.stagedoor.batch.output;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Columns, rows and descriptions shared by the writer tests. */
final class Fixtures {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** 19:30 in London on 9 November 2026 (GMT, so also 19:30 UTC). */
    static final Instant GENERATED_AT = Instant.parse("2026-11-09T19:30:00Z");

    static final List<Column> COLUMNS = List.of(
            new Column("Customer", ColumnType.TEXT),
            new Column("Tickets", ColumnType.INTEGER),
            new Column("Amount", ColumnType.MONEY),
            new Column("Event date", ColumnType.DATE),
            new Column("Booked at", ColumnType.TIMESTAMP),
            new Column("Discount", ColumnType.PERCENTAGE));

    private Fixtures() {
    }

    /** A code family as the store keeps it, for the tests of columns written in words. */
    enum Channel {
        ONLINE_CHECKOUT("Online checkout"), BOX_OFFICE("Box office"), NOT_ASKED("Not asked");

        private final String words;

        Channel(String words) {
            this.words = words;
        }

        String words() {
            return words;
        }
    }

    static final CodeWords CHANNELS = CodeWords.of(Channel.class, Channel::words);

    static final FileDescription.Line PERIOD = new FileDescription.Line("Performances in",
            "Previous week: Monday 2 November to Sunday 8 November 2026");

    static FileDescription description() {
        return new FileDescription("Event sales", 1234L, "Northern Lights Theatre Company", List.of(PERIOD),
                GENERATED_AT, LONDON, true, false, null);
    }

    static FileDescription venueDescription() {
        return new FileDescription("Event sales", 1234L, null, List.of(), GENERATED_AT, LONDON, false, false, null);
    }

    static FileDescription withByteOrderMark() {
        return new FileDescription("Event sales", 1234L, null, List.of(), GENERATED_AT, LONDON, false, true, null);
    }

    /** A description whose XLSX gives each value of {@code column} a sheet of its own. */
    static FileDescription sheetPerValueOf(String column) {
        return sheetPerValueOf(new SheetSplit(column));
    }

    static FileDescription sheetPerValueOf(SheetSplit split) {
        return new FileDescription("Customer behaviour", 1234L, "Northern Lights Theatre Company", List.of(PERIOD),
                GENERATED_AT, LONDON, false, false, split);
    }

    /** A row whose booking time is in British Summer Time, so the zone shows (UTC+1). */
    static Object[] row() {
        return new Object[] {"Ada Lovelace", 2, new BigDecimal("12.5"), LocalDate.of(2026, 11, 9),
                Instant.parse("2026-07-01T18:30:00Z"), new BigDecimal("0.25")};
    }

    /** Row {@code i} of a long, varied report. */
    static Object[] row(int i) {
        return new Object[] {"Customer " + i, (long) i, BigDecimal.valueOf(i, 2),
                LocalDate.of(2026, 1, 1).plusDays(i % 365), GENERATED_AT.plusSeconds(60L * i),
                i % 2 == 0 ? Double.valueOf(i % 100 / 100.0) : null};
    }
}
