package org.stagedoor.batch.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads a run's XLSX back with POI, as typed values: text, numbers, and date-times for date cells. */
final class Spreadsheets {

    private Spreadsheets() {
    }

    /** The header and data rows of every data sheet ("Data", "Data (2)", …), in order. */
    static List<List<Object>> rows(Path file) throws IOException {
        return rows(file, "Data");
    }

    /** The header and rows of the sheets whose names start with {@code sheetName}, in order. */
    static List<List<Object>> rows(Path file, String sheetName) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            for (Sheet sheet : workbook) {
                if (!sheet.getSheetName().startsWith(sheetName)) {
                    continue;
                }
                rows.addAll(rows(sheet));
            }
        }
        return rows;
    }

    /** Every sheet but "About", by name in order: its header and rows as typed values. */
    static Map<String, List<List<Object>>> sheets(Path file) throws IOException {
        Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            for (Sheet sheet : workbook) {
                if (!sheet.getSheetName().equals("About")) {
                    sheets.put(sheet.getSheetName(), rows(sheet));
                }
            }
        }
        return sheets;
    }

    /**
     * The sheets of a file given a sheet per value of a column (the behaviour report's measures) as the one table
     * they were split from: the column put back first, headed {@code column}, holding each sheet's name; the first
     * sheet's header heads the rest, and a column a sheet leaves out is empty in its rows.
     */
    static List<List<Object>> stacked(Path file, String column) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> header = new ArrayList<>(List.of(column));
        for (Map.Entry<String, List<List<Object>>> sheet : sheets(file).entrySet()) {
            List<List<Object>> sheetRows = sheet.getValue();
            if (rows.isEmpty()) {
                header.addAll(sheetRows.get(0));
                rows.add(header);
            }
            List<Object> sheetHeader = sheetRows.get(0);
            for (List<Object> row : sheetRows.subList(1, sheetRows.size())) {
                List<Object> values = new ArrayList<>();
                values.add(sheet.getKey());
                for (Object heading : header.subList(1, header.size())) {
                    int at = sheetHeader.indexOf(heading);
                    values.add(at < 0 ? null : row.get(at));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    /** The About sheet a line a row, "label | value", numbers as text; a continued line has an empty label. */
    static List<String> aboutLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            for (Row row : workbook.getSheet("About")) {
                Cell label = row.getCell(0);
                Cell value = row.getCell(1);
                String text = value.getCellType() != CellType.NUMERIC ? value.getStringCellValue()
                        : DateUtil.isCellDateFormatted(value) ? value.getLocalDateTimeCellValue().toString()
                        : BigDecimal.valueOf(value.getNumericCellValue()).stripTrailingZeros().toPlainString();
                lines.add((label == null || label.getCellType() == CellType.BLANK ? "" : label.getStringCellValue())
                        + " | " + text);
            }
        }
        return lines;
    }

    private static List<List<Object>> rows(Sheet sheet) {
        List<List<Object>> rows = new ArrayList<>();
        // Empty trailing cells are not stored; the header says how wide every row is.
        int width = sheet.getRow(0).getLastCellNum();
        for (Row row : sheet) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                values.add(value(row.getCell(i)));
            }
            rows.add(values);
        }
        return rows;
    }

    /** The type of each cell of the "Data" sheet's {@code column}, header first; BLANK where there is no cell. */
    static List<CellType> types(Path file, int column) throws IOException {
        List<CellType> types = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            for (Row row : workbook.getSheet("Data")) {
                Cell cell = row.getCell(column);
                types.add(cell == null ? CellType.BLANK : cell.getCellType());
            }
        }
        return types;
    }

    /**
     * Every entry of the package, inflated, with the About sheet's run number (its second row's number) left out:
     * what two runs of the same rows and cut-off share byte for byte.
     */
    static Map<String, String> entriesBesideRunNumber(Path file) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements();) {
                ZipEntry entry = all.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .replaceFirst("(<c r=\"B2\"[^>]*><v>)\\d+(</v>)", "$1run$2"));
                }
            }
        }
        return entries;
    }

    static List<String> sheetNames(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            workbook.forEach(sheet -> names.add(sheet.getSheetName()));
        }
        return names;
    }

    static String about(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            for (Row row : workbook.getSheet("About")) {
                for (Cell cell : row) {
                    text.append(cell.getCellType() == CellType.NUMERIC ? String.valueOf(cell.getNumericCellValue())
                            : cell.getStringCellValue()).append(' ');
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static Object value(Cell cell) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return null;
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            return DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue() : cell.getNumericCellValue();
        }
        if (cell.getCellType() == CellType.FORMULA) {
            throw new AssertionError("A report cell must never be a formula: " + cell.getCellFormula());
        }
        return cell.getStringCellValue();
    }
}
