package org.stagedoor.batch.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.zip.Deflater;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Streams an XLSX workbook with fastexcel: typed, formatted cells on "Data" sheets (continued on
 * "Data (2)", … past a sheet's row limit), or on a sheet per value of one column where the description asks for it
 * (the behaviour report's measures), then an "About" sheet describing the run in words. Memory stays flat:
 * rows are flushed to the zip stream in blocks, and text is written as inline strings, since a shared
 * string table would hold every distinct name and email address of the report in memory. Columns are as wide
 * as the header and the first rows of their sheet need ({@link ColumnWidths}); each sheet's dimension, which
 * fastexcel leaves at {@code A1}, is corrected by the deflating thread once the sheet's range is known.
 *
 * <p>Deflate runs on a thread of its own ({@link ZipRecompressor}): fastexcel writes stored blocks, and the
 * package is deflated at {@link #COMPRESSION_LEVEL} below it, while this thread goes on with the next rows: the
 * same bytes sooner, for a little more CPU time in all (docs/decisions/0011-fastexcel-for-xlsx.md).
 */
final class XlsxReportFileWriter implements ReportFileWriter {

    /** A sheet holds 1,048,576 rows, one of which is the header. */
    static final int MAX_DATA_ROWS_PER_SHEET = Worksheet.MAX_ROWS - 1;

    /** Level 1: faster than fastexcel's default (4), for files about a fifth larger (bench/RESULTS.md). */
    static final int COMPRESSION_LEVEL = 1;

    /** What fastexcel itself writes when the deflating is left to a {@link ZipRecompressor}: stored blocks. */
    private static final int STORED = Deflater.NO_COMPRESSION;

    /** Rows kept in memory between flushes; each block gets its number formats in one call per column. */
    private static final int ROWS_PER_BLOCK = 1024;

    private static final int BUFFER_BYTES = 256 * 1024;

    static final int MAX_CELL_CHARS = 32_767;

    private static final String APPLICATION = "Stagedoor";

    private static final String APPLICATION_VERSION = "1.0";

    static final String INTEGER_FORMAT = "0";

    /**
     * Pounds sterling. fastexcel writes format codes into styles.xml unescaped, so the quoted form
     * {@code "£"#,##0.00} would break the XML; this is the locale-tagged form Excel itself writes.
     */
    static final String MONEY_FORMAT = "[$£-809]#,##0.00";

    static final String PERCENTAGE_FORMAT = "0.0%";

    static final String DATE_FORMAT = "yyyy-mm-dd";

    static final String TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm";

    static final String ABOUT_TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss";

    static final String DATA_SHEET = "Data";

    /** The About sheet's label column, in Excel's width units (about a digit each). */
    static final int ABOUT_LABEL_WIDTH = 20;

    /** The About sheet's value column. */
    static final int ABOUT_VALUE_WIDTH = 80;

    /** The height of a line of text in the default font, in points. */
    private static final double LINE_POINTS = 15;

    /** The tallest row Excel opens without offering a repair, in points. */
    static final double MAX_ROW_POINTS = 409;

    static final String ABOUT_SHEET = "About";

    /** Excel's longest sheet name. */
    static final int MAX_SHEET_NAME = 31;

    /** The sheet of rows whose value in the splitting column is empty. */
    static final String OTHER_SHEET = "Other";

    private final List<Column> columns;

    private final ColumnType[] types;

    /** The columns whose codes are written as words. */
    private final int[] worded;

    /** How the rows are split into sheets, or null for one data sheet (continued past its row limit). */
    private final SheetSplit splitting;

    /** The column whose value starts a sheet of its own, or -1. */
    private final int split;

    /** The current data sheet's columns: all but the splitting column and those its value leaves out. */
    private List<Column> sheetColumns;

    private ColumnType[] sheetTypes;

    /** Where each of the current sheet's columns is in a row. */
    private int[] sheetIndexes;

    /** The splitting column's value on the current sheet. */
    private String sheetKey;

    /** What the current data sheet is named after: "Data", or a value of the splitting column. */
    private String sheetBase;

    /** Every sheet name given so far, lower case: Excel compares them without case. */
    private final Set<String> usedNames = new HashSet<>();

    private final List<String> dataSheetNames = new ArrayList<>();

    private final FileDescription description;

    private final int maxDataRowsPerSheet;

    private final WallClock clock;

    private final TimestampText timestampText;

    /** The deflating thread's stream under {@link #zip}, or null where fastexcel deflates on this thread. */
    private final ZipRecompressor recompressor;

    /** The level fastexcel writes with. */
    private final int fastexcelLevel;

    private final ReproducibleZipTail zip;

    private final Workbook workbook;

    private Worksheet sheet;

    /** The current data sheet's widths, measured until its first rows are flushed. */
    private ColumnWidths widths;

    /** Data sheets so far. */
    private int sheets;

    /** Worksheets so far, of every kind: the current one's number in the package. */
    private int worksheets;

    private int rowsOnSheet;

    /** The sheet row where the block not yet flushed starts. */
    private int blockStart;

    private long rowsWritten;

    private boolean finished;

    private boolean closed;

    private Appendix appendix;

    private record Appendix(String title, List<Column> columns, List<Object[]> rows) {
    }

    XlsxReportFileWriter(Path file, List<Column> columns, FileDescription description, int maxDataRowsPerSheet)
            throws IOException {
        this(file, columns, description, maxDataRowsPerSheet, true);
    }

    /**
     * @param deflateAside whether to deflate on a thread of its own, or on this one as fastexcel does by
     *                     itself: kept so that {@code ReportFileWriterBenchmark} can compare the two
     */
    XlsxReportFileWriter(Path file, List<Column> columns, FileDescription description, int maxDataRowsPerSheet,
            boolean deflateAside) throws IOException {
        if (columns.size() > Worksheet.MAX_COLS) {
            throw new IllegalArgumentException("An XLSX sheet holds at most " + Worksheet.MAX_COLS + " columns");
        }
        if (maxDataRowsPerSheet < 1 || maxDataRowsPerSheet > MAX_DATA_ROWS_PER_SHEET) {
            throw new IllegalArgumentException("maxDataRowsPerSheet must be 1.." + MAX_DATA_ROWS_PER_SHEET);
        }
        this.columns = columns;
        this.types = ColumnValues.types(columns);
        this.worded = ColumnValues.worded(columns);
        this.splitting = description.sheetPerValueOf();
        this.split = splitting == null ? -1 : splitColumn(columns, splitting);
        if (split >= 0 && columns.size() == 1) {
            throw new IllegalArgumentException("A file split by its only column would show nothing");
        }
        this.description = description;
        usedNames.add(ABOUT_SHEET.toLowerCase(Locale.ROOT));
        this.maxDataRowsPerSheet = maxDataRowsPerSheet;
        this.clock = new WallClock(description.zone());
        this.timestampText = new TimestampText(clock, new IsoDates());
        this.fastexcelLevel = deflateAside ? STORED : COMPRESSION_LEVEL;
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream under = Channels.newOutputStream(channel);
        try {
            this.recompressor = deflateAside ? new ZipRecompressor(channel, COMPRESSION_LEVEL) : null;
            under = deflateAside ? recompressor : new BufferedOutputStream(under, BUFFER_BYTES);
            this.zip = new ReproducibleZipTail(under);
            this.workbook = new Workbook(zip, APPLICATION, APPLICATION_VERSION);
            workbook.setCompressionLevel(fastexcelLevel);
            workbook.properties().setTitle(description.reportTitle());
            if (split < 0) {
                startDataSheet(DATA_SHEET, null);
            }
        } catch (RuntimeException | Error e) {
            try {
                // Closing the recompressor, if it got that far, also ends its thread.
                under.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static int splitColumn(List<Column> columns, SheetSplit splitting) {
        splitting.check(columns);
        String name = splitting.column();
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).name().equals(name) && columns.get(c).type() == ColumnType.TEXT) {
                return c;
            }
        }
        throw new IllegalArgumentException("The report has no text column " + name + " to split its sheets by");
    }

    /**
     * A data sheet named after {@code base}, or after it with a number when the name is taken ("Data (2)"), with the
     * columns for {@code key}, the splitting column's value.
     */
    private void startDataSheet(String base, String key) {
        sheets++;
        sheetBase = base;
        sheetKey = key;
        List<String> leftOut = splitting == null || key == null ? List.of()
                : splitting.leftOut().getOrDefault(key, List.of());
        sheetIndexes = IntStream.range(0, columns.size())
                .filter(c -> c != split && !leftOut.contains(columns.get(c).name())).toArray();
        sheetColumns = Arrays.stream(sheetIndexes).mapToObj(columns::get).toList();
        sheetTypes = ColumnValues.types(sheetColumns);
        String name = uniqueName(base);
        dataSheetNames.add(name);
        sheet = newWorksheet(name);
        writeHeader(sheetColumns);
        widths = new ColumnWidths(sheetColumns);
        rowsOnSheet = 0;
        blockStart = 1;
    }

    /** A value as a sheet name Excel accepts: none of its forbidden characters, 31 at most, not yet used. */
    private String uniqueName(String base) {
        String cleaned = base == null ? "" : base.replaceAll("[\\\\/?*:\\[\\]]", " ").replaceAll("^'+|'+$", "").strip();
        if (cleaned.isEmpty()) {
            cleaned = OTHER_SHEET;
        }
        String name = cut(cleaned, MAX_SHEET_NAME);
        for (int n = 2; usedNames.contains(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = " (" + n + ")";
            name = cut(cleaned, MAX_SHEET_NAME - suffix.length()).strip() + suffix;
        }
        usedNames.add(name.toLowerCase(Locale.ROOT));
        return name;
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private Worksheet newWorksheet(String name) {
        worksheets++;
        return workbook.newWorksheet(name);
    }

    /**
     * Finishes the current worksheet, whose cells span A1 to ({@code lastRow}, {@code lastColumn}), zero-based,
     * with that range as its dimension, which streaming readers size the sheet by.
     */
    private void finishWorksheet(Worksheet worksheet, int lastRow, int lastColumn) throws IOException {
        if (recompressor != null) {
            recompressor.dimension("xl/worksheets/sheet" + worksheets + ".xml",
                    worksheet.range(0, 0, lastRow, lastColumn).toString());
        }
        worksheet.finish();
    }

    /** A bold, frozen header row over {@code headed}. */
    private void writeHeader(List<Column> headed) {
        // The frozen pane goes into the sheet's opening XML, so it is set before the first flush.
        for (int c = 0; c < headed.size(); c++) {
            sheet.inlineString(0, c, headed.get(c).name());
        }
        sheet.freezePane(0, 1);
        sheet.range(0, 0, 0, headed.size() - 1).style().bold().set();
    }

    /** Widths go into the sheet's opening XML: called once, before the sheet's first flush. */
    private void setWidths(ColumnWidths measured, int count) {
        for (int c = 0; c < count; c++) {
            sheet.width(c, measured.width(c));
        }
    }

    @Override
    public void write(Object[] row) throws IOException {
        requireOpen();
        if (recompressor != null) {
            // The deflating thread's failure shows on the next row, not a buffer or more later.
            recompressor.checkHealthy();
        }
        ColumnValues.check(columns, types, row);
        Object[] shown = ColumnValues.inWords(columns, worded, row);
        if (split >= 0) {
            String key = (String) shown[split];
            if (sheet == null || !Objects.equals(key, sheetKey)) {
                if (sheet != null) {
                    finishDataSheet();
                }
                startDataSheet(key, key);
            }
        }
        if (rowsOnSheet == maxDataRowsPerSheet) {
            finishDataSheet();
            startDataSheet(sheetBase, sheetKey);
        }
        if (split >= 0) {
            requireNothingLeftOut(shown);
            shown = selected(shown, sheetIndexes);
        }
        int r = ++rowsOnSheet;
        widths.sample(shown);
        // Right to left, so that fastexcel sizes the row's cell array once rather than growing it per cell.
        for (int c = sheetTypes.length - 1; c >= 0; c--) {
            Object value = shown[c];
            if (value != null) {
                writeCell(r, c, sheetTypes[c], value);
            }
        }
        rowsWritten++;
        if (r - blockStart + 1 == ROWS_PER_BLOCK) {
            if (blockStart == 1) {
                setWidths(widths, sheetTypes.length);
            }
            formatBlock(r);
            sheet.flush();
            blockStart = r + 1;
        }
    }

    /** A column a sheet leaves out must hold nothing there, so that no figure is lost without a word. */
    private void requireNothingLeftOut(Object[] row) {
        for (int c = 0, shown = 0; c < row.length; c++) {
            if (shown < sheetIndexes.length && sheetIndexes[shown] == c) {
                shown++;
            }
            else if (c != split && row[c] != null) {
                throw new IllegalArgumentException("Column '" + columns.get(c).name() + "' is left out of the sheet "
                        + sheetBase + " but holds a value");
            }
        }
    }

    private static Object[] selected(Object[] row, int[] indexes) {
        Object[] values = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            values[i] = row[indexes[i]];
        }
        return values;
    }

    private void writeCell(int r, int c, ColumnType type, Object value) {
        switch (type) {
            case TEXT -> {
                String text = (String) value;
                if (!text.isEmpty()) {
                    // A string cell is never a formula, so the value is written as stored: no OWASP quote here.
                    sheet.inlineString(r, c, fitCell(text));
                }
            }
            case INTEGER -> sheet.value(r, c, (Number) value);
            case MONEY -> sheet.value(r, c, ColumnValues.money((BigDecimal) value));
            case PERCENTAGE -> sheet.value(r, c, ((Number) value).doubleValue());
            case DATE -> {
                LocalDate date = (LocalDate) value;
                long day = date.toEpochDay();
                if (WallClock.excelCanShow(day)) {
                    sheet.value(r, c, WallClock.excelSerial(day));
                } else {
                    sheet.inlineString(r, c, date.toString());
                }
            }
            case TIMESTAMP -> {
                Instant instant = (Instant) value;
                if (WallClock.excelCanShow(WallClock.epochDay(clock.localEpochSecond(instant)))) {
                    sheet.value(r, c, clock.excelSerial(instant));
                } else {
                    sheet.inlineString(r, c, timestampText.format(instant));
                }
            }
        }
    }

    /** Excel refuses to open a file with a longer cell (it offers a "repair"), so such text is cut. */
    static String fitCell(String text) {
        if (text.length() <= MAX_CELL_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CELL_CHARS - 1)) ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS;
        return text.substring(0, end);
    }

    /**
     * Gives the typed columns of the rows from {@code blockStart} to {@code lastRow} their number formats:
     * one range call per column, where a call per cell would cost more than writing the cell.
     */
    private void formatBlock(int lastRow) {
        if (lastRow < blockStart) {
            return;
        }
        for (int c = 0; c < sheetTypes.length; c++) {
            String format = format(sheetTypes[c]);
            if (format != null) {
                sheet.range(blockStart, c, lastRow, c).style().format(format).set();
            }
        }
    }

    private static String format(ColumnType type) {
        return switch (type) {
            case TEXT -> null;
            case INTEGER -> INTEGER_FORMAT;
            case MONEY -> MONEY_FORMAT;
            case PERCENTAGE -> PERCENTAGE_FORMAT;
            case DATE -> DATE_FORMAT;
            case TIMESTAMP -> TIMESTAMP_FORMAT;
        };
    }

    private void finishDataSheet() throws IOException {
        if (blockStart == 1) {
            setWidths(widths, sheetTypes.length);
        }
        formatBlock(rowsOnSheet);
        sheet.setAutoFilter(0, 0, rowsOnSheet, sheetTypes.length - 1);
        finishWorksheet(sheet, rowsOnSheet, sheetTypes.length - 1);
    }

    @Override
    public long rowsWritten() {
        return rowsWritten;
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        requireOpen();
        if (sheet == null) {
            // A file split by a column's values, with no rows: one empty sheet under its headings.
            startDataSheet(DATA_SHEET, null);
        }
        finishDataSheet();
        if (appendix != null) {
            writeAppendix();
        }
        writeAboutSheet();
        zip.holdTail();
        workbook.finish();
        zip.releaseTail(description.generatedAt(), fastexcelLevel);
        if (recompressor != null) {
            recompressor.finish();
        }
        zip.close();
        finished = true;
    }

    @Override
    public void appendix(String title, List<Column> columns, List<Object[]> rows) {
        requireOpen();
        if (appendix != null) {
            throw new IllegalStateException("The file already has an appendix");
        }
        if (title.equals(ABOUT_SHEET) || title.startsWith(DATA_SHEET)) {
            throw new IllegalArgumentException("An appendix cannot be called " + title);
        }
        if (rows.size() > MAX_DATA_ROWS_PER_SHEET) {
            throw new IllegalArgumentException("An appendix holds at most " + MAX_DATA_ROWS_PER_SHEET + " rows");
        }
        ColumnType[] appendixTypes = ColumnValues.types(columns);
        rows.forEach(row -> ColumnValues.check(columns, appendixTypes, row));
        appendix = new Appendix(title, List.copyOf(columns), List.copyOf(rows));
    }

    /** Written like a data sheet (typed cells, bold frozen header, filter), after the data and before "About". */
    private void writeAppendix() throws IOException {
        List<Column> appendixColumns = appendix.columns();
        sheet = newWorksheet(appendix.title());
        writeHeader(appendixColumns);
        ColumnWidths appendixWidths = new ColumnWidths(appendixColumns);
        appendix.rows().forEach(appendixWidths::sample);
        setWidths(appendixWidths, appendixColumns.size());
        int r = 0;
        for (Object[] row : appendix.rows()) {
            r++;
            for (int c = 0; c < row.length; c++) {
                if (row[c] != null) {
                    writeCell(r, c, appendixColumns.get(c).type(), row[c]);
                }
            }
        }
        for (int c = 0; c < appendixColumns.size() && r > 0; c++) {
            String format = format(appendixColumns.get(c).type());
            if (format != null) {
                sheet.range(1, c, r, c).style().format(format).set();
            }
        }
        sheet.setAutoFilter(0, 0, Math.max(r, 1), appendixColumns.size() - 1);
        finishWorksheet(sheet, r, appendixColumns.size() - 1);
    }

    private void writeAboutSheet() throws IOException {
        Worksheet about = newWorksheet(ABOUT_SHEET);
        about.width(0, ABOUT_LABEL_WIDTH);
        about.width(1, ABOUT_VALUE_WIDTH);
        // Printed, the sheet would otherwise put its labels and its values on separate pages.
        about.fitToWidth((short) 1);
        List<Integer> tall = new ArrayList<>();
        int r = 0;
        r = aboutText(about, r, "Report", description.reportTitle(), tall);
        if (description.runNumber() != null) {
            about.inlineString(r, 0, "Run number");
            about.value(r, 1, description.runNumber());
            about.style(r, 1).format(INTEGER_FORMAT).horizontalAlignment("left").set();
            r++;
        }
        r = aboutText(about, r, "Prepared for",
                description.partnerCompany() == null ? "The venue" : description.partnerCompany(), tall);
        for (FileDescription.Line line : description.details()) {
            r = aboutText(about, r, line.label(), line.value(), tall);
        }
        about.inlineString(r, 0, "Data as of");
        about.value(r, 1, clock.excelSerial(description.generatedAt()));
        about.style(r, 1).format(ABOUT_TIMESTAMP_FORMAT).horizontalAlignment("left").set();
        r++;
        r = aboutText(about, r, "Time zone", description.zone().getId(), tall);
        about.inlineString(r, 0, "Rows");
        about.value(r, 1, rowsWritten);
        about.style(r, 1).format("#,##0").horizontalAlignment("left").set();
        r++;
        r = aboutText(about, r, dataSheetNames.size() == 1 ? "Data sheet" : "Data sheets",
                String.join(", ", dataSheetNames), tall);
        if (description.personalData()) {
            r = aboutText(about, r, "Personal data", personalDataNotice(description.partnerCompany()), tall);
        }
        about.range(0, 0, r - 1, 0).style().bold().set();
        for (int row : tall) {
            about.style(row, 0).bold().verticalAlignment("top").set();
        }
        finishWorksheet(about, r - 1, 1);
    }

    /**
     * A label and its text; a text longer than the value column wraps, on a row tall enough for it (Excel keeps a row
     * one line high unless told otherwise; LibreOffice would grow it by itself), and its row goes into {@code tall}.
     */
    private static int aboutText(Worksheet about, int r, String label, String value, List<Integer> tall) {
        String text = fitCell(value);
        if (!label.isEmpty()) {
            about.inlineString(r, 0, label);
        }
        if (!text.isEmpty()) {
            about.inlineString(r, 1, text);
        }
        int lines = lines(text, ABOUT_VALUE_WIDTH);
        if (lines > 1) {
            about.style(r, 1).wrapText(true).verticalAlignment("top").set();
            about.rowHeight(r, Math.min(MAX_ROW_POINTS, LINE_POINTS * lines));
            tall.add(r);
        }
        return r + 1;
    }

    /**
     * Lines the text takes wrapped word by word in a column {@code width} units wide, letters being a little narrower
     * than the digits the unit is made of.
     */
    static int lines(String text, int width) {
        int perLine = width * 11 / 10;
        int lines = 1;
        int used = 0;
        for (String word : text.split(" ")) {
            int needed = used == 0 ? word.length() : used + 1 + word.length();
            if (needed <= perLine) {
                used = needed;
            }
            else {
                lines += used == 0 ? 0 : 1;
                // A word longer than a line is broken where it reaches the edge.
                lines += (word.length() - 1) / perLine;
                used = (word.length() - 1) % perLine + 1;
            }
        }
        return lines;
    }

    static String personalDataNotice(String partnerCompany) {
        if (partnerCompany == null) {
            return "Contains personal data of the venue's customers. Handle under the venue's data protection "
                    + "policy; do not forward.";
        }
        return "Contains personal data of customers who consented to hear from " + partnerCompany
                + ". Handle under your data-sharing agreement; do not forward.";
    }

    @Override
    public void close() throws IOException {
        if (closed || finished) {
            closed = true;
            return;
        }
        closed = true;
        // Abandoned: the workbook is not finished, which would write a whole-looking file. Releasing the file
        // is enough: fastexcel holds only memory (its deflater's native buffer is freed once unreachable); the
        // recompressor, if any, stops its thread before it closes the file.
        zip.close();
    }

    private void requireOpen() {
        if (finished || closed) {
            throw new IllegalStateException("The report file is already " + (finished ? "finished" : "closed"));
        }
    }
}
