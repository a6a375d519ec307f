package org.stagedoor.batch.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.customerlist.CustomerListCompiler;
import org.stagedoor.batch.customerlist.CustomerListDefinition;
import org.stagedoor.batch.customerlist.ListColumn;
import org.stagedoor.batch.customerlist.ListContext;
import org.stagedoor.batch.customerlist.SegmentCounts;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.booking.venue.VenueProperties;

/**
 * How many customers a customer list holds, before it is run: each segment's own customers, the result after each
 * segment, and for a list run for a partner company the consent funnel down to the number that would be shared.
 * The definition is checked exactly as a run's ({@link RunRequestCheck}), and the number shared is the
 * run's own statement counted in the same statement as the segments ({@link SegmentCounts}), read as a run reads
 * it: under the company's row-level security, with consent as it stands at this moment; for a list of email segments
 * alone, the same number from the store's tally of the company's YES customers. A count is stopped after
 * {@link ReportSettings#countTimeout()}, so that it never holds a request thread longer.
 */
@Service
public class ListCounts {

    /** A Postgres statement cancelled by its statement timeout. */
    private static final String QUERY_CANCELED = "57014";

    private final RunRequestCheck requestCheck;

    private final CustomerListCompiler lists;

    private final JdbcClient jdbc;

    private final DataSource dataSource;

    private final TransactionTemplate transaction;

    private final VenueProperties venue;

    private final ReportSettings settings;

    private final Clock clock;

    ListCounts(RunRequestCheck requestCheck, CustomerListCompiler lists, JdbcClient jdbc, DataSource dataSource,
            PlatformTransactionManager transactions, VenueProperties venue, ReportSettings settings, Clock clock) {
        this.requestCheck = requestCheck;
        this.lists = lists;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setReadOnly(true);
        this.venue = venue;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The counts of a list given as JSON, run for a partner company or (null) for the venue, at this moment.
     *
     * @throws org.stagedoor.batch.InvalidRequestException as a run of it would be refused, fields under {@code list}
     * @throws CountTookTooLong when the count was stopped
     */
    public ListCount count(String listJson, Long partnerCompanyId, String requestedBy) {
        Instant now = clock.instant();
        Map<String, String> resolved = requestCheck.check(new RunRequest(ReportCatalogue.CUSTOMER_LIST,
                partnerCompanyId, listJson == null ? Map.of() : Map.of("list", listJson), OutputFormat.CSV,
                requestedBy)).resolved();
        String notBefore = resolved.get(RunParameters.CONSENT_NOT_BEFORE);
        return count(lists.parse(listJson), new ListContext(partnerCompanyId, now.atZone(venue.timeZone())
                .toLocalDate(), venue.timeZone(), now, notBefore == null ? null : Instant.parse(notBefore)));
    }

    /** The counts of a checked definition for this run's context. */
    public ListCount count(CustomerListDefinition definition, ListContext context) {
        SegmentCounts segments = lists.segmentCounts(definition, context, settings.countLookUps());
        try {
            return transaction.execute(status -> {
                bound(context.runPartnerCompanyId());
                return jdbc.sql(segments.sql()).params(segments.parameters()).query((rs, row) -> {
                    List<Long> numbers = new ArrayList<>();
                    for (int column = 1; column <= 2 * segments.segments(); column++) {
                        numbers.add(rs.getLong(column));
                    }
                    boolean forPartner = context.partnerRun();
                    return ListCount.of(definition, numbers, forPartner ? rs.getLong("listed") : 0,
                            forPartner ? rs.getLong("without_email") : 0, forPartner);
                }).single();
            });
        }
        catch (DataAccessException ex) {
            if (timedOut(ex)) {
                throw new CountTookTooLong(settings.countTimeout(), ex);
            }
            throw ex;
        }
    }

    /** The count's limits for this transaction only, and a partner company's isolation as its run has. */
    private void bound(Long partnerCompanyId) {
        // A year of a venue's orders grouped by customer holds one group per customer: kept in memory, not spilled.
        // A count is one person's request, on one core: with parallel workers most lists took longer, not shorter.
        jdbc.sql("select set_config('statement_timeout', :timeout, true),"
                + " set_config('plan_cache_mode', 'force_custom_plan', true), set_config('work_mem', '32MB', true),"
                + " set_config('max_parallel_workers_per_gather', '0', true)")
                .param("timeout", Long.toString(settings.countTimeout().toMillis())).query().singleRow();
        if (partnerCompanyId != null) {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            PartnerIsolation.isolate(connection, partnerCompanyId);
        }
    }

    private static boolean timedOut(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A list's counts.
     *
     * @param segments each segment's count and the result after it, in order
     * @param total the customers the segments select together
     * @param funnel for a list run for a partner company, what consent leaves of them; null for the venue's lists
     */
    public record ListCount(List<SegmentCount> segments, long total, Funnel funnel) {

        static ListCount of(CustomerListDefinition definition, List<Long> numbers, long listed, long withoutEmail,
                boolean forPartner) {
            List<SegmentCount> segments = new ArrayList<>();
            for (int i = 0; i < definition.segments().size(); i++) {
                var segment = definition.segments().get(i);
                segments.add(new SegmentCount(segment.type(),
                        segment.operator() == null ? null : segment.operator().name(), numbers.get(2 * i),
                        numbers.get(2 * i + 1)));
            }
            long total = numbers.get(numbers.size() - 1);
            if (!forPartner) {
                return new ListCount(segments, total, null);
            }
            boolean emailColumn = definition.columns().contains(ListColumn.EMAIL.columnName());
            return new ListCount(segments, total, new Funnel(total, total - listed, listed,
                    emailColumn ? withoutEmail : null));
        }
    }

    /**
     * One segment's count.
     *
     * @param type the segment's type, as in the definition
     * @param operator how it combines with the segments before it; null for the first
     * @param customers the customers the segment selects on its own
     * @param runningTotal the customers selected by the segments up to this one, combined
     */
    public record SegmentCount(String type, String operator, long customers, long runningTotal) {
    }

    /**
     * What consent leaves of a partner company's list.
     *
     * @param matched the customers the segments select
     * @param withoutYes of those, the customers left out: no YES for the company at this moment (or one older
     *                   than the consent-age setting allows)
     * @param shared the customers the list would share: the rows of its file
     * @param sharedWithoutEmail when the list has the email column, how many of those shared have no email address;
     *                           their rows are shared with the email left empty. Null without the email column
     */
    public record Funnel(long matched, long withoutYes, long shared, Long sharedWithoutEmail) {
    }
}
