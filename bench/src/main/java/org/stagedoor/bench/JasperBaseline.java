package org.stagedoor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JRField;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.design.JRDesignBand;
import net.sf.jasperreports.engine.design.JRDesignExpression;
import net.sf.jasperreports.engine.design.JRDesignField;
import net.sf.jasperreports.engine.design.JRDesignSection;
import net.sf.jasperreports.engine.design.JRDesignStaticText;
import net.sf.jasperreports.engine.design.JRDesignTextField;
import net.sf.jasperreports.engine.design.JasperDesign;
import net.sf.jasperreports.engine.export.ooxml.JRXlsxExporter;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.export.SimpleXlsxReportConfiguration;

import org.stagedoor.batch.output.Column;

/**
 * The peer: JasperReports' XLSX exporter writing a run's rows, loaded into memory first, the way a JasperReports
 * user would make a spreadsheet report: a design with a header and one text field per column (typed: numbers and
 * dates stay numbers and dates), no pagination, filled and exported. Compiling the design is not timed; filling
 * and exporting are. Prints {@code BASELINE} and the seconds of each counted round.
 */
public final class JasperBaseline {

    private static final int COLUMN_WIDTH = 110;

    private static final int ROW_HEIGHT = 16;

    private JasperBaseline() {
    }

    public static void main(String[] args) throws Exception {
        long runId = Long.parseLong(args[0]);
        int rounds = Integer.getInteger("stagedoor.bench.rounds", 3);
        RunRows loaded = RunRows.load(runId, Arrays.copyOfRange(args, 1, args.length), value -> value);
        JasperReport report = JasperCompileManager.compileReport(design(loaded.columns()));
        Timing timing = ReportBench.timeAfterWarmUp(rounds, label -> {
            Path file = Files.createTempFile("stagedoor-jasper", ".xlsx");
            long start = System.nanoTime();
            JasperPrint print = JasperFillManager.fillReport(report, new HashMap<>(), new Rows(loaded.rows()));
            JRXlsxExporter exporter = new JRXlsxExporter();
            exporter.setExporterInput(new SimpleExporterInput(print));
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(file.toFile()));
            SimpleXlsxReportConfiguration configuration = new SimpleXlsxReportConfiguration();
            configuration.setDetectCellType(true);
            configuration.setOnePagePerSheet(false);
            configuration.setRemoveEmptySpaceBetweenRows(true);
            configuration.setWhitePageBackground(false);
            exporter.setConfiguration(configuration);
            exporter.exportReport();
            double took = (System.nanoTime() - start) / 1e9;
            System.err.printf("  jasper %s: %.2f s, %,d bytes%n", label, took, Files.size(file));
            Files.delete(file);
            return took;
        });
        System.out.println("BASELINE " + timing.text());
    }

    private static JasperDesign design(List<Column> columns) throws Exception {
        JasperDesign design = new JasperDesign();
        design.setName("peer");
        design.setPageWidth(COLUMN_WIDTH * columns.size());
        design.setColumnWidth(COLUMN_WIDTH * columns.size());
        design.setPageHeight(842);
        design.setLeftMargin(0);
        design.setRightMargin(0);
        design.setTopMargin(0);
        design.setBottomMargin(0);
        design.setIgnorePagination(true);
        JRDesignBand header = new JRDesignBand();
        header.setHeight(ROW_HEIGHT);
        JRDesignBand detail = new JRDesignBand();
        detail.setHeight(ROW_HEIGHT);
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            JRDesignField field = new JRDesignField();
            field.setName("c" + i);
            field.setValueClass(valueClass(column));
            design.addField(field);
            JRDesignStaticText heading = new JRDesignStaticText();
            heading.setX(i * COLUMN_WIDTH);
            heading.setWidth(COLUMN_WIDTH);
            heading.setHeight(ROW_HEIGHT);
            heading.setText(column.name());
            heading.setBold(true);
            header.addElement(heading);
            JRDesignTextField text = new JRDesignTextField();
            text.setX(i * COLUMN_WIDTH);
            text.setWidth(COLUMN_WIDTH);
            text.setHeight(ROW_HEIGHT);
            text.setBlankWhenNull(true);
            text.setExpression(new JRDesignExpression("$F{c" + i + "}"));
            switch (column.type()) {
                case MONEY -> text.setPattern("#,##0.00");
                case PERCENTAGE -> text.setPattern("0.0%");
                case DATE -> text.setPattern("yyyy-MM-dd");
                case TIMESTAMP -> text.setPattern("yyyy-MM-dd HH:mm");
                default -> {
                }
            }
            detail.addElement(text);
        }
        design.setColumnHeader(header);
        ((JRDesignSection) design.getDetailSection()).addBand(detail);
        return design;
    }

    private static Class<?> valueClass(Column column) {
        return switch (column.type()) {
            case TEXT -> String.class;
            case INTEGER, MONEY, PERCENTAGE -> Number.class;
            case DATE, TIMESTAMP -> java.util.Date.class;
        };
    }

    /** The rows as JasperReports reads them: field {@code c<i>} is column i. */
    private static final class Rows implements JRDataSource {

        private final List<Object[]> rows;

        private int next = -1;

        Rows(List<Object[]> rows) {
            this.rows = rows;
        }

        @Override
        public boolean next() {
            return ++next < rows.size();
        }

        @Override
        public Object getFieldValue(JRField field) {
            return rows.get(next)[Integer.parseInt(field.getName().substring(1))];
        }
    }
}
