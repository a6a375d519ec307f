package org.stagedoor.batch.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Times the writers on 1,000,000 rows × 12 columns held in memory, against fastexcel writing the same
 * cells without styling. Not a test; run by hand:
 * {@code ./mvnw -B -o package -pl batch-jobs -am -Dtest=ReportFileWriterBenchmark -Dstagedoor.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dstagedoor.bench.rows=300000} for quicker loops).
 */
@EnabledIfSystemProperty(named = "stagedoor.bench", matches = "true")
class ReportFileWriterBenchmark {

    private static final int ROWS = Integer.getInteger("stagedoor.bench.rows", 1_000_000);

    private static final int ROUNDS = Integer.getInteger("stagedoor.bench.rounds", 3);

    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    private static final List<Column> COLUMNS = List.of(
            new Column("Customer id", ColumnType.INTEGER), new Column("First name", ColumnType.TEXT),
            new Column("Last name", ColumnType.TEXT), new Column("Email address", ColumnType.TEXT),
            new Column("Postcode", ColumnType.TEXT), new Column("Event", ColumnType.TEXT),
            new Column("Performance", ColumnType.TIMESTAMP), new Column("Booked on", ColumnType.DATE),
            new Column("Tickets", ColumnType.INTEGER), new Column("Amount", ColumnType.MONEY),
            new Column("Discount", ColumnType.PERCENTAGE), new Column("Fees", ColumnType.MONEY));

    @TempDir
    Path directory;

    interface Run {
        void write(Path file, Object[][] rows) throws IOException;
    }

    @Test
    void writeAMillionRows() throws IOException {
        Object[][] rows = rows(ROWS);
        FileDescription description = new FileDescription("Event sales", 1L, "Northern Lights",
                List.of(new FileDescription.Line("Performances in", "2–8 Nov 2026")),
                Instant.parse("2026-11-09T19:30:00Z"), ZONE, true, false, null);
        Map<String, Run> variants = new LinkedHashMap<>();
        variants.put("XLSX writer (styled, inline strings, level 1, deflate aside)",
                (file, data) -> viaWriter(OutputFormat.XLSX, file, data, description));
        variants.put("XLSX writer (styled, inline strings, level 1, deflate inline)",
                (file, data) -> viaXlsxWriter(file, data, description, false));
        variants.put("fastexcel plain (shared strings, LocalDate/ZonedDateTime, level 1)",
                (file, data) -> plainFastexcel(file, data, false, 1, null));
        variants.put("fastexcel plain (inline strings, serial numbers, level 1)",
                (file, data) -> plainFastexcel(file, data, true, 1, null));
        variants.put("fastexcel plain (inline strings, serial numbers, level 0)",
                (file, data) -> plainFastexcel(file, data, true, 0, null));
        variants.put("fastexcel plain (inline, level 0 + recompress 1 aside)",
                (file, data) -> plainFastexcel(file, data, true, 0, Deflater.DEFAULT_STRATEGY));
        variants.put("fastexcel plain (inline, level 0 + recompress 1 aside, Huffman only)",
                (file, data) -> plainFastexcel(file, data, true, 0, Deflater.HUFFMAN_ONLY));
        variants.put("fastexcel plain (inline strings, serial numbers, default level 4)",
                (file, data) -> plainFastexcel(file, data, true, 4, null));
        variants.put("CSV writer", (file, data) -> viaWriter(OutputFormat.CSV, file, data, description));

        // Warm every variant up first and interleave the rounds, so that none gains from running later.
        Object[][] warmUp = Arrays.copyOf(rows, Math.min(rows.length, 200_000));
        for (Run run : variants.values()) {
            run.write(directory.resolve("warm-up"), warmUp);
        }
        // CPU time of the writing thread (deflate included, unless it is aside) as well as wall time: on a
        // shared machine the former varies far less. And the whole process's CPU time (the deflating thread,
        // the collector, the compiler): what a run leaves the database and the row decoding on two cores.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean process =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, List<Long>> wall = new LinkedHashMap<>();
        Map<String, List<Long>> cpu = new LinkedHashMap<>();
        Map<String, List<Long>> processCpu = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, Run> variant : variants.entrySet()) {
                Path file = directory.resolve("bench");
                System.gc();
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                long processCpuStart = process.getProcessCpuTime();
                variant.getValue().write(file, rows);
                cpu.computeIfAbsent(variant.getKey(), name -> new ArrayList<>())
                        .add((threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000);
                processCpu.computeIfAbsent(variant.getKey(), name -> new ArrayList<>())
                        .add((process.getProcessCpuTime() - processCpuStart) / 1_000_000);
                wall.computeIfAbsent(variant.getKey(), name -> new ArrayList<>())
                        .add((System.nanoTime() - start) / 1_000_000);
                sizes.put(variant.getKey(), Files.size(file));
                Files.delete(file);
            }
        }
        System.out.printf(Locale.ROOT, "%,d rows x %d columns, best of %d after warm-up:%n", rows.length,
                COLUMNS.size(), ROUNDS);
        wall.forEach((name, times) -> System.out.printf(Locale.ROOT,
                "%-70s wall %6.2f s  writer cpu %6.2f s  process cpu %6.2f s  wall runs %s ms  %,d bytes%n", name,
                Collections.min(times) / 1e3, Collections.min(cpu.get(name)) / 1e3,
                Collections.min(processCpu.get(name)) / 1e3, times, sizes.get(name)));
    }

    private static void viaWriter(OutputFormat format, Path file, Object[][] rows, FileDescription description)
            throws IOException {
        try (ReportFileWriter writer = ReportFiles.open(format, file, COLUMNS, description)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
            writer.finish();
        }
    }

    private static void viaXlsxWriter(Path file, Object[][] rows, FileDescription description, boolean deflateAside)
            throws IOException {
        try (ReportFileWriter writer = new XlsxReportFileWriter(file, COLUMNS, description,
                XlsxReportFileWriter.MAX_DATA_ROWS_PER_SHEET, deflateAside)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
            writer.finish();
        }
    }

    /** @param asideStrategy with level 0, the strategy to recompress at level 1 with on a thread aside; or null */
    private static void plainFastexcel(Path file, Object[][] rows, boolean inline, int level, Integer asideStrategy)
            throws IOException {
        WallClock clock = new WallClock(ZONE);
        ZipRecompressor aside = asideStrategy == null ? null
                : new ZipRecompressor(Files.newOutputStream(file), 1, asideStrategy);
        try (OutputStream out = aside != null ? aside
                : new BufferedOutputStream(Files.newOutputStream(file), 256 * 1024)) {
            Workbook workbook = new Workbook(out, "Bench", "1.0");
            workbook.setCompressionLevel(level);
            Worksheet sheet = workbook.newWorksheet("Data");
            for (int c = 0; c < COLUMNS.size(); c++) {
                sheet.value(0, c, COLUMNS.get(c).name());
            }
            for (int i = 0; i < rows.length; i++) {
                int r = i + 1;
                Object[] row = rows[i];
                for (int c = 0; c < row.length; c++) {
                    Object value = row[c];
                    if (value instanceof String text) {
                        if (inline) {
                            sheet.inlineString(r, c, text);
                        } else {
                            sheet.value(r, c, text);
                        }
                    } else if (value instanceof Number number) {
                        sheet.value(r, c, number);
                    } else if (value instanceof LocalDate date) {
                        if (inline) {
                            sheet.value(r, c, WallClock.excelSerial(date.toEpochDay()));
                        } else {
                            sheet.value(r, c, date);
                        }
                    } else if (value instanceof Instant instant) {
                        if (inline) {
                            sheet.value(r, c, clock.excelSerial(instant));
                        } else {
                            sheet.value(r, c, instant.atZone(ZONE));
                        }
                    }
                }
                if (r % 1024 == 0) {
                    sheet.flush();
                }
            }
            workbook.finish();
            if (aside != null) {
                aside.finish();
            }
        }
    }

    /** Varied rows, so that compression sees something like real data. */
    private static Object[][] rows(int count) {
        Random random = new Random(42);
        String[] first = {"Ada", "Grace", "Alan", "Mary", "Tom", "Zoë", "Aoife", "Siobhán", "Rahul", "Mei", "Olu",
            "Jo", "Sam", "Priya", "Ewan", "Niamh", "Kwame", "Lena", "Chidi", "Hannah"};
        String[] last = {"Lovelace", "Hopper", "Turing", "Somerville", "O'Brien", "Brontë", "Murphy", "Patel",
            "Wong", "Adeyemi", "Smith", "Jones", "Taylor", "Brown", "Williams", "Khan", "Nowak", "García"};
        String[] events = {"The Tempest", "A Midsummer Night's Dream", "Swan Lake", "Hamlet", "The Nutcracker",
            "Les Misérables", "Rent", "Cabaret", "Carmen", "Macbeth", "Into the Woods", "Oliver!"};
        Instant base = Instant.parse("2026-01-01T19:30:00Z");
        Object[][] rows = new Object[count][];
        for (int i = 0; i < count; i++) {
            String firstName = first[random.nextInt(first.length)];
            String lastName = last[random.nextInt(last.length)];
            int tickets = 1 + random.nextInt(6);
            BigDecimal price = BigDecimal.valueOf(1_500 + random.nextInt(6_000), 2);
            rows[i] = new Object[] {
                100_000L + i,
                firstName,
                lastName,
                (firstName + "." + lastName + i + "@example.org").toLowerCase(Locale.ROOT),
                "LS" + random.nextInt(30) + " " + random.nextInt(10) + (char) ('A' + random.nextInt(26))
                        + (char) ('A' + random.nextInt(26)),
                events[random.nextInt(events.length)],
                base.plusSeconds(86_400L * random.nextInt(365) + 1_800L * random.nextInt(3)),
                LocalDate.of(2025, 10, 1).plusDays(random.nextInt(400)),
                tickets,
                price.multiply(BigDecimal.valueOf(tickets)),
                random.nextInt(4) == 0 ? BigDecimal.valueOf(random.nextInt(30), 2) : null,
                BigDecimal.valueOf(random.nextInt(500), 2)};
        }
        return rows;
    }
}
