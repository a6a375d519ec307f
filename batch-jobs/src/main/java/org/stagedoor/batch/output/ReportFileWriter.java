package org.stagedoor.batch.output;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Writes one report file row by row, in constant memory. Open one with {@link ReportFiles#open}.
 *
 * <p>Calling {@link #finish()} completes the file. Calling {@link #close()} without {@code finish()}
 * abandons it: resources are released and the partial file is left for the caller to delete.
 */
public interface ReportFileWriter extends Closeable {

    /**
     * Writes one data row.
     *
     * @param row one value per column, of the Java type its {@link ColumnType} names; {@code null} is an
     *            empty cell
     * @throws IllegalArgumentException if the row has the wrong number of values or a value has the wrong
     *                                  type for its column; the row is refused whole and the writer stays
     *                                  usable
     * @throws IllegalStateException    after {@link #finish()} or {@link #close()}
     */
    void write(Object[] row) throws IOException;

    /**
     * Adds a table that follows the data, such as the customers a partner company must stop contacting: an XLSX
     * file gives it a sheet of its own, named {@code title}, before "About". A CSV file holds one table only and
     * leaves it out; whoever delivers the file carries it instead. Call it before {@link #finish()}, once.
     *
     * @throws IllegalArgumentException if a row does not fit {@code columns}
     */
    void appendix(String title, List<Column> columns, List<Object[]> rows) throws IOException;

    /** The number of data rows written so far (header rows not counted). */
    long rowsWritten();

    /** Completes the file and closes it; afterwards the file is whole. Calling it again does nothing. */
    void finish() throws IOException;
}
