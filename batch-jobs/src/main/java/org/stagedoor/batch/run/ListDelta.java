package org.stagedoor.batch.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.stagedoor.batch.customerlist.ListColumn;
import org.stagedoor.batch.customerlist.Segment;
import org.stagedoor.batch.customerlist.SetOperator;
import org.stagedoor.batch.output.CodeWords;
import org.stagedoor.batch.output.Column;
import org.stagedoor.batch.output.ColumnType;

/**
 * A personal-data list sent as its changes (issue 18): the list's own statement, read as always under the run's
 * consent rules, compared with the customers the partner company holds. Customers in the list it does not hold are
 * "New in the list", with all their columns; customers it holds who are not in the list any more are "Left the
 * list", with their customer number alone (which the company received with their first row) and the reason in
 * words: the customer's other data, an erased customer's above all, never goes out again.
 */
final class ListDelta {

    /** What happened to a customer since the base run. */
    enum Change {
        NEW, LEFT
    }

    /** Why; the leavers' codes are those of {@code list_leaver.reason}. */
    enum Reason {
        GAVE_CONSENT, NOW_MATCHES, ERASED, WITHDREW, CONSENT_LAPSED, NO_EMAIL, NO_MATCH
    }

    static final Column CHANGE = new Column("Change", ColumnType.TEXT, null,
            CodeWords.of(Change.class, change -> switch (change) {
                case NEW -> "New in the list";
                case LEFT -> "Left the list";
            }));

    static final Column REASON = new Column("Reason", ColumnType.TEXT, null,
            CodeWords.of(Reason.class, reason -> switch (reason) {
                case GAVE_CONSENT -> "Agreed to hear from you";
                case NOW_MATCHES -> "Now matches the list";
                case ERASED -> "Erased at their request";
                case WITHDREW -> "Withdrew consent";
                case CONSENT_LAPSED -> "Their consent is older than the venue accepts";
                case NO_EMAIL -> "No longer has an email address";
                case NO_MATCH -> "No longer matches the list";
            }));

    private ListDelta() {
    }

    /** Whether the query's file is a list of changes: its first column says what changed. */
    static boolean isDelta(ReportQuery query) {
        return !query.columns().isEmpty() && query.columns().get(0) == CHANGE;
    }

    /**
     * The changes statement around the list's own: its rows come with the two columns first, new customers before
     * leavers, each by customer id; every row keeps the ledger's five columns (a leaver's consent is the one at the
     * cut-off, and no email).
     *
     * @param held       the customers the company holds after the base run
     * @param needsEmail whether the list holds only customers with an email address
     */
    static ReportQuery changes(ReportQuery list, long[] held, boolean needsEmail, ReportRun run,
            Instant baseCutoff, Instant consentNotBefore) {
        List<String> leaverColumns = new ArrayList<>();
        for (Column column : list.columns()) {
            leaverColumns.add(ListColumn.ID.columnName().equals(column.field()) ? "x.customer_id" : "null");
        }
        String sql = """
                with list_rows as (
                %s
                ), delta_held (customer_id) as (
                    select unnest(cast(:delta_held as bigint[]))
                ), delta_new as (
                    select case when l.ledger_consent_set_at > :delta_base_cutoff then 'GAVE_CONSENT'
                                else 'NOW_MATCHES' end as delta_reason, l.*
                      from list_rows l
                     where not exists (select 1 from delta_held h where h.customer_id = l.ledger_customer_id)
                ), delta_left as (
                    select h.customer_id
                      from delta_held h
                     where not exists (select 1 from list_rows l where l.ledger_customer_id = h.customer_id)
                )
                select d.*
                  from (select 'NEW' as delta_change, n.* from delta_new n
                        union all
                        select 'LEFT',
                               case when c.erased_at is not null then 'ERASED'
                                    when p.state is distinct from 'YES' then 'WITHDREW'
                                    when cast(:delta_not_before as timestamptz) is not null
                                         and p.set_at < :delta_not_before then 'CONSENT_LAPSED'
                                    when :delta_needs_email and c.email is null then 'NO_EMAIL'
                                    else 'NO_MATCH' end,
                               %s,
                               x.customer_id, p.state, p.set_at, p.channel, null
                          from delta_left x
                          join customer c on c.id = x.customer_id
                          left join lateral (select h.state, h.set_at, h.channel
                                               from partner_preference_history h
                                              where h.customer_id = x.customer_id
                                                and h.partner_company_id = :delta_partner
                                                and h.set_at <= :delta_cutoff
                                              order by h.set_at desc, h.id desc
                                              limit 1) p on true) d
                 order by d.delta_change desc, d.ledger_customer_id
                """.formatted(list.sql(), String.join(", ", leaverColumns));
        Map<String, Object> parameters = new LinkedHashMap<>(list.parameters());
        // As the array's text, "{1,2,3}": a value that no named-parameter expansion could take for a list.
        parameters.put("delta_held", Arrays.stream(held).mapToObj(Long::toString)
                .collect(Collectors.joining(",", "{", "}")));
        parameters.put("delta_base_cutoff", baseCutoff.atOffset(ZoneOffset.UTC));
        parameters.put("delta_not_before", consentNotBefore == null ? null
                : consentNotBefore.atOffset(ZoneOffset.UTC));
        parameters.put("delta_needs_email", needsEmail);
        parameters.put("delta_partner", run.partnerCompanyId());
        parameters.put("delta_cutoff", run.cutoffAt().atOffset(ZoneOffset.UTC));
        List<Column> columns = new ArrayList<>(List.of(CHANGE, REASON));
        columns.addAll(list.columns());
        return new ReportQuery(sql, parameters, columns, list.partnerCompanyId(), true, null);
    }

    /**
     * Whether every customer of the list has an email address, so that one who lost theirs left for that: the
     * segments combine left to right, and a has-email segment decides it unless a later one undoes it.
     */
    static boolean needsEmail(List<Segment> segments) {
        boolean needs = false;
        for (Segment segment : segments) {
            boolean withEmail = segment instanceof Segment.HasEmail hasEmail && hasEmail.value();
            boolean withoutEmail = segment instanceof Segment.HasEmail hasEmail && !hasEmail.value();
            SetOperator operator = segment.operator();
            if (operator == null) {
                needs = withEmail;
            }
            else {
                needs = switch (operator) {
                    case AND -> needs || withEmail;
                    case OR -> needs && withEmail;
                    case EXCEPT -> needs || withoutEmail;
                };
            }
        }
        return needs;
    }
}
