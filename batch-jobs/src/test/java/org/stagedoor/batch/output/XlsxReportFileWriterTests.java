package org.stagedoor.batch.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.stagedoor.batch.output.Fixtures.COLUMNS;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.SAXParserFactory;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

class XlsxReportFileWriterTests {

    @TempDir
    Path directory;

    @Test
    void writesABoldHeaderRowOfColumnNames() throws Exception {
        read(write(Fixtures.description(), Fixtures.row()), workbook -> {
            Row header = workbook.getSheet("Data").getRow(0);
            assertThat(texts(header))
                    .containsExactly("Customer", "Tickets", "Amount", "Event date", "Booked at", "Discount");
            for (Cell cell : header) {
                assertThat(workbook.getFontAt(cell.getCellStyle().getFontIndex()).getBold()).isTrue();
            }
            Cell data = workbook.getSheet("Data").getRow(1).getCell(0);
            assertThat(workbook.getFontAt(data.getCellStyle().getFontIndex()).getBold()).isFalse();
        });
    }

    @Test
    void freezesTheHeaderRow() throws Exception {
        read(write(Fixtures.description(), Fixtures.row()), workbook -> {
            PaneInformation pane = workbook.getSheet("Data").getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(pane.getVerticalSplitPosition()).isZero();
        });
    }

    @Test
    void setsAnAutofilterOverTheHeaderAndData() throws Exception {
        read(write(Fixtures.description(), Fixtures.row(), Fixtures.row(1), Fixtures.row(2)), workbook ->
                assertThat(workbook.getSheet("Data").getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:F4"));
    }

    @Test
    void sizesTheColumnsOfAnEmptyReportByTheirHeadersAndDateFormats() throws Exception {
        List<Column> columns = List.of(new Column("Name", ColumnType.TEXT),
                new Column("A very long column header that goes on and on and on", ColumnType.TEXT),
                new Column("Amount", ColumnType.MONEY), new Column("On", ColumnType.DATE),
                new Column("At", ColumnType.TIMESTAMP), new Column("Customers who booked", ColumnType.INTEGER));
        read(write(columns, Fixtures.description()), workbook -> {
            XSSFSheet sheet = workbook.getSheet("Data");
            // Header + 3 for the filter button, at least 8; a date's 10 and a timestamp's 16 characters + 2.
            assertThat(widths(sheet, 6)).containsExactly(8, 55, 9, 12, 18, 23);
        });
    }

    @Test
    @DisplayName("covers issue 15 item 6: email addresses and event names are not cut, long text is capped")
    void sizesTheColumnsByTheLongestValueOfTheFirstRowsWithinCaps() throws Exception {
        List<Column> columns = List.of(new Column("Email", ColumnType.TEXT), new Column("Event", ColumnType.TEXT),
                new Column("Amount", ColumnType.MONEY), new Column("Notes", ColumnType.TEXT),
                new Column("Share", ColumnType.PERCENTAGE));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"margaret.hamilton-smythe@northern-lights.co.uk",
                "The Pirates of Penzance", new BigDecimal("1234567.5"), "x".repeat(500), 0.125});
        for (int i = 1; i < ColumnWidths.SAMPLE_ROWS; i++) {
            rows.add(new Object[] {"a@b.uk", "Hamlet", BigDecimal.ONE, null, null});
        }
        // Past the sample: not measured, so it changes nothing.
        rows.add(new Object[] {"someone.with.an.even.longer.address.than.margaret@example.org", null, null, null,
                null});
        read(write(columns, Fixtures.description(), rows.toArray(Object[][]::new)), workbook -> {
            XSSFSheet sheet = workbook.getSheet("Data");
            // 46 + 2, 23 + 2, "£1,234,567.50" 13 + 2, capped at 60, header "Share" 5 + 3 over "12.5%" 5 + 2.
            assertThat(widths(sheet, 5)).containsExactly(48, 25, 15, 60, 8);
        });
    }

    @Test
    void sizesAContinuedSheetByItsOwnFirstRows() throws Exception {
        Path file = newFile();
        try (ReportFileWriter writer = new XlsxReportFileWriter(file, COLUMNS, Fixtures.description(), 2)) {
            writer.write(Fixtures.row(1));
            writer.write(Fixtures.row(2));
            Object[] longer = Fixtures.row(3);
            longer[0] = "A customer with a long name";
            writer.write(longer);
            writer.finish();
        }

        read(file, workbook -> {
            assertThat(widths(workbook.getSheet("Data"), 1)).containsExactly(12);
            assertThat(widths(workbook.getSheet("Data (2)"), 1)).containsExactly(29);
        });
    }

    @Test
    @DisplayName("covers issue 15 item 6: each sheet's dimension is its real range, for streaming readers")
    void givesEverySheetItsRealRangeAsItsDimension() throws Exception {
        Path file = newFile();
        try (ReportFileWriter writer = new XlsxReportFileWriter(file, COLUMNS, Fixtures.description(), 2_000)) {
            for (Object[] row : rows(0, 2_500)) {
                writer.write(row);
            }
            writer.appendix("Do not contact", List.of(new Column("Email", ColumnType.TEXT)),
                    List.<Object[]>of(new Object[] {"a@b.uk"}, new Object[] {"c@d.uk"}));
            writer.finish();
        }

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Data", "A1:F2001");
        expected.put("Data (2)", "A1:F501");
        expected.put("Do not contact", "A1:A3");
        expected.put("About", "A1:B9");
        read(file, workbook -> {
            assertThat(sheetNames(workbook)).containsExactlyElementsOf(expected.keySet());
            for (Map.Entry<String, String> sheet : expected.entrySet()) {
                assertThat(workbook.getSheet(sheet.getKey()).getCTWorksheet().getDimension().getRef())
                        .as(sheet.getKey()).isEqualTo(sheet.getValue());
            }
        });
        assertThat(streamedDimensionsAndRows(file)).containsExactly(
                Map.entry("Data", "A1:F2001 2001"), Map.entry("Data (2)", "A1:F501 501"),
                Map.entry("Do not contact", "A1:A3 3"), Map.entry("About", "A1:B9 9"));
    }

    @Test
    void givesAnEmptyReportsDataSheetTheHeaderAsItsDimension() throws Exception {
        read(write(Fixtures.venueDescription()), workbook -> {
            assertThat(workbook.getSheet("Data").getCTWorksheet().getDimension().getRef()).isEqualTo("A1:F1");
            assertThat(workbook.getSheet("About").getCTWorksheet().getDimension().getRef()).isEqualTo("A1:B7");
        });
    }

    @Test
    @DisplayName("covers issue 15 item 6: the personal data notice wraps in a wide column, on a row tall enough")
    void wrapsThePersonalDataNoticeOnTheAboutSheet() throws Exception {
        read(write(Fixtures.description()), workbook -> {
            XSSFSheet about = workbook.getSheet("About");
            Row notice = about.getRow(8);
            assertThat(notice.getCell(0).getStringCellValue()).isEqualTo("Personal data");
            assertThat(notice.getCell(1).getCellStyle().getWrapText()).isTrue();
            assertThat(notice.getCell(1).getCellStyle().getVerticalAlignment()).isEqualTo(VerticalAlignment.TOP);
            assertThat(notice.getCell(0).getCellStyle().getVerticalAlignment()).isEqualTo(VerticalAlignment.TOP);
            assertThat(workbook.getFontAt(notice.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            // 151 characters at about 88 a line.
            assertThat(notice.getHeightInPoints()).isEqualTo(30f);
            assertThat(widths(about, 2)).containsExactly(20, 80);
        });
    }

    @Test
    void writesIntegersAsNumbers() throws Exception {
        read(write(Fixtures.description(), Fixtures.row()), workbook -> {
            Cell tickets = workbook.getSheet("Data").getRow(1).getCell(1);
            assertThat(tickets.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(tickets.getNumericCellValue()).isEqualTo(2);
            assertThat(tickets.getCellStyle().getDataFormatString()).isEqualTo("0");
        });
    }

    @Test
    void writesMoneyAsNumbersWithACurrencyFormat() throws Exception {
        read(write(Fixtures.description(), Fixtures.row()), workbook -> {
            Cell amount = workbook.getSheet("Data").getRow(1).getCell(2);
            assertThat(amount.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(amount.getNumericCellValue()).isEqualTo(12.5);
            assertThat(amount.getCellStyle().getDataFormatString()).contains("£").contains("#,##0.00");
        });
    }

    @Test
    void writesPercentagesAsFractionsWithAPercentFormat() throws Exception {
        Object[] row = Fixtures.row();
        Object[] other = Fixtures.row();
        other[5] = 0.125;
        read(write(Fixtures.description(), row, other), workbook -> {
            XSSFSheet sheet = workbook.getSheet("Data");
            Cell discount = sheet.getRow(1).getCell(5);
            assertThat(discount.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(discount.getNumericCellValue()).isEqualTo(0.25);
            assertThat(discount.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(sheet.getRow(2).getCell(5).getNumericCellValue()).isEqualTo(0.125);
        });
    }

    @Test
    void writesDatesAndTimestampsAsDateFormattedNumbersInTheVenueZone() throws Exception {
        read(write(Fixtures.description(), Fixtures.row()), workbook -> {
            Row row = workbook.getSheet("Data").getRow(1);
            Cell date = row.getCell(3);
            Cell timestamp = row.getCell(4);
            assertThat(date.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(date)).isTrue();
            assertThat(date.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 9, 0, 0));
            assertThat(date.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(timestamp.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(timestamp)).isTrue();
            // 18:30 UTC on 1 July is 19:30 British Summer Time.
            assertThat(timestamp.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 7, 1, 19, 30));
            assertThat(timestamp.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm");
        });
    }

    @Test
    void writesDatesExcelCannotShowAsIsoText() throws Exception {
        List<Column> columns = List.of(new Column("Born", ColumnType.DATE));
        read(write(columns, Fixtures.description(), new Object[] {LocalDate.of(1899, 12, 31)},
                new Object[] {LocalDate.of(1900, 3, 1)}), workbook -> {
                    XSSFSheet sheet = workbook.getSheet("Data");
                    assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("1899-12-31");
                    assertThat(sheet.getRow(2).getCell(0).getLocalDateTimeCellValue())
                            .isEqualTo(LocalDateTime.of(1900, 3, 1, 0, 0));
                });
    }

    @Test
    void writesTextAsStringsAndNullsAsEmptyCells() throws Exception {
        read(write(Fixtures.description(), Fixtures.row(), new Object[COLUMNS.size()]), workbook -> {
            XSSFSheet sheet = workbook.getSheet("Data");
            Cell customer = sheet.getRow(1).getCell(0);
            assertThat(customer.getCellType()).isEqualTo(CellType.STRING);
            assertThat(customer.getStringCellValue()).isEqualTo("Ada Lovelace");
            Row empty = sheet.getRow(2);
            for (int c = 0; c < COLUMNS.size(); c++) {
                Cell cell = empty == null ? null : empty.getCell(c);
                assertThat(cell == null || cell.getCellType() == CellType.BLANK).as("column %d", c).isTrue();
            }
        });
    }

    @Test
    @DisplayName("covers issue 13 item 8: a text cell is never a formula, so it keeps the value exactly")
    void writesFormulaLikeTextExactlyAsStoredInAStringCell() throws Exception {
        String hyperlink = "=HYPERLINK(\"http://x\",\"y\")";
        List<Column> columns = List.of(new Column("=Name", ColumnType.TEXT), new Column("Note", ColumnType.TEXT));
        FileDescription description = new FileDescription("Event sales", 1L, "+Partner;=1",
                List.of(new FileDescription.Line("Performances in", "-1")), Fixtures.GENERATED_AT, Fixtures.LONDON,
                false, false, null);
        read(write(columns, description, new Object[] {hyperlink, "Baker;=2*21;\n@x"}), workbook -> {
            Row header = workbook.getSheet("Data").getRow(0);
            assertThat(texts(header)).containsExactly("=Name", "Note");
            Row row = workbook.getSheet("Data").getRow(1);
            for (Cell cell : row) {
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
            }
            assertThat(texts(row)).containsExactly(hyperlink, "Baker;=2*21;\n@x");
            assertThat(about(workbook)).containsEntry("Prepared for", "+Partner;=1")
                    .containsEntry("Performances in", "-1");
        });
    }

    @Test
    void cutsTextToTheLongestCellExcelOpens() throws Exception {
        List<Column> columns = List.of(new Column("Notes", ColumnType.TEXT));
        read(write(columns, Fixtures.description(), new Object[] {"x".repeat(40_000)}), workbook -> assertThat(
                workbook.getSheet("Data").getRow(1).getCell(0).getStringCellValue()).hasSize(32_767));
    }

    @Test
    void keepsTypesAndFormatsAcrossFlushedBlocksOfRows() throws Exception {
        int rows = 2_500;
        read(write(COLUMNS, Fixtures.description(), rows(0, rows)), workbook -> {
            XSSFSheet sheet = workbook.getSheet("Data");
            assertThat(sheet.getLastRowNum()).isEqualTo(rows);
            for (int r = 1; r <= rows; r++) {
                Row row = sheet.getRow(r);
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo("Customer " + (r - 1));
                assertThat(row.getCell(2).getNumericCellValue()).isEqualTo((r - 1) / 100.0);
                assertThat(row.getCell(2).getCellStyle().getDataFormatString()).as("row %d", r).contains("£");
                assertThat(DateUtil.isCellDateFormatted(row.getCell(4))).as("row %d", r).isTrue();
            }
        });
    }

    @Test
    void continuesOnANewSheetWithItsOwnHeaderPastTheRowLimit() throws Exception {
        Path file = newFile();
        try (ReportFileWriter writer = new XlsxReportFileWriter(file, COLUMNS, Fixtures.description(), 10)) {
            for (Object[] row : rows(0, 25)) {
                writer.write(row);
            }
            writer.finish();
        }

        read(file, workbook -> {
            assertThat(sheetNames(workbook)).containsExactly("Data", "Data (2)", "Data (3)", "About");
            List<String> customers = new ArrayList<>();
            for (String name : List.of("Data", "Data (2)", "Data (3)")) {
                XSSFSheet sheet = workbook.getSheet(name);
                assertThat(texts(sheet.getRow(0))).first().isEqualTo("Customer");
                assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    customers.add(sheet.getRow(r).getCell(0).getStringCellValue());
                }
            }
            assertThat(workbook.getSheet("Data").getLastRowNum()).isEqualTo(10);
            assertThat(workbook.getSheet("Data (2)").getLastRowNum()).isEqualTo(10);
            assertThat(workbook.getSheet("Data (3)").getLastRowNum()).isEqualTo(5);
            assertThat(workbook.getSheet("Data (3)").getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:F6");
            assertThat(customers).containsExactlyElementsOf(
                    Arrays.stream(rows(0, 25)).map(row -> (String) row[0]).toList());
            assertThat(about(workbook)).containsEntry("Rows", "25")
                    .containsEntry("Data sheets", "Data, Data (2), Data (3)");
        });
    }

    @Test
    void startsNoEmptySheetWhenTheRowsFillTheLastOneExactly() throws Exception {
        Path file = newFile();
        try (ReportFileWriter writer = new XlsxReportFileWriter(file, COLUMNS, Fixtures.description(), 10)) {
            for (Object[] row : rows(0, 10)) {
                writer.write(row);
            }
            writer.finish();
        }

        read(file, workbook -> assertThat(sheetNames(workbook)).containsExactly("Data", "About"));
    }

    @Test
    @DisplayName("covers issue 15 item 6: the About sheet gives the run number and the settings in words")
    void describesTheRunOnALastAboutSheet() throws Exception {
        read(write(Fixtures.description(), Fixtures.row(), Fixtures.row(1)), workbook -> {
            assertThat(sheetNames(workbook)).containsExactly("Data", "About");
            assertThat(aboutLines(workbook)).containsExactly(
                    "Report | Event sales",
                    "Run number | 1234",
                    "Prepared for | Northern Lights Theatre Company",
                    "Performances in | Previous week: Monday 2 November to Sunday 8 November 2026",
                    "Data as of | 2026-11-09T19:30",
                    "Time zone | Europe/London",
                    "Rows | 2",
                    "Data sheet | Data",
                    "Personal data | Contains personal data of customers who consented to hear from Northern Lights"
                            + " Theatre Company. Handle under your data-sharing agreement; do not forward.");
            Cell run = workbook.getSheet("About").getRow(1).getCell(1);
            assertThat(run.getCellType()).isEqualTo(CellType.NUMERIC);
        });
    }

    @Test
    void namesTheVenueAndGivesNoNoticeWithoutPersonalData() throws Exception {
        read(write(Fixtures.venueDescription()), workbook -> assertThat(aboutLines(workbook)).containsExactly(
                "Report | Event sales",
                "Run number | 1234",
                "Prepared for | The venue",
                "Data as of | 2026-11-09T19:30",
                "Time zone | Europe/London",
                "Rows | 0",
                "Data sheet | Data"));
    }

    @Test
    @DisplayName("covers issue 15 item 6: a list's definition, a line a row, wraps where it is long")
    void writesContinuedLinesUnderOneLabelAndWrapsTheLongOnes() throws Exception {
        String longLine = "2. but not customers with at least 2 tickets (not returned) for performances of any event of"
                + " Northern Lights Theatre Company in the previous month (1–31 Oct 2026), counting the person the"
                + " tickets are for";
        FileDescription description = new FileDescription("Customer list", 7L, "Northern Lights Theatre Company",
                List.of(new FileDescription.Line("Customer list", "Lapsed bookers"),
                        new FileDescription.Line("Who is on it", "1. Customers with an email address"),
                        new FileDescription.Line("", longLine)),
                Fixtures.GENERATED_AT, Fixtures.LONDON, true, false, null);
        read(write(List.of(new Column("Email", ColumnType.TEXT)), description), workbook -> {
            XSSFSheet about = workbook.getSheet("About");
            assertThat(aboutLines(workbook)).containsSequence("Customer list | Lapsed bookers",
                    "Who is on it | 1. Customers with an email address", " | " + longLine);
            Cell continued = about.getRow(5).getCell(0);
            assertThat(continued == null || continued.getCellType() == CellType.BLANK).isTrue();
            assertThat(about.getRow(4).getHeightInPoints()).isEqualTo(about.getDefaultRowHeightInPoints());
            // 205 characters, at most 88 a line, broken between words: three lines.
            assertThat(about.getRow(5).getHeightInPoints()).isEqualTo(45f);
            assertThat(about.getRow(5).getCell(1).getCellStyle().getWrapText()).isTrue();
        });
    }

    @Test
    void capsAVeryLongLineAtTheTallestRowExcelOpens() throws Exception {
        FileDescription description = new FileDescription("Customer list", 7L, null,
                List.of(new FileDescription.Line("Who is on it", "1. Customers with tickets for Hamlet or Macbeth. "
                        .repeat(200))), Fixtures.GENERATED_AT, Fixtures.LONDON, false, false, null);
        read(write(List.of(new Column("Email", ColumnType.TEXT)), description), workbook -> assertThat(
                workbook.getSheet("About").getRow(3).getHeightInPoints()).isEqualTo(409f));
    }

    @Test
    @DisplayName("covers issue 15 item 6: a column of codes is written in words, a code not known yet too")
    void writesTheCodesOfAWordedColumnAsWords() throws Exception {
        List<Column> columns = List.of(new Column("Customer", ColumnType.TEXT),
                new Column("Preference channel", ColumnType.TEXT, "preference_channel", Fixtures.CHANNELS));
        Path file = write(columns, Fixtures.description(), new Object[] {"Ada", "ONLINE_CHECKOUT"},
                new Object[] {"Ben", "BOX_OFFICE"}, new Object[] {"Kim", "GIFT_AID_FORM"}, new Object[] {"Dee", null});
        read(file, workbook -> {
            XSSFSheet sheet = workbook.getSheet("Data");
            List<String> channelCells = new ArrayList<>();
            for (int r = 1; r <= 3; r++) {
                channelCells.add(sheet.getRow(r).getCell(1).getStringCellValue());
            }
            assertThat(channelCells).containsExactly("Online checkout", "Box office", "Gift aid form");
            assertThat(sheet.getRow(4).getCell(1)).isNull();
            // Measured in words: "Preference channel" 18 + 3 (a code would be measured as "ONLINE_CHECKOUT").
            assertThat(widths(sheet, 2)).containsExactly(11, 21);
        });
    }

    @Test
    @DisplayName("covers issue 15 item 6: a sheet per measure, each its own table without the measure column")
    void givesEachValueOfTheSplittingColumnASheetOfItsOwn() throws Exception {
        Path file = write(BEHAVIOUR, Fixtures.sheetPerValueOf("Measure"), behaviourRows());

        read(file, workbook -> {
            assertThat(sheetNames(workbook)).containsExactly("Booking lead time", "Day of week of booking",
                    "Group size", "About");
            assertThat(sheetRows(workbook.getSheet("Booking lead time"))).containsExactly(
                    List.of("Category", "Orders", "Share", "Note"),
                    Arrays.asList("Same day", 5.0, 0.25, null),
                    Arrays.asList("1–6 days", 15.0, 0.75, null));
            assertThat(sheetRows(workbook.getSheet("Day of week of booking"))).containsExactly(
                    List.of("Category", "Orders", "Share", "Note"),
                    Arrays.asList("Monday", 20.0, 1.0, null));
            assertThat(sheetRows(workbook.getSheet("Group size"))).containsExactly(
                    List.of("Category", "Orders", "Share", "Note"),
                    Arrays.asList("1", null, null, "Hidden so that no number under 5 can be seen or worked out"),
                    Arrays.asList("2", null, null, "Hidden so that no number under 5 can be seen or worked out"),
                    Arrays.asList("3", 17.0, 0.85, null));
            for (String name : List.of("Booking lead time", "Day of week of booking", "Group size")) {
                XSSFSheet sheet = workbook.getSheet(name);
                assertThat(sheet.getPaneInformation().isFreezePane()).as(name).isTrue();
                assertThat(workbook.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold())
                        .as(name).isTrue();
            }
            assertThat(workbook.getSheet("Group size").getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:D4");
            // "Day of week of booking" is not measured: its values are the sheet's name. Note: 58 + 2.
            assertThat(widths(workbook.getSheet("Group size"), 4)).containsExactly(11, 9, 8, 60);
            assertThat(aboutLines(workbook)).contains("Rows | 6",
                    "Data sheets | Booking lead time, Day of week of booking, Group size");
        });
        assertThat(streamedDimensionsAndRows(file)).containsExactly(
                Map.entry("Booking lead time", "A1:D3 3"), Map.entry("Day of week of booking", "A1:D2 2"),
                Map.entry("Group size", "A1:D4 4"), Map.entry("About", "A1:B8 8"));
        assertThat(streamedCells(file, "Group size")).containsExactly(
                "A1=Category", "B1=Orders", "C1=Share", "D1=Note",
                "A2=1", "D2=Hidden so that no number under 5 can be seen or worked out",
                "A3=2", "D3=Hidden so that no number under 5 can be seen or worked out",
                "A4=3", "B4=17", "C4=0.85");
    }

    @Test
    @DisplayName("covers issue 15 item 6: a measure's sheet leaves out the columns that hold nothing for it")
    void leavesOutOfASheetTheColumnsItsValueHasNothingIn() throws Exception {
        SheetSplit split = new SheetSplit("Measure", Map.of("Day of week of booking", List.of("Orders", "Note")));
        Path file = write(BEHAVIOUR, Fixtures.sheetPerValueOf(split),
                new Object[] {"Booking lead time", "Same day", 5L, new BigDecimal("0.25"), null},
                new Object[] {"Day of week of booking", "Monday", null, BigDecimal.ONE, null});

        read(file, workbook -> {
            assertThat(sheetRows(workbook.getSheet("Booking lead time"))).containsExactly(
                    List.of("Category", "Orders", "Share", "Note"), Arrays.asList("Same day", 5.0, 0.25, null));
            assertThat(sheetRows(workbook.getSheet("Day of week of booking"))).containsExactly(
                    List.of("Category", "Share"), Arrays.asList("Monday", 1.0));
            assertThat(workbook.getSheet("Day of week of booking").getCTWorksheet().getDimension().getRef())
                    .isEqualTo("A1:B2");
        });
    }

    @Test
    void refusesAValueInAColumnItsSheetLeavesOut() throws Exception {
        SheetSplit split = new SheetSplit("Measure", Map.of("Group size", List.of("Orders")));
        try (ReportFileWriter writer = ReportFiles.open(OutputFormat.XLSX, newFile(), BEHAVIOUR,
                Fixtures.sheetPerValueOf(split))) {
            assertThatThrownBy(() -> writer.write(new Object[] {"Group size", "1", 5L, null, null}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Orders'");
        }
    }

    @Test
    void namesTheSheetsOfValuesExcelWouldRefuseInWordsItAccepts() throws Exception {
        Path file = write(BEHAVIOUR, Fixtures.sheetPerValueOf("Measure"),
                new Object[] {"Lead time: [days]/weeks?", "a", 1L, null, null},
                new Object[] {null, "b", 1L, null, null},
                new Object[] {"A measure with a name longer than Excel's thirty-one", "c", 1L, null, null},
                new Object[] {"A measure with a name longer than Excel's thirty-one, again", "d", 1L, null, null},
                new Object[] {"about", "e", 1L, null, null});

        read(file, workbook -> assertThat(sheetNames(workbook)).containsExactly("Lead time   days  weeks",
                "Other", "A measure with a name longer th", "A measure with a name longe (2)", "about (2)", "About"));
    }

    @Test
    void continuesASheetOfOneValueOnANumberedOnePastTheRowLimit() throws Exception {
        Path file = newFile();
        try (ReportFileWriter writer = new XlsxReportFileWriter(file, BEHAVIOUR, Fixtures.sheetPerValueOf("Measure"),
                2)) {
            for (Object[] row : behaviourRows()) {
                writer.write(row);
            }
            writer.finish();
        }

        read(file, workbook -> assertThat(sheetNames(workbook)).containsExactly("Booking lead time",
                "Day of week of booking", "Group size", "Group size (2)", "About"));
    }

    @Test
    void givesASplitReportWithoutRowsOneDataSheetOfHeadings() throws Exception {
        read(write(BEHAVIOUR, Fixtures.sheetPerValueOf("Measure")), workbook -> {
            assertThat(sheetNames(workbook)).containsExactly("Data", "About");
            assertThat(texts(workbook.getSheet("Data").getRow(0))).containsExactly("Category", "Orders", "Share",
                    "Note");
            assertThat(workbook.getSheet("Data").getCTWorksheet().getDimension().getRef()).isEqualTo("A1:D1");
        });
    }

    @Test
    void writesIdenticalBytesForIdenticalContentSplitIntoSheets() throws Exception {
        Path first = write(BEHAVIOUR, Fixtures.sheetPerValueOf("Measure"), behaviourRows());
        Thread.sleep(5);
        Path second = write(BEHAVIOUR, Fixtures.sheetPerValueOf("Measure"), behaviourRows());

        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void refusesToSplitByAColumnTheReportDoesNotHave() {
        assertThatThrownBy(() -> write(BEHAVIOUR, Fixtures.sheetPerValueOf("Dimension")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dimension");
    }

    private static final List<Column> BEHAVIOUR = List.of(new Column("Measure", ColumnType.TEXT),
            new Column("Category", ColumnType.TEXT), new Column("Orders", ColumnType.INTEGER),
            new Column("Share", ColumnType.PERCENTAGE), new Column("Note", ColumnType.TEXT));

    private static Object[][] behaviourRows() {
        String hidden = "Hidden so that no number under 5 can be seen or worked out";
        return new Object[][] {
            {"Booking lead time", "Same day", 5L, new BigDecimal("0.25"), null},
            {"Booking lead time", "1–6 days", 15L, new BigDecimal("0.75"), null},
            {"Day of week of booking", "Monday", 20L, BigDecimal.ONE, null},
            {"Group size", "1", null, null, hidden},
            {"Group size", "2", null, null, hidden},
            {"Group size", "3", 17L, new BigDecimal("0.85"), null}};
    }

    @Test
    void writesAnEmptyReportAsAHeaderWithAnAutofilter() throws Exception {
        read(write(Fixtures.description()), workbook -> {
            XSSFSheet sheet = workbook.getSheet("Data");
            assertThat(sheet.getLastRowNum()).isZero();
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:F1");
        });
    }

    @Test
    void writesIdenticalBytesForIdenticalContent() throws Exception {
        Path first = write(Fixtures.description(), rows(0, 50));
        Thread.sleep(5); // fastexcel would stamp a different creation time by now
        Path second = write(Fixtures.description(), rows(0, 50));

        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void recordsTheRunsGenerationTimeAsTheCreatedDate() throws Exception {
        read(write(Fixtures.description()), workbook -> assertThat(
                workbook.getProperties().getCoreProperties().getCreated()).isEqualTo(
                        Date.from(Fixtures.GENERATED_AT)));
    }

    @Test
    void writesAZipWhoseEntriesMatchTheirChecksums() throws Exception {
        Path file = write(Fixtures.description(), rows(0, 3_000));

        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                names.add(entry.getName());
                CRC32 crc = new CRC32();
                long size = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] buffer = new byte[8192];
                    for (int n; (n = in.read(buffer)) > 0; size += n) {
                        crc.update(buffer, 0, n);
                    }
                }
                assertThat(crc.getValue()).as(entry.getName()).isEqualTo(entry.getCrc());
                assertThat(size).as(entry.getName()).isEqualTo(entry.getSize());
            }
        }
        assertThat(names).contains(ReproducibleZipTail.CORE_PROPERTIES, "xl/worksheets/sheet1.xml", "xl/styles.xml");
    }

    @Test
    void releasesTheFileWhenAbandoned() throws Exception {
        Path file = newFile();
        ReportFileWriter writer = ReportFiles.open(OutputFormat.XLSX, file, COLUMNS, Fixtures.description());
        for (Object[] row : rows(0, 2_000)) {
            writer.write(row);
        }
        writer.close();

        Files.delete(file);
        assertThat(file).doesNotExist();
    }

    @Test
    void writesIdenticalBytesForAReportLargerThanTheDeflatersBuffers() throws Exception {
        // Far more than the buffers between the writer and the deflating thread hold (their timing varies).
        int rows = 40_000;
        Path first = write(Fixtures.description(), rows(0, rows));
        Path second = write(Fixtures.description(), rows(0, rows));

        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        read(first, workbook -> {
            XSSFSheet sheet = workbook.getSheet("Data");
            assertThat(sheet.getLastRowNum()).isEqualTo(rows);
            assertThat(sheet.getRow(rows).getCell(0).getStringCellValue()).isEqualTo("Customer " + (rows - 1));
            assertThat(about(workbook)).containsEntry("Rows", "40000");
        });
    }

    @Test
    void writesTheSameWorkbookWhicheverThreadDeflates() throws Exception {
        Path aside = newFile();
        Path inline = newFile();
        for (Path file : List.of(aside, inline)) {
            try (ReportFileWriter writer = new XlsxReportFileWriter(file, COLUMNS, Fixtures.description(),
                    XlsxReportFileWriter.MAX_DATA_ROWS_PER_SHEET, file == aside)) {
                for (Object[] row : rows(0, 3_000)) {
                    writer.write(row);
                }
                writer.finish();
            }
        }

        // Only the deflating thread corrects the dimensions (the inline way is kept for the benchmark).
        Map<String, String> corrected = entryTexts(aside);
        corrected.replaceAll((name, text) -> text.replaceFirst("<dimension ref=\"[A-Z0-9:]+\" *\\/>",
                "<dimension ref=\"A1\"/>"));
        assertThat(corrected).isEqualTo(entryTexts(inline));
    }

    @Test
    void throwsWhenTheDiskFailsAndLeavesNoThreadBehind() throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "a Linux /dev/full");
        Set<Thread> before = deflatingThreads();

        ReportFileWriter writer = ReportFiles.open(OutputFormat.XLSX, full, COLUMNS, Fixtures.description());
        assertThatThrownBy(() -> {
            for (Object[] row : rows(0, 100_000)) {
                writer.write(row);
            }
            writer.finish();
        }).isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
        writer.close();

        assertThat(newThreads(before)).isEmpty();
    }

    @Test
    void leavesNoThreadBehindWhenAbandoned() throws Exception {
        Set<Thread> before = deflatingThreads();
        ReportFileWriter writer = ReportFiles.open(OutputFormat.XLSX, newFile(), COLUMNS, Fixtures.description());
        for (Object[] row : rows(0, 20_000)) {
            writer.write(row);
        }
        assertThat(newThreads(before)).hasSize(1);

        writer.close();

        assertThat(newThreads(before)).isEmpty();
    }

    /**
     * Each sheet's dimension and row count as a streaming reader sees them: POI's XSSFReader and a SAX
     * parser, the sheet never held whole.
     */
    private static Map<String, String> streamedDimensionsAndRows(Path file) throws Exception {
        Map<String, String> sheets = new LinkedHashMap<>();
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader.SheetIterator iterator = (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            while (iterator.hasNext()) {
                try (InputStream sheet = iterator.next()) {
                    String[] dimension = new String[1];
                    int[] rows = new int[1];
                    factory.newSAXParser().parse(sheet, new DefaultHandler() {
                        @Override
                        public void startElement(String uri, String local, String qualified, Attributes attributes) {
                            if (local.equals("dimension")) {
                                dimension[0] = attributes.getValue("ref");
                            } else if (local.equals("row")) {
                                rows[0]++;
                            }
                        }
                    });
                    sheets.put(iterator.getSheetName(), dimension[0] + " " + rows[0]);
                }
            }
        }
        return sheets;
    }

    /**
     * One sheet's cells as a streaming reader sees them, "A1=text": POI's XSSFReader and its SAX sheet handler, which
     * read inline strings and numbers without loading the sheet.
     */
    private static List<String> streamedCells(Path file, String sheetName) throws Exception {
        List<String> cells = new ArrayList<>();
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            XSSFReader.SheetIterator iterator = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (iterator.hasNext()) {
                try (InputStream sheet = iterator.next()) {
                    if (!iterator.getSheetName().equals(sheetName)) {
                        continue;
                    }
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null,
                            new XSSFSheetXMLHandler.SheetContentsHandler() {
                                @Override
                                public void startRow(int rowNum) {
                                }

                                @Override
                                public void endRow(int rowNum) {
                                }

                                @Override
                                public void cell(String reference, String value, XSSFComment comment) {
                                    cells.add(reference + "=" + value);
                                }
                            }, new DataFormatter() {
                                @Override
                                public String formatRawCellContents(double value, int formatIndex, String format) {
                                    // The raw number, not as the format would show it.
                                    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
                                }
                            }, false));
                    parser.parse(new InputSource(sheet));
                }
            }
        }
        return cells;
    }

    private static Set<Thread> deflatingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(ZipRecompressor.THREAD_NAME))
                .collect(Collectors.toSet());
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        List<Thread> threads = new ArrayList<>(deflatingThreads());
        threads.removeAll(before);
        return threads;
    }

    /** Each entry of the package, inflated. */
    private static Map<String, String> entryTexts(Path file) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    texts.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return texts;
    }

    private static Object[][] rows(int from, int to) {
        Object[][] rows = new Object[to - from][];
        for (int i = from; i < to; i++) {
            rows[i - from] = Fixtures.row(i);
        }
        return rows;
    }

    private Path newFile() throws IOException {
        return Files.createTempFile(directory, "report", ".xlsx");
    }

    private Path write(FileDescription description, Object[]... rows) throws IOException {
        return write(COLUMNS, description, rows);
    }

    private Path write(List<Column> columns, FileDescription description, Object[]... rows) throws IOException {
        Path file = newFile();
        try (ReportFileWriter writer = ReportFiles.open(OutputFormat.XLSX, file, columns, description)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
            writer.finish();
        }
        return file;
    }

    private static void read(Path file, Consumer<XSSFWorkbook> checks) throws IOException {
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            checks.accept(workbook);
        }
    }

    private static List<String> sheetNames(XSSFWorkbook workbook) {
        List<String> names = new ArrayList<>();
        workbook.forEach(sheet -> names.add(sheet.getSheetName()));
        return names;
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(cell.getStringCellValue()));
        return texts;
    }

    private static List<Integer> widths(XSSFSheet sheet, int columns) {
        List<Integer> widths = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            widths.add(Math.round(sheet.getColumnWidth(c) / 256f));
        }
        return widths;
    }

    /** The About sheet a line a row, "label | value", numbers and date-times as text, an absent label empty. */
    private static List<String> aboutLines(XSSFWorkbook workbook) {
        List<String> lines = new ArrayList<>();
        for (Row row : workbook.getSheet("About")) {
            Cell label = row.getCell(0);
            lines.add((label == null ? "" : label.getStringCellValue()) + " | " + text(row.getCell(1)));
        }
        return lines;
    }

    private static String text(Cell value) {
        if (value.getCellType() == CellType.NUMERIC) {
            return DateUtil.isCellDateFormatted(value) ? value.getLocalDateTimeCellValue().toString()
                    : BigDecimal.valueOf(value.getNumericCellValue()).stripTrailingZeros().toPlainString();
        }
        return value.getStringCellValue();
    }

    /** A sheet's rows as typed values (text, numbers), as wide as its header; null for an empty cell. */
    private static List<List<Object>> sheetRows(XSSFSheet sheet) {
        int width = sheet.getRow(0).getLastCellNum();
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : sheet) {
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                Cell cell = row.getCell(c);
                values.add(cell == null || cell.getCellType() == CellType.BLANK ? null
                        : cell.getCellType() == CellType.NUMERIC ? cell.getNumericCellValue()
                        : cell.getStringCellValue());
            }
            rows.add(values);
        }
        return rows;
    }

    /** The About sheet as label to value, numbers and date-times as text. */
    private static Map<String, String> about(XSSFWorkbook workbook) {
        Map<String, String> about = new LinkedHashMap<>();
        for (Row row : workbook.getSheet("About")) {
            Cell value = row.getCell(1);
            about.put(row.getCell(0).getStringCellValue(), text(value));
        }
        return about;
    }
}
