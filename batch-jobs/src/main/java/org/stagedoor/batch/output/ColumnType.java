package org.stagedoor.batch.output;

/**
 * The type of a report column, which decides how a value is written: as text, or as a number or date
 * that a spreadsheet can sort and sum. Values are Java objects of the listed classes; null is an
 * empty cell.
 */
public enum ColumnType {

    /** {@link String}; neutralised against formula injection in CSV, written exactly as stored in XLSX. */
    TEXT,

    /** {@link Long} or {@link Integer}. */
    INTEGER,

    /** {@link java.math.BigDecimal}, in the venue's currency, two decimals. */
    MONEY,

    /** {@link java.time.LocalDate}. */
    DATE,

    /** {@link java.time.Instant}, shown in the venue's time zone. */
    TIMESTAMP,

    /** {@link java.math.BigDecimal} or {@link Double} as a fraction: 0.25 is 25 %. */
    PERCENTAGE
}
