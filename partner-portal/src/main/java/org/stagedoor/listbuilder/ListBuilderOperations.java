package org.stagedoor.listbuilder;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.customerlist.CompiledList;
import org.stagedoor.batch.customerlist.CustomerListCompiler;
import org.stagedoor.batch.customerlist.GroupBy;
import org.stagedoor.batch.customerlist.ListColumn;
import org.stagedoor.batch.customerlist.ListContext;
import org.stagedoor.batch.customerlist.PurchaseKind;
import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.output.OutputFormat;
import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.run.RunRequestCheck;
import org.stagedoor.batch.run.ReportSettings;
import org.stagedoor.batch.run.RunRequest;
import org.stagedoor.batch.sharing.SharedColumns;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.booking.venue.VenueProperties;

/**
 * What the customer-list builder asks the server besides counts, for the console and the portal alike: the choices
 * it offers in words, and (administrators, venue lists only) the first rows of a list. The callers decide who may
 * ask for which company; everything here is for the one company it is given, or the venue.
 */
@Service
public class ListBuilderOperations {

    /** Rows a preview shows. */
    public static final int PREVIEW_ROWS = 20;

    /** The field a refused preview of a partner company's list names. */
    public static final String PARTNER_COMPANY = "partnerCompany";

    /** A Postgres statement cancelled by its statement timeout. */
    private static final String QUERY_CANCELED = "57014";

    private final JdbcClient jdbc;

    private final PartnerCompanies partners;

    private final SharedColumns sharedColumns;

    private final RunRequestCheck requestCheck;

    private final CustomerListCompiler lists;

    private final TransactionTemplate readOnly;

    private final VenueProperties venue;

    private final ReportSettings settings;

    private final Clock clock;

    ListBuilderOperations(JdbcClient jdbc, PartnerCompanies partners, SharedColumns sharedColumns,
            RunRequestCheck requestCheck, CustomerListCompiler lists, PlatformTransactionManager transactions,
            VenueProperties venue, ReportSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.sharedColumns = sharedColumns;
        this.requestCheck = requestCheck;
        this.lists = lists;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.venue = venue;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The choices for an administrator: a list of the venue (null) or of a partner company, which they may change.
     *
     * @throws org.stagedoor.booking.NotFoundException for an unknown partner company
     */
    public ListChoices forAdministrator(Long partnerCompanyId) {
        PartnerCompany company = partnerCompanyId == null ? null : partners.get(partnerCompanyId);
        List<ListChoices.Company> companies = partners.all().stream().map(ListBuilderOperations::company).toList();
        return choices(company, true, companies);
    }

    /** The choices for a user of a partner company: its own lists only, nothing of any other company. */
    public ListChoices forPartnerUser(long partnerCompanyId) {
        PartnerCompany company = partners.get(partnerCompanyId);
        return choices(company, false, List.of(company(company)));
    }

    private ListChoices choices(PartnerCompany company, boolean companyChosen, List<ListChoices.Company> companies) {
        Long id = company == null ? null : company.id();
        return new ListChoices(company == null ? null : company(company), companyChosen, companies, events(id),
                segmentTypes(), preferenceStates(), purchaseKinds(id != null), groupings(),
                periods(), columns(id));
    }

    /** Every event for the venue, only its own for a company, the latest performances first. */
    private List<ListChoices.Event> events(Long partnerCompanyId) {
        return jdbc.sql("""
                select e.id, e.name,
                       (select (min(ei.starts_at) at time zone :zone)::date from event_instance ei
                         where ei.event_id = e.id) as first_date,
                       (select (max(ei.starts_at) at time zone :zone)::date from event_instance ei
                         where ei.event_id = e.id) as last_date,
                       array(select epc.partner_company_id from event_partner_company epc
                              where epc.event_id = e.id
                                and (cast(:partner as bigint) is null or epc.partner_company_id = :partner)
                              order by 1) as partner_ids
                  from event e
                 where cast(:partner as bigint) is null
                    or exists (select 1 from event_partner_company own
                                where own.event_id = e.id and own.partner_company_id = :partner)
                 order by last_date desc nulls last, e.name, e.id
                """)
                .param("zone", venue.timeZone().getId())
                .param("partner", partnerCompanyId)
                .query((rs, row) -> new ListChoices.Event(rs.getLong("id"), rs.getString("name"),
                        rs.getObject("first_date", LocalDate.class), rs.getObject("last_date", LocalDate.class),
                        Arrays.stream((Long[]) rs.getArray("partner_ids").getArray()).toList()))
                .list();
    }

    private static List<ListChoices.Choice> segmentTypes() {
        return List.of(
                new ListChoices.Choice("booking", "Booked tickets",
                        "Customers with tickets for performances, of some events or all, in a period"),
                new ListChoices.Choice("purchasing", "Spent money",
                        "Customers whose orders in a period add up to at least an amount"),
                new ListChoices.Choice("partner-preference", "Contact preference",
                        "Customers who answered a partner company's contact question in a certain way"),
                new ListChoices.Choice("has-email", "Email address",
                        "Customers who have, or do not have, an email address on record"));
    }

    private static List<ListChoices.Choice> preferenceStates() {
        return List.of(
                new ListChoices.Choice(PreferenceState.YES.name(), "Yes", "They agreed to hear from the company"),
                new ListChoices.Choice(PreferenceState.NO.name(), "No", "They asked not to hear from the company"),
                new ListChoices.Choice(PreferenceState.NOT_ASKED.name(), "Not asked",
                        "They have not been asked yet, or never answered"));
    }

    private static List<ListChoices.Choice> purchaseKinds(boolean forCompany) {
        ListChoices.Choice tickets = new ListChoices.Choice(PurchaseKind.TICKET.name(), "Tickets",
                forCompany ? "The prices of tickets for the company's events, not returned"
                        : "The prices of tickets, not returned");
        if (forCompany) {
            // Memberships and donations are the venue's business, never a company's.
            return List.of(tickets);
        }
        return List.of(tickets,
                new ListChoices.Choice(PurchaseKind.MEMBERSHIP.name(), "Memberships", "The prices of memberships"),
                new ListChoices.Choice(PurchaseKind.DONATION.name(), "Donations", "The amounts given"));
    }

    /** F-10, worded for the box office: whom an order counts for. */
    private static List<ListChoices.Choice> groupings() {
        return List.of(
                new ListChoices.Choice(GroupBy.OWNER.name(), "The person the tickets are for",
                        "The customer the order is for, who attends or holds the membership, even when someone else"
                                + " booked it for them"),
                new ListChoices.Choice(GroupBy.FACILITATOR.name(), "The person who booked",
                        "Whoever made the order: the parent, carer or teacher booking for someone else, or the"
                                + " customer themselves when they booked for themselves"));
    }

    private List<ListChoices.Choice> periods() {
        List<ListChoices.Choice> periods = new ArrayList<>();
        periods.add(new ListChoices.Choice("", "Any time", null));
        PeriodChoices.asOf(clock.instant().atZone(venue.timeZone()).toLocalDate(), "Custom dates")
                .forEach(choice -> periods.add(new ListChoices.Choice(choice.value(), choice.label(), null)));
        return periods;
    }

    /** For a company, what its data-sharing agreement allows; for the venue, all but a company's preference. */
    private List<ListChoices.Column> columns(Long partnerCompanyId) {
        List<ListColumn> agreed = partnerCompanyId == null ? null : sharedColumns.of(partnerCompanyId);
        List<ListChoices.Column> columns = new ArrayList<>();
        for (ListColumn column : ListColumn.values()) {
            String why = agreed == null
                    ? column.partnerRunOnly() ? "Only in a partner company's list" : null
                    : agreed.contains(column) ? null : "Not in the company's data-sharing agreement";
            columns.add(new ListChoices.Column(column.columnName(), column.column().name(), why == null, why));
        }
        return columns;
    }

    /**
     * The first {@value #PREVIEW_ROWS} rows of a list of the venue, read with the statement a run of it would read
     * (checked as a run's, the same column headings as its file). A partner company's list is never shown: its rows
     * are shared only through a run, which records what it shared.
     *
     * @throws InvalidRequestException as a run of the list would be refused (fields under {@code list}), or for a
     *                                 partner company's list
     * @throws PreviewTookTooLong when the statement was stopped by the count's time limit
     */
    public ListPreview preview(String listJson, Long partnerCompanyId, String requestedBy) {
        if (partnerCompanyId != null) {
            throw new InvalidRequestException(PARTNER_COMPANY, "a partner company's list shows counts only: its rows"
                    + " are shared only through a run, which records the share");
        }
        Instant now = clock.instant();
        requestCheck.check(new RunRequest(ReportCatalogue.CUSTOMER_LIST, null,
                listJson == null ? Map.of() : Map.of("list", listJson), OutputFormat.CSV, requestedBy));
        CompiledList list = lists.compile(lists.parse(listJson),
                new ListContext(null, now.atZone(venue.timeZone()).toLocalDate(), venue.timeZone(), now));
        try {
            List<List<String>> rows = readOnly.execute(status -> {
                jdbc.sql("select set_config('statement_timeout', :timeout, true)")
                        .param("timeout", Long.toString(settings.countTimeout().toMillis())).query().singleRow();
                return jdbc.sql(list.sql()).params(list.parameters()).withMaxRows(PREVIEW_ROWS)
                        .query((rs, row) -> {
                            List<String> cells = new ArrayList<>();
                            for (int column = 1; column <= list.columns().size(); column++) {
                                Object value = rs.getObject(column);
                                cells.add(value == null ? "" : value.toString());
                            }
                            return cells;
                        }).list();
            });
            return new ListPreview(list.columns().stream().map(Column::name).toList(), Objects.requireNonNull(rows));
        }
        catch (DataAccessException ex) {
            if (timedOut(ex)) {
                throw new PreviewTookTooLong(ex);
            }
            throw ex;
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

    private static ListChoices.Company company(PartnerCompany company) {
        return new ListChoices.Company(company.id(), company.name());
    }

    /**
     * The first rows of a venue list, ordered by customer id as its file is.
     *
     * @param columns the headings of the file's columns
     * @param rows the rows' cells as text, empty for no value
     */
    public record ListPreview(List<String> columns, List<List<String>> rows) {
    }

    /** A preview stopped by the time limit of a count; said in words. */
    public static class PreviewTookTooLong extends RuntimeException {

        private static final long serialVersionUID = 1L;

        PreviewTookTooLong(Throwable cause) {
            super("Reading the first rows of this list took too long, so it was stopped. The list can still be run;"
                    + " to see its first rows here, narrow it down, for example with a shorter period.", cause);
        }
    }
}
