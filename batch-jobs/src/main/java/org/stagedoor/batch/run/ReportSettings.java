package org.stagedoor.batch.run;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where run files go and how runs behave.
 *
 * @param directory where finished files are kept until they expire
 * @param retention how long a finished file is kept before housekeeping deletes it
 * @param maxPeriodDays the longest period a run may cover; longer requests are refused
 * @param chunkSize rows written between two commits of the job's progress
 * @param fetchSize rows PostgreSQL sends per round trip while streaming a result
 * @param csvByteOrderMark start CSV files with a UTF-8 byte order mark, for Excel
 * @param outageWait how long a run whose end could not be recorded (the database unreachable) waits for the
 *                   database, to record it FAILED
 * @param concurrentRuns how many runs execute at once on a node, whoever started them; the others wait their turn
 *                       ({@link RunSlots}: the connection pool must hold three for each and two to spare)
 * @param minCellSize the smallest count of people an aggregate report shows; smaller groups, and any cell they could
 *                    be worked out from, are left blank ({@link org.stagedoor.batch.report.SmallCells}). At least 2
 * @param countTimeout the longest a customer list's count may take ({@link ListCounts}); it is stopped after that,
 *                     so that a count never holds a request thread longer
 * @param countLookUps with a consent age set, up to how many customers a partner company's count looks up one by one
 *                     in the company's consent; for more, it reads every customer with a young-enough YES for the
 *                     company once ({@link ListCounts}); without one, counts read the stored YES customers (V36)
 */
@ConfigurationProperties("stagedoor.reports")
public record ReportSettings(
        @DefaultValue("${user.home}/.stagedoor/reports") Path directory,
        @DefaultValue("P30D") Duration retention,
        @DefaultValue("400") int maxPeriodDays,
        @DefaultValue("5000") int chunkSize,
        @DefaultValue("10000") int fetchSize,
        @DefaultValue("false") boolean csvByteOrderMark,
        @DefaultValue("PT15M") Duration outageWait,
        @DefaultValue("2") int concurrentRuns,
        @DefaultValue("5") int minCellSize,
        @DefaultValue("5s") Duration countTimeout,
        @DefaultValue("5000") int countLookUps) {

    public ReportSettings {
        if (minCellSize < 2) {
            // 1 would show every group: the setting cannot switch the protection off.
            throw new IllegalArgumentException("stagedoor.reports.min-cell-size must be at least 2, not "
                    + minCellSize);
        }
        if (countTimeout.toMillis() < 1) {
            // PostgreSQL reads a statement timeout of 0 as none at all.
            throw new IllegalArgumentException("stagedoor.reports.count-timeout must be at least 1ms, not "
                    + countTimeout);
        }
    }
}
