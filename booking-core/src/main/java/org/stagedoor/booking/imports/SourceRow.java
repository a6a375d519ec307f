package org.stagedoor.booking.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of an import file, read by column name. Each reading of a value that is missing or malformed records a
 * refusal in words naming the column and returns null, so that a row reports every fault it has, not only the first;
 * a row with any refusal writes nothing.
 */
final class SourceRow {

    private final String file;

    private final long line;

    private final Map<String, Integer> columns;

    private final String[] values;

    private final ZoneId zone;

    private final List<Refusal> refusals = new ArrayList<>();

    SourceRow(String file, long line, Map<String, Integer> columns, String[] values, ZoneId zone) {
        this.file = file;
        this.line = line;
        this.columns = columns;
        this.values = values;
        this.zone = zone;
    }

    String file() {
        return file;
    }

    long line() {
        return line;
    }

    List<Refusal> refusals() {
        return refusals;
    }

    boolean refused() {
        return !refusals.isEmpty();
    }

    void refuse(String field, String reason) {
        refusals.add(new Refusal(file, line, field, reason));
    }

    /** The value as written, trimmed; null when the column is absent or the value blank. */
    String text(String column) {
        Integer index = columns.get(column);
        if (index == null || index >= values.length) {
            return null;
        }
        String value = values[index].strip();
        return value.isEmpty() ? null : value;
    }

    String required(String column) {
        String value = text(column);
        if (value == null) {
            refuse(column, "A value is required here.");
        }
        return value;
    }

    /** A source system's id (its own or a reference): at most as long as the store keeps one (V21). */
    String id(String column, boolean required) {
        String value = required ? required(column) : text(column);
        if (value != null && value.length() > 200) {
            refuse(column, "An id is at most 200 characters long; this one is " + value.length() + ".");
            return null;
        }
        return value;
    }

    /** yes or no; {@code fallback} when blank and not required (null fallback: required). */
    Boolean yesNo(String column, Boolean fallback) {
        String value = fallback == null ? required(column) : text(column);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> {
                refuse(column, "Write yes or no here, not '" + value + "'.");
                yield null;
            }
        };
    }

    /** One of the words {@code choices} names (case does not matter), returned as the store's value. */
    String choice(String column, Map<String, String> choices, String fallback) {
        String value = fallback == null ? required(column) : text(column);
        if (value == null) {
            return fallback;
        }
        String stored = choices.get(value.toLowerCase(Locale.ROOT));
        if (stored == null) {
            refuse(column, "Write one of " + String.join(", ", choices.keySet()) + " here, not '" + value + "'.");
        }
        return stored;
    }

    Integer wholeNumber(String column, int minimum, Integer fallback) {
        String value = fallback == null ? required(column) : text(column);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= minimum) {
                return number;
            }
        }
        catch (NumberFormatException ex) {
            // Said below, with the other cases.
        }
        refuse(column, "Write a whole number of " + minimum + " or more here, not '" + value + "'.");
        return null;
    }

    /** An amount of money: zero or more (more than zero when {@code positive}), at most two decimals. */
    BigDecimal amount(String column, boolean positive) {
        String value = required(column);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value);
            if (amount.scale() <= 2 && amount.signum() >= (positive ? 1 : 0)
                    && amount.precision() - amount.scale() <= 8) {
                return amount;
            }
        }
        catch (NumberFormatException ex) {
            // Said below, with the other cases.
        }
        refuse(column, "Write an amount " + (positive ? "above" : "of") + " zero" + (positive ? "" : " or more")
                + " with at most two decimals, such as 12.50, here, not '" + value + "'.");
        return null;
    }

    LocalDate date(String column, boolean required) {
        String value = required ? required(column) : text(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException ex) {
            refuse(column, "Write a date as year-month-day, such as 2026-03-01, here, not '" + value + "'.");
            return null;
        }
    }

    /** A moment: with its offset from UTC, or without one in the venue's time zone. */
    Instant moment(String column, Instant fallback) {
        String value = fallback == null ? required(column) : text(column);
        if (value == null) {
            return fallback;
        }
        String iso = value.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        }
        catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(iso).atZone(zone).toInstant();
            }
            catch (DateTimeParseException ex) {
                refuse(column, "Write a date and time such as 2026-03-01 19:30 here, not '" + value + "'.");
                return null;
            }
        }
    }
}
