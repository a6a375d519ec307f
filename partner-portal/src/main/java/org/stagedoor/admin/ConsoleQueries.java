package org.stagedoor.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.stagedoor.batch.run.RunRecords;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.venue.VenueProperties;
import org.stagedoor.find.Page;
import org.stagedoor.find.RunFilter;
import org.stagedoor.scheduler.delivery.DeliveryStatus;

/**
 * What the console lists and counts, read straight from the store in one statement each: the services
 * make every change; these only show. Names of partner companies come with the rows that refer to them.
 */
@Component
class ConsoleQueries {

    private static final String ACCOUNTS = """
            select a.id, a.email, a.display_name, a.role, u.partner_company_id, pc.name as partner_name, a.enabled,
                   a.password_hash is null as pending, a.last_login_at, sp.paused_until, a.created_at,
                   exists (select 1 from two_step_secret t where t.account_id = a.id and t.confirmed_at is not null)
                       as two_step
              from login_account a
              left join sign_in_pause sp on sp.email_key = lower(a.email) and sp.paused_until > now()
              left join partner_user u on u.id = a.partner_user_id
              left join partner_company pc on pc.id = u.partner_company_id
            """;

    private final JdbcClient jdbc;

    private final RunRecords records;

    private final ZoneId zone;

    private final PartnerCompanies companies;

    ConsoleQueries(JdbcClient jdbc, RunRecords records, VenueProperties venue, PartnerCompanies companies) {
        this.companies = companies;
        this.jdbc = jdbc;
        this.records = records;
        this.zone = venue.timeZone();
    }

    /** A partner company on the list, with how many users, granted reports and events it has. */
    public record PartnerSummary(long id, String name, boolean collectsPreferences, long users, long grants,
            long events) {
    }

    /**
     * A login as the console shows it: {@code pending} until the invitation is accepted (no password yet),
     * {@code enabled} as an administrator set it, {@code pausedUntil} while sign-ins with a password are paused
     * after failed ones, {@code twoStep} while two-step sign-in is on.
     */
    public record AccountRow(long id, String email, String displayName, String role, Long partnerCompanyId,
            String partnerName, boolean enabled, boolean pending, Instant lastLoginAt, Instant pausedUntil,
            Instant createdAt, boolean twoStep) {

        public boolean paused() {
            return pausedUntil != null && pausedUntil.isAfter(Instant.now());
        }

        public String state() {
            if (!enabled) {
                return "disabled";
            }
            if (pending) {
                return "invitation sent";
            }
            return paused() ? "sign-in paused after failed attempts" : "active";
        }
    }

    /** A run on the runs page. */
    public record RunRow(long id, String reportId, Long partnerCompanyId, String partnerName, String requestedBy,
            RunStatus status, String format, Instant createdAt, Instant startedAt, Instant finishedAt, Long rowCount,
            Long fileSize, String errorMessage) {

        public boolean restartable() {
            return status == RunStatus.FAILED || status == RunStatus.STOPPED;
        }

        public boolean stoppable() {
            return status == RunStatus.RUNNING;
        }
    }

    /** An event on the events page, with its performances and assigned partner companies (P-2). */
    public record EventRow(long id, String name, long performances, Instant firstPerformance, Instant lastPerformance,
            String partners) {
    }

    /** A performance of an event. */
    public record Performance(long id, Instant startsAt, int capacity) {
    }

    List<PartnerSummary> partnerSummaries() {
        return jdbc.sql("""
                select pc.id, pc.name, pc.collects_preferences,
                       (select count(*) from partner_user u where u.partner_company_id = pc.id) as users,
                       (select count(*) from saved_report_grant g where g.partner_company_id = pc.id) as grants,
                       (select count(*) from event_partner_company e where e.partner_company_id = pc.id) as events
                  from partner_company pc
                 order by lower(pc.name), pc.id
                """)
                .query((rs, row) -> new PartnerSummary(rs.getLong("id"), rs.getString("name"),
                        rs.getBoolean("collects_preferences"), rs.getLong("users"), rs.getLong("grants"),
                        rs.getLong("events")))
                .list();
    }

    /** Every partner company's name by its id, in the order of their names. */
    Map<Long, String> partnerNames() {
        Map<Long, String> names = new LinkedHashMap<>();
        companies.all().forEach(company -> names.put(company.id(), company.name()));
        return names;
    }

    List<AccountRow> administrators() {
        return jdbc.sql(ACCOUNTS + " where a.role = 'ADMIN' order by lower(a.email)").query(this::account).list();
    }

    List<AccountRow> partnerUsers() {
        return jdbc.sql(ACCOUNTS + " where a.role = 'PARTNER_USER' order by lower(pc.name), lower(a.email)")
                .query(this::account).list();
    }

    List<AccountRow> partnerUsers(long partnerCompanyId) {
        return jdbc.sql(ACCOUNTS + " where u.partner_company_id = :partner order by lower(a.email)")
                .param("partner", partnerCompanyId).query(this::account).list();
    }

    Map<RunStatus, Long> runCounts() {
        Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
        for (RunStatus status : RunStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("select status, count(*) as n from report_run group by status")
                .query((ResultSet rs) -> {
                    counts.put(RunStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    Map<DeliveryStatus, Long> deliveryCounts() {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("select status, count(*) as n from delivery group by status")
                .query((ResultSet rs) -> {
                    counts.put(DeliveryStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    /** The newest runs first, of every partner company and the venue, all of them or those in one state. */
    List<RunRow> runs(RunStatus status, int limit) {
        return runs(new RunFilter(null, null, status, null, null, null, null, null), limit).items();
    }

    /**
     * A page of the runs the filter selects, newest first: the console's runs page and the admin API list through
     * here, so that a filter means the same in both.
     */
    Page<RunRow> runs(RunFilter filter, int size) {
        Map<Long, String> names = partnerNames();
        List<RunRow> rows = records.page(filter.query(null, zone), filter.before(), filter.after(), size + 1).stream()
                .map(run -> new RunRow(run.id(), run.reportId(), run.partnerCompanyId(),
                        run.partnerCompanyId() == null ? null : names.get(run.partnerCompanyId()), run.requestedBy(),
                        run.status(), run.format().name(), run.createdAt(), run.startedAt(), run.finishedAt(),
                        run.rowCount(), run.fileSize(), run.errorMessage()))
                .toList();
        return Page.of(rows, size, filter.before(), filter.after(), RunRow::id);
    }

    /** Events whose name contains the text (any case; all when blank), by name. */
    List<EventRow> events(String text, int limit, int offset) {
        return jdbc.sql("""
                select e.id, e.name,
                       (select count(*) from event_instance i where i.event_id = e.id) as performances,
                       (select min(i.starts_at) from event_instance i where i.event_id = e.id) as first_at,
                       (select max(i.starts_at) from event_instance i where i.event_id = e.id) as last_at,
                       coalesce((select string_agg(pc.name, ', ' order by lower(pc.name))
                                   from event_partner_company epc
                                   join partner_company pc on pc.id = epc.partner_company_id
                                  where epc.event_id = e.id), '') as partners
                  from event e
                 where :text = '' or position(lower(:text) in lower(e.name)) > 0
                 order by lower(e.name), e.id
                 limit :limit offset :offset
                """)
                .param("text", text == null ? "" : text.strip())
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new EventRow(rs.getLong("id"), rs.getString("name"), rs.getLong("performances"),
                        instant(rs, "first_at"), instant(rs, "last_at"), rs.getString("partners")))
                .list();
    }

    long eventCount(String text) {
        return jdbc.sql("""
                select count(*) from event e where :text = '' or position(lower(:text) in lower(e.name)) > 0
                """).param("text", text == null ? "" : text.strip()).query(Long.class).single();
    }

    /** An event on a company's page: its id, name and first and last performance. */
    public record CompanyEvent(long id, String name, Instant firstPerformance, Instant lastPerformance) {
    }

    /** The events assigned to the company, by name. */
    List<CompanyEvent> eventsOf(long partnerCompanyId) {
        return companyEvents(true, partnerCompanyId);
    }

    /** The events not assigned to the company, by name: those its page offers to assign. */
    List<CompanyEvent> eventsNotOf(long partnerCompanyId) {
        return companyEvents(false, partnerCompanyId);
    }

    private List<CompanyEvent> companyEvents(boolean assigned, long partnerCompanyId) {
        return jdbc.sql("""
                select e.id, e.name,
                       (select min(i.starts_at) from event_instance i where i.event_id = e.id) as first_at,
                       (select max(i.starts_at) from event_instance i where i.event_id = e.id) as last_at
                  from event e
                 where exists (select 1 from event_partner_company epc
                                where epc.event_id = e.id and epc.partner_company_id = :partner) = :assigned
                 order by lower(e.name), e.id
                """)
                .param("partner", partnerCompanyId)
                .param("assigned", assigned)
                .query((rs, row) -> new CompanyEvent(rs.getLong("id"), rs.getString("name"), instant(rs, "first_at"),
                        instant(rs, "last_at")))
                .list();
    }

    List<Performance> performances(long eventId) {
        return jdbc.sql("""
                select id, starts_at, capacity from event_instance where event_id = :event order by starts_at, id
                """)
                .param("event", eventId)
                .query((rs, row) -> new Performance(rs.getLong("id"), instant(rs, "starts_at"), rs.getInt("capacity")))
                .list();
    }

    private AccountRow account(ResultSet rs, int row) throws SQLException {
        return new AccountRow(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"),
                rs.getString("role"), rs.getObject("partner_company_id", Long.class), rs.getString("partner_name"),
                rs.getBoolean("enabled"), rs.getBoolean("pending"), instant(rs, "last_login_at"),
                instant(rs, "paused_until"), instant(rs, "created_at"), rs.getBoolean("two_step"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
