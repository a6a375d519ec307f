package org.stagedoor.batch.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.stagedoor.batch.output.Fixtures.COLUMNS;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportFilesTests {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void refusesAValueOfTheWrongTypeNamingTheColumnAndTheTypeFound(OutputFormat format) throws Exception {
        try (ReportFileWriter writer = open(format, COLUMNS)) {
            Object[] row = Fixtures.row();
            row[3] = LocalDateTime.of(2026, 11, 9, 19, 30);

            assertThatThrownBy(() -> writer.write(row))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Column 'Event date' is DATE and takes LocalDate, but the value is a "
                            + "java.time.LocalDateTime");
            assertThat(writer.rowsWritten()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void refusesTheWholeRowAndStaysUsable(OutputFormat format) throws Exception {
        Path file = directory.resolve("report." + format.extension());
        try (ReportFileWriter writer = ReportFiles.open(format, file, COLUMNS, Fixtures.description())) {
            Object[] bad = Fixtures.row();
            bad[5] = "25%";
            assertThatThrownBy(() -> writer.write(bad)).hasMessageContaining("'Discount'")
                    .hasMessageContaining("java.lang.String");

            writer.write(Fixtures.row());
            writer.finish();
            assertThat(writer.rowsWritten()).isEqualTo(1);
        }
        assertThat(file).isNotEmptyFile();
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void refusesPercentagesThatAreNotFiniteNumbers(OutputFormat format) throws Exception {
        try (ReportFileWriter writer = open(format, COLUMNS)) {
            Object[] row = Fixtures.row();
            row[5] = Double.NaN;

            assertThatThrownBy(() -> writer.write(row)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'Discount'").hasMessageContaining("NaN");
        }
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void refusesARowWithTheWrongNumberOfValues(OutputFormat format) throws Exception {
        try (ReportFileWriter writer = open(format, COLUMNS)) {
            assertThatThrownBy(() -> writer.write(new Object[] {"Ada", 2}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("A row has 2 values but the report has 6 columns");
        }
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void refusesWritesOnceFinishedOrAbandoned(OutputFormat format) throws Exception {
        ReportFileWriter finished = open(format, COLUMNS);
        finished.finish();
        finished.close();
        ReportFileWriter abandoned = open(format, COLUMNS);
        abandoned.close();

        assertThatThrownBy(() -> finished.write(Fixtures.row())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> abandoned.write(Fixtures.row())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(abandoned::finish).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void acceptsIntegersAsIntegerOrLongAndPercentagesAsBigDecimalOrDouble(OutputFormat format) throws Exception {
        try (ReportFileWriter writer = open(format, COLUMNS)) {
            writer.write(new Object[] {"Ada", 2, new BigDecimal("1"), LocalDate.of(2026, 1, 1), null, 0.5});
            writer.write(new Object[] {"Ada", 2L, new BigDecimal("1"), LocalDate.of(2026, 1, 1), null,
                    new BigDecimal("0.5")});
            writer.finish();

            assertThat(writer.rowsWritten()).isEqualTo(2);
        }
    }

    @Test
    void needsAtLeastOneColumn() {
        assertThatThrownBy(() -> open(OutputFormat.CSV, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one column");
    }

    private ReportFileWriter open(OutputFormat format, List<Column> columns) throws Exception {
        return ReportFiles.open(format, Files.createTempFile(directory, "report", "." + format.extension()), columns,
                Fixtures.description());
    }
}
