package org.stagedoor.booking.imports;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.CSVWriter;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvMultilineLimitBrokenException;
import com.opencsv.exceptions.CsvValidationException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.booking.store.StoreRefusals;
import org.stagedoor.booking.venue.VenueProperties;

/**
 * Imports the venue's records from the CSV files of its ticketing system (docs/import/README.md): every
 * file of a folder in one transaction, all or nothing. Each file is read once, row by row, and each row checked for
 * what it says alone (its values, their form) and streamed with COPY into a staging table in the store's terms; the
 * staged file is then checked and written as a whole by a few statements ({@link ImportRows}), which name each
 * refused row by its line. If any row was refused, the whole import is rolled back and the refusals are written to a
 * report file. The command and the console's upload page both run this one operation.
 */
@Service
public class VenueImport {

    /** The longest value a cell may hold: longer ones are refused, not stored or held in memory whole. */
    public static final int LONGEST_VALUE = 4_000;

    /** Report files are written with this start to their name, and an import does not read them as its input. */
    public static final String REPORT_PREFIX = "import-refusals-";

    /** A record spanning more lines than this is a quotation mark left open, not a value. */
    private static final int MOST_LINES_PER_RECORD = 50;

    /** What the decoder reads bytes that are not UTF-8 as. */
    private static final char NOT_UTF8 = '\uFFFD';

    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    /** Field of the row to blame for a refusal of the store, by the constraint or rule it names. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("order_facilitator_not_owner", "facilitator_id"),
            Map.entry("order_facilitation_has_relationship", "facilitator_id"),
            Map.entry("F-2", "facilitator_id"), Map.entry("F-3", "facilitator_id"),
            Map.entry("relationship_two_customers", "customer_b_id"), Map.entry("relationship_once", "customer_b_id"),
            Map.entry("relationship_type_labels_key", "b_label"),
            Map.entry("customer_names_by_kind", "kind"),
            Map.entry("customer_birth_date_individual_only", "date_of_birth"),
            Map.entry("customer_email_key", "email"),
            Map.entry("partner_company_name_key", "name"), Map.entry("membership_scheme_name_key", "name"),
            Map.entry("price_band_name_key", "name"),
            Map.entry("partner_preference_online_yes_or_no", "state"),
            Map.entry("membership_valid_period", "valid_to"),
            Map.entry("ticket_order_line_key", "line_number"), Map.entry("membership_order_line_key", "line_number"),
            Map.entry("donation_order_line_key", "line_number"));

    private final JdbcClient jdbc;

    private final TransactionTemplate whole;

    private final TransactionTemplate savepoint;

    private final DataSource dataSource;

    private final VenueProperties venue;

    private final long largeWriteRows;

    @Autowired
    VenueImport(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
            VenueProperties venue) {
        this(jdbc, dataSource, transactions, venue, LargeWrites.FEWEST_ROWS);
    }

    /** With the fewest rows a write must have for the store's guards to be checked after it (tests try both ways). */
    VenueImport(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
            VenueProperties venue, long largeWriteRows) {
        this.largeWriteRows = largeWriteRows;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.whole = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.venue = venue;
    }

    /** The names of the files an import reads, in the order it reads them. */
    public static List<String> fileNames() {
        return ImportFile.ALL.stream().map(ImportFile::name).toList();
    }

    /**
     * Imports the known files of {@code directory}. Progress lines go to {@code progress}; when rows are refused,
     * nothing is applied and the report is written into {@code reportDirectory}.
     */
    public ImportOutcome run(Path directory, Path reportDirectory, Consumer<String> progress) throws IOException {
        long started = System.nanoTime();
        List<Refusal> refusals = new ArrayList<>();
        Set<String> known = Set.copyOf(fileNames());
        List<String> present;
        try (Stream<Path> listing = Files.list(directory)) {
            present = listing.map(path -> path.getFileName().toString())
                    .filter(name -> name.toLowerCase(Locale.ROOT).endsWith(".csv") && !name.startsWith(REPORT_PREFIX))
                    .sorted().toList();
        }
        for (String name : present) {
            if (!known.contains(name)) {
                refusals.add(new Refusal(name, 0, "", "Stagedoor does not import a file of this name; the files it"
                        + " imports are " + String.join(", ", fileNames()) + "."));
            }
        }
        if (present.stream().noneMatch(known::contains)) {
            refusals.add(new Refusal("", 0, "", "The folder holds none of the files Stagedoor imports ("
                    + String.join(", ", fileNames()) + ")."));
        }
        List<FileCount> counts = new ArrayList<>();
        attempt(directory, refusals, counts, progress);
        Optional<Path> report = refusals.isEmpty() ? Optional.empty()
                : Optional.of(writeReport(reportDirectory, refusals));
        return new ImportOutcome(List.copyOf(counts), List.copyOf(refusals), report,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * Every file in one transaction, rolled back if anything was refused: each file streamed into a staging table,
     * then checked and written as a set ({@link ImportRows}).
     */
    private void attempt(Path directory, List<Refusal> refusals, List<FileCount> counts, Consumer<String> progress) {
        whole.executeWithoutResult(transaction -> {
            ImportRows rows = new ImportRows(jdbc, savepoint, venue.timeZone(), refusals,
                    new LargeWrites(jdbc, largeWriteRows));
            boolean complete = true;
            for (ImportFile file : ImportFile.ALL) {
                Path path = directory.resolve(file.name());
                if (Files.isRegularFile(path)) {
                    FileCount count = read(file, path, rows, refusals, progress);
                    counts.add(count);
                    if (count.unread()) {
                        // The files after it may refer to its records: checked now, they would only list those.
                        refusals.add(new Refusal(file.name(), 0, "", "The files after this one were not checked, as"
                                + " they may refer to its records; import again once it is corrected."));
                        complete = false;
                        break;
                    }
                }
            }
            if (complete) {
                progress.accept("Every file is written; now checking the import as a whole: the tickets sold for each"
                        + " performance against its seats, and orders with nothing in them.");
            }
            rows.settle();
            if (complete) {
                refusals.addAll(rows.atTheEnd());
            }
            if (!refusals.isEmpty()) {
                transaction.setRollbackOnly();
            }
        });
    }

    /** One file: read and checked row by row into its staging table, then checked and written as a whole. */
    private FileCount read(ImportFile file, Path path, ImportRows rows, List<Refusal> refusals,
            Consumer<String> progress) {
        int before = refusals.size();
        long total = 0;
        long size = sizeOf(path);
        long started = System.nanoTime();
        long nextProgress = started + PROGRESS_EVERY_NANOS;
        // Bytes that are not UTF-8 become U+FFFD, found in the row they belong to (a strict decoder fails ahead of
        // the line it is reading, by a buffer's length).
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CountingStream bytes = null;
        long line = 1;
        boolean unread = false;
        CSVReader reader = null;
        jdbc.sql("create temp table import_stage (line bigint not null, id text, refused boolean not null, "
                + String.join(", ", file.staged()) + ") on commit drop").update();
        try (Staging staging = new Staging(copyOf(file))) {
            try {
                bytes = new CountingStream(Files.newInputStream(path));
                reader = new CSVReaderBuilder(new BufferedReader(new InputStreamReader(bytes, utf8), 1 << 16))
                        .withMultilineLimit(MOST_LINES_PER_RECORD).build();
                Map<String, Integer> columns = header(file, reader.readNext(), refusals);
                if (columns == null) {
                    return new FileCount(file.name(), 0, 0, 0, 0, 0, 0, true);
                }
                boolean identified = file.columns().contains("id");
                while (true) {
                    line = reader.getLinesRead() + 1;
                    String[] values = reader.readNext();
                    if (values == null) {
                        break;
                    }
                    if (values.length == 1 && values[0].isBlank()) {
                        continue;
                    }
                    total++;
                    SourceRow row = new SourceRow(file.name(), line, columns, values, venue.timeZone());
                    String id = identified ? row.id("id", true) : null;
                    Object[] staged = readable(row, columns, values) ? file.stage().apply(rows, row) : null;
                    if (staged == null || row.refused()) {
                        refusals.addAll(row.refusals());
                        staging.refused(line, identified ? row.text("id") : null, file.staged().size());
                    }
                    else {
                        staging.row(line, id, staged);
                    }
                    long now = System.nanoTime();
                    if (now >= nextProgress) {
                        progress.accept(progressLine(file.name(), total, started, now, bytes.count, size));
                        nextProgress = now + PROGRESS_EVERY_NANOS;
                    }
                }
            }
            catch (CsvMalformedLineException ex) {
                refusals.add(new Refusal(file.name(), line, "",
                        "A value opened with a quotation mark is never closed; a quotation mark inside a value is"
                                + " written twice (\"\")."));
                unread = true;
            }
            catch (CsvMultilineLimitBrokenException ex) {
                refusals.add(new Refusal(file.name(), line, "", "A value opened with a quotation mark here runs on for"
                        + " more than " + MOST_LINES_PER_RECORD + " lines; its closing quotation mark is missing."));
                unread = true;
            }
            catch (CsvValidationException | IOException ex) {
                refusals.add(new Refusal(file.name(), line, "", "This file could not be read from this line on: "
                        + ex.getMessage()));
                unread = true;
            }
            finally {
                closeQuietly(reader, bytes);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("The staging table of " + file.name() + " could not be written", ex);
        }
        long now = System.nanoTime();
        progress.accept(progressLine(file.name(), total, started, now, size, size));
        if (unread) {
            return new FileCount(file.name(), total, 0, 0, 0, 0, refusedLines(file, refusals, before), true);
        }
        progress.accept(String.format(Locale.ROOT, "%s: %,d %s read, now checking and writing them", file.name(),
                total, total == 1 ? "row" : "rows"));
        Map<Change, Long> changes;
        try {
            changes = savepoint.execute(status -> file.write().apply(rows, file));
        }
        catch (DataAccessException ex) {
            // The store's constraints and triggers are the last guard: a rule not checked before it.
            Optional<String> sentence = StoreRefusals.sentence(ex);
            if (sentence.isEmpty()) {
                throw ex;
            }
            refusals.add(new Refusal(file.name(), 0, StoreRefusals.constraintOf(ex).map(FIELDS::get).orElse(""),
                    "One of the rows of this file was refused: " + sentence.get()));
            return new FileCount(file.name(), total, 0, 0, 0, 0, refusedLines(file, refusals, before) + 1, true);
        }
        progress.accept(String.format(Locale.ROOT, "%s: %,d %s, read, checked and written in %.1f s", file.name(),
                total, total == 1 ? "row" : "rows", (System.nanoTime() - started) / 1e9));
        return new FileCount(file.name(), total, changes.getOrDefault(Change.ADDED, 0L),
                changes.getOrDefault(Change.UPDATED, 0L), changes.getOrDefault(Change.UNCHANGED, 0L),
                changes.getOrDefault(Change.CLOSED, 0L), refusedLines(file, refusals, before), false);
    }

    private static long refusedLines(ImportFile file, List<Refusal> refusals, int from) {
        return refusals.subList(from, refusals.size()).stream().filter(refusal -> refusal.file().equals(file.name()))
                .mapToLong(Refusal::line).distinct().count();
    }

    /** The COPY of a file's staging table on this transaction's connection. */
    private CopyIn copyOf(ImportFile file) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        return copy.copyIn("copy import_stage (line, id, refused, " + String.join(", ", file.stagedNames())
                + ") from stdin with (format csv)");
    }

    /**
     * Whether the row can be read at all: as many values as columns, each UTF-8 text of at most the longest length
     * without a character the store cannot keep; the row's refusals say where not.
     */
    private static boolean readable(SourceRow row, Map<String, Integer> columns, String[] values) {
        int columnCount = columns.size();
        if (values.length != columnCount) {
            row.refuse("", "This line has " + values.length + (values.length == 1 ? " value" : " values")
                    + " where the first line names " + columnCount + " columns.");
            return false;
        }
        for (Map.Entry<String, Integer> column : columns.entrySet()) {
            String value = values[column.getValue()];
            if (value.indexOf(NOT_UTF8) >= 0) {
                row.refuse(column.getKey(), "This value is not UTF-8 text; save the file as UTF-8 (in a spreadsheet:"
                        + " CSV UTF-8) and import it again.");
            }
            else if (value.length() > LONGEST_VALUE) {
                row.refuse(column.getKey(), "This value is " + value.length()
                        + " characters long; the longest a value may be is " + LONGEST_VALUE + ".");
            }
            else if (value.indexOf('\0') >= 0) {
                row.refuse(column.getKey(), "This value holds a character the store does not accept (a NUL"
                        + " character); remove it and import again.");
            }
        }
        return !row.refused();
    }

    /**
     * The columns of a file's first line by name; null, with refusals, when it names a column the file does not have,
     * names one twice, or leaves out a required one.
     */
    private static Map<String, Integer> header(ImportFile file, String[] names, List<Refusal> refusals) {
        if (names == null) {
            refusals.add(new Refusal(file.name(), 1, "", "The file is empty; its first line names its columns: "
                    + String.join(", ", file.columns()) + "."));
            return null;
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        int before = refusals.size();
        for (int i = 0; i < names.length; i++) {
            // A spreadsheet saving "CSV UTF-8" starts the file with a byte order mark.
            String name = (i == 0 ? names[i].replace("\uFEFF", "") : names[i]).strip().toLowerCase(Locale.ROOT);
            if (!file.columns().contains(name)) {
                refusals.add(new Refusal(file.name(), 1, name, "This file has no column '" + name
                        + "'; its columns are "
                        + String.join(", ", file.columns()) + "."));
            }
            else if (columns.put(name, i) != null) {
                refusals.add(new Refusal(file.name(), 1, name, "The column '" + name + "' is named twice."));
            }
        }
        for (String required : file.columns()) {
            if (file.required().contains(required) && !columns.containsKey(required)) {
                refusals.add(new Refusal(file.name(), 1, required, "The column '" + required + "' is required."));
            }
        }
        return refusals.size() == before ? columns : null;
    }

    private static String progressLine(String file, long rows, long started, long now, long bytesRead, long size) {
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %,d %s, %,.0f rows/s", file, rows,
                rows == 1 ? "row" : "rows", rows / seconds));
        if (bytesRead < size && bytesRead > 0) {
            double left = seconds * (size - bytesRead) / bytesRead;
            line.append(String.format(Locale.ROOT, ", %d%% read, about %,.0f s left", bytesRead * 100 / size, left));
        }
        return line.toString();
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        }
        catch (IOException ex) {
            return 0;
        }
    }

    private static void closeQuietly(CSVReader reader, InputStream bytes) {
        try {
            if (reader != null) {
                reader.close();
            }
            else if (bytes != null) {
                bytes.close();
            }
        }
        catch (IOException ex) {
            // Only read from; nothing is lost.
        }
    }

    /** The refusals as a CSV file (file, line, field, reason), named by when the import ran. */
    private static Path writeReport(Path directory, List<Refusal> refusals) throws IOException {
        Path report = directory.resolve(REPORT_PREFIX
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now()) + ".csv");
        try (Writer out = Files.newBufferedWriter(report, StandardCharsets.UTF_8);
                CSVWriter csv = new CSVWriter(out)) {
            csv.writeNext(new String[] { "file", "line", "field", "reason" });
            for (Refusal refusal : refusals) {
                csv.writeNext(new String[] { refusal.file(), refusal.line() == 0 ? "" : Long.toString(refusal.line()),
                        refusal.field(), refusal.reason() });
            }
        }
        return report;
    }

    /** Counts the bytes read, for the share of a file done and the time left. */
    private static final class CountingStream extends FilterInputStream {

        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /**
     * Rows for the staging table, written to its COPY as CSV in blocks: a file is never held whole. A refused row is
     * staged by its line and id alone, so that a row referring to it is told which line was refused.
     */
    private static final class Staging implements AutoCloseable {

        private static final int BLOCK = 1 << 16;

        private static final Charset UTF8 = StandardCharsets.UTF_8;

        private final CopyIn copy;

        private final StringBuilder block = new StringBuilder(BLOCK + 8_192);

        Staging(CopyIn copy) {
            this.copy = copy;
        }

        void row(long line, String id, Object[] values) throws SQLException {
            block.append(line).append(',');
            text(id);
            block.append(",f");
            for (Object value : values) {
                block.append(',');
                value(value);
            }
            end();
        }

        void refused(long line, String id, int columns) throws SQLException {
            block.append(line).append(',');
            text(id);
            block.append(",t");
            block.append(",".repeat(columns));
            end();
        }

        private void value(Object value) {
            if (value instanceof String text) {
                text(text);
            }
            else if (value instanceof Boolean yes) {
                block.append(yes ? 't' : 'f');
            }
            else if (value instanceof BigDecimal amount) {
                block.append(amount.toPlainString());
            }
            else if (value != null) {
                block.append(value);
            }
        }

        /** A text value between quotation marks, each inside it doubled; nothing for no value. */
        private void text(String text) {
            if (text == null) {
                return;
            }
            block.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    block.append('"');
                }
                block.append(c);
            }
            block.append('"');
        }

        private void end() throws SQLException {
            block.append('\n');
            if (block.length() >= BLOCK) {
                flush();
            }
        }

        private void flush() throws SQLException {
            byte[] bytes = block.toString().getBytes(UTF8);
            copy.writeToCopy(bytes, 0, bytes.length);
            block.setLength(0);
        }

        @Override
        public void close() throws SQLException {
            flush();
            copy.endCopy();
        }
    }
}
