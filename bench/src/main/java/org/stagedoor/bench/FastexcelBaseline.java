package org.stagedoor.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;



/**
 * The XLSX baseline: loads a run's rows into memory, then times org.dhatim:fastexcel writing them in
 * its cheapest form (no styles, inline strings, dates as serial numbers, deflate level 1, one flush
 * every 1,024 rows). Prints {@code BASELINE} and the seconds of each counted round.
 */
public final class FastexcelBaseline {

    private static final int SHEET_ROWS = 1_048_575;

    private static final ZoneId VENUE = ZoneId.of("Europe/London");

    private FastexcelBaseline() {
    }

    public static void main(String[] args) throws Exception {
        long runId = Long.parseLong(args[0]);
        int rounds = Integer.getInteger("stagedoor.bench.rounds", 3);
        RunRows loaded = RunRows.load(runId, Arrays.copyOfRange(args, 1, args.length), FastexcelBaseline::cell);
        List<String> header = loaded.header();
        List<Object[]> rows = loaded.rows();
        Timing timing = ReportBench.timeAfterWarmUp(rounds, label -> {
            Path file = Files.createTempFile("stagedoor-fastexcel", ".xlsx");
            long start = System.nanoTime();
            write(file, header, rows);
            double took = (System.nanoTime() - start) / 1e9;
            System.err.printf("  fastexcel %s: %.2f s%n", label, took);
            Files.delete(file);
            return took;
        });
        System.out.println("BASELINE " + timing.text());
    }

    private static void write(Path file, List<String> header, List<Object[]> rows) throws Exception {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Workbook workbook = new Workbook(out, "bench", "1.0");
            workbook.setCompressionLevel(1);
            Worksheet sheet = null;
            int r = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (i % SHEET_ROWS == 0) {
                    if (sheet != null) {
                        sheet.finish();
                    }
                    sheet = workbook.newWorksheet("Data " + (i / SHEET_ROWS + 1));
                    for (int c = 0; c < header.size(); c++) {
                        sheet.inlineString(0, c, header.get(c));
                    }
                    r = 1;
                }
                Object[] row = rows.get(i);
                for (int c = row.length - 1; c >= 0; c--) {
                    Object value = row[c];
                    if (value instanceof String text) {
                        sheet.inlineString(r, c, text);
                    }
                    else if (value instanceof Number number) {
                        sheet.value(r, c, number);
                    }
                }
                if (++r % 1024 == 0) {
                    sheet.flush();
                }
            }
            if (sheet != null) {
                sheet.finish();
            }
            workbook.finish();
        }
    }

    /** Text stays text; numbers, dates and instants become numbers (dates as spreadsheet serials). */
    private static Object cell(Object value) {
        if (value instanceof Timestamp timestamp) {
            return serial(timestamp.toInstant().atZone(VENUE).toLocalDateTime().toEpochSecond(ZoneOffset.UTC));
        }
        if (value instanceof Date date) {
            return serial(date.toLocalDate().toEpochDay() * 86_400L);
        }
        if (value instanceof BigDecimal || value instanceof Number || value == null) {
            return value;
        }
        return value.toString();
    }

    private static double serial(long epochSeconds) {
        return epochSeconds / 86_400.0 + 25_569.0;
    }
}
