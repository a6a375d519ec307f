package org.stagedoor.batch.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
                // Empty trailing cells are not stored; the header says how wide every row is.
                int width = sheet.getRow(0).getLastCellNum();
                for (Row row : sheet) {
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < width; i++) {
                        values.add(value(row.getCell(i)));
                    }
                    rows.add(values);
                }
            }
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
