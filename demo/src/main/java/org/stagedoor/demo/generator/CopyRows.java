package org.stagedoor.demo.generator;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Rows for one table in PostgreSQL's COPY text format, encoded as UTF-8 into a reusable buffer and
 * sent with {@link #flush}. The caller flushes at row boundaries that keep foreign keys satisfied
 * (orders before their tickets), so the heap holds one chunk of rows, never a whole table.
 */
final class CopyRows {

    private static final byte[] NULL = { '\\', 'N' };

    private static final int SEND_SLICE = 1 << 16;

    private final String sql;

    private byte[] buffer = new byte[1 << 16];

    private int length;

    private boolean rowStarted;

    private int pendingRows;

    private long rows;

    CopyRows(String table, String columns) {
        this.sql = "copy " + table + " (" + columns + ") from stdin";
    }

    /** Rows written so far, flushed or not. */
    long rows() {
        return rows;
    }

    int pendingRows() {
        return pendingRows;
    }

    /** Sends the buffered rows as one COPY statement; foreign keys are checked at its end. */
    void flush(CopyManager copy) throws SQLException {
        if (pendingRows == 0) {
            return;
        }
        CopyIn in = copy.copyIn(sql);
        try {
            for (int offset = 0; offset < length; offset += SEND_SLICE) {
                in.writeToCopy(buffer, offset, Math.min(SEND_SLICE, length - offset));
            }
            in.endCopy();
        }
        finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        length = 0;
        pendingRows = 0;
    }

    CopyRows text(String value) {
        separate();
        if (value == null) {
            put(NULL);
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> put2('\\', '\\');
                case '\t' -> put2('\\', 't');
                case '\n' -> put2('\\', 'n');
                case '\r' -> put2('\\', 'r');
                default -> {
                    if (c < 0x80) {
                        put((byte) c);
                    }
                    else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        codePoint(Character.toCodePoint(c, value.charAt(++i)));
                    }
                    else {
                        // A lone surrogate has no UTF-8 form; PostgreSQL would refuse the whole chunk.
                        codePoint(Character.isSurrogate(c) ? 0xFFFD : c);
                    }
                }
            }
        }
        return this;
    }

    CopyRows nullValue() {
        separate();
        put(NULL);
        return this;
    }

    CopyRows number(long value) {
        separate();
        if (value < 0) {
            put((byte) '-');
            value = -value;
        }
        digits(value, 1);
        return this;
    }

    /** An id, or NULL for zero (no row has id zero). */
    CopyRows reference(long id) {
        return id == 0 ? nullValue() : number(id);
    }

    /** An amount of money in pence, as numeric(10, 2). */
    CopyRows money(long pence) {
        separate();
        digits(pence / 100, 1);
        put((byte) '.');
        digits(pence % 100, 2);
        return this;
    }

    CopyRows bool(boolean value) {
        separate();
        put(value ? (byte) 't' : (byte) 'f');
        return this;
    }

    /** A timestamptz, given in seconds since the epoch, written in UTC: "2026-03-14 19:30:00+00". */
    CopyRows timestamp(long epochSecond) {
        separate();
        long day = Math.floorDiv(epochSecond, 86_400L);
        long second = Math.floorMod(epochSecond, 86_400L);
        putDate(LocalDate.ofEpochDay(day));
        put((byte) ' ');
        digits(second / 3600, 2);
        put((byte) ':');
        digits(second / 60 % 60, 2);
        put((byte) ':');
        digits(second % 60, 2);
        put((byte) '+');
        put2('0', '0');
        return this;
    }

    CopyRows date(long epochDay) {
        separate();
        putDate(LocalDate.ofEpochDay(epochDay));
        return this;
    }

    void endRow() {
        put((byte) '\n');
        rowStarted = false;
        pendingRows++;
        rows++;
    }

    private void putDate(LocalDate date) {
        digits(date.getYear(), 4);
        put((byte) '-');
        digits(date.getMonthValue(), 2);
        put((byte) '-');
        digits(date.getDayOfMonth(), 2);
    }

    private void separate() {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
    }

    private void digits(long value, int width) {
        int count = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            count++;
        }
        for (int pad = count; pad < width; pad++) {
            put((byte) '0');
        }
        ensure(count);
        for (int i = count - 1; i >= 0; i--) {
            buffer[length + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += count;
    }

    private void codePoint(int codePoint) {
        if (codePoint < 0x800) {
            put((byte) (0xC0 | codePoint >> 6));
            put((byte) (0x80 | codePoint & 0x3F));
        }
        else if (codePoint < 0x10000) {
            put((byte) (0xE0 | codePoint >> 12));
            put((byte) (0x80 | codePoint >> 6 & 0x3F));
            put((byte) (0x80 | codePoint & 0x3F));
        }
        else {
            put((byte) (0xF0 | codePoint >> 18));
            put((byte) (0x80 | codePoint >> 12 & 0x3F));
            put((byte) (0x80 | codePoint >> 6 & 0x3F));
            put((byte) (0x80 | codePoint & 0x3F));
        }
    }

    private void put2(char first, char second) {
        put((byte) first);
        put((byte) second);
    }

    private void put(byte[] bytes) {
        for (byte b : bytes) {
            put(b);
        }
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
