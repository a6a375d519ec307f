package org.stagedoor.booking.preference;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.partner.Wikitext;

/**
 * Partner-company contact preferences: whom to ask at checkout (P-4, P-5), recording answers and
 * changes with their channel (P-4, P-8), and the account and box-office views (P-6).
 *
 * "Booked for" means the customer made a booking (the order's facilitator, or its owner when nobody
 * facilitated) for an event the partner company is assigned to now: that is whom checkout asks.
 */
@Service
public class PartnerPreferences {

    private static final String CURRENT_STATE = """
            coalesce(pp.state, 'NOT_ASKED') as state, pp.set_at, pp.channel
            """;

    private final JdbcClient jdbc;

    private final PartnerCompanies partnerCompanies;

    PartnerPreferences(JdbcClient jdbc, PartnerCompanies partnerCompanies) {
        this.jdbc = jdbc;
        this.partnerCompanies = partnerCompanies;
    }

    /**
     * P-4: the partner companies that collect preferences, are assigned to an event of one of these
     * performances, and for which the customer's preference is NOT_ASKED (or absent, P-3).
     */
    public List<PreferenceQuestion> toAsk(long customerId, Collection<Long> eventInstanceIds) {
        if (eventInstanceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select distinct pc.id, pc.name, pc.web_description
                  from event_instance ei
                  join event_partner_company epc on epc.event_id = ei.event_id
                  join partner_company pc on pc.id = epc.partner_company_id
                  left join partner_preference pp
                         on pp.partner_company_id = pc.id and pp.customer_id = :customer
                 where ei.id in (:instances)
                   and pc.collects_preferences
                   and coalesce(pp.state, 'NOT_ASKED') = 'NOT_ASKED'
                 order by pc.name
                """)
                .param("customer", customerId)
                .param("instances", eventInstanceIds)
                .query((rs, row) -> new PreferenceQuestion(rs.getLong("id"), rs.getString("name"),
                        Wikitext.toSafeHtml(rs.getString("web_description"))))
                .list();
    }

    /**
     * P-4, P-5 outside a checkout: the questions a customer has not answered yet about the partner companies of the
     * events they booked for (as at checkout, the person who made the booking), a company added to an event after
     * the booking included. A box-office conversation, or the customer online, can answer them with
     * {@link #answer}.
     */
    public List<PreferenceQuestion> openQuestions(long customerId) {
        erased(customerId);
        return jdbc.sql("""
                select distinct pc.id, pc.name, pc.web_description
                  from customer_order o
                  join ticket t on t.order_id = o.id
                  join event_instance ei on ei.id = t.event_instance_id
                  join event_partner_company epc on epc.event_id = ei.event_id
                  join partner_company pc on pc.id = epc.partner_company_id
                  left join partner_preference pp
                         on pp.partner_company_id = pc.id and pp.customer_id = :customer
                 where coalesce(o.facilitator_id, o.owner_id) = :customer
                   and pc.collects_preferences
                   and coalesce(pp.state, 'NOT_ASKED') = 'NOT_ASKED'
                 order by pc.name
                """)
                .param("customer", customerId)
                .query((rs, row) -> new PreferenceQuestion(rs.getLong("id"), rs.getString("name"),
                        Wikitext.toSafeHtml(rs.getString("web_description"))))
                .list();
    }

    /**
     * Records a customer's answers to partner-company questions outside an order, all of them or none: a box-office
     * conversation, or the customer online. A question is a company whose preference is not set yet (P-4): one
     * answered already (yes or no) is refused here, a change of mind being a change of the preference
     * ({@link #change}). Online the customer answers yes or no, and only for a company on their account page (P-6);
     * the box office may answer for any company that collects preferences, "not asked" too.
     */
    @Transactional
    public void answer(long customerId, Map<Long, PreferenceState> answers, PreferenceChannel channel,
            String recordedBy) {
        if (answers.isEmpty()) {
            throw new InvalidBookingRequest("give at least one answer");
        }
        for (Map.Entry<Long, PreferenceState> answer : new TreeMap<>(answers).entrySet()) {
            PartnerPreference current = current(customerId, answer.getKey());
            if (current.state() != PreferenceState.NOT_ASKED) {
                throw new BookingRuleViolation("P-4", "the customer has answered about " + current.partnerCompanyName()
                        + " already (" + current.state().words().toLowerCase(Locale.ROOT) + "); a change of mind is a"
                        + " change of their preference");
            }
            change(customerId, answer.getKey(), answer.getValue(), channel, recordedBy);
        }
    }

    /**
     * Changes a customer's preference for a partner company through a channel (P-6, P-8): on the account page the
     * customer reaches the companies listed there, those they booked for or hold a preference for; other channels
     * reach every company that collects preferences.
     */
    @Transactional
    public void change(long customerId, long partnerCompanyId, PreferenceState state, PreferenceChannel channel,
            String recordedBy) {
        PartnerCompany company = partnerCompanies.get(partnerCompanyId);
        if (channel == PreferenceChannel.ACCOUNT_PAGE && company.collectsPreferences() && accountView(customerId)
                .stream().noneMatch(line -> line.preference().partnerCompanyId() == partnerCompanyId)) {
            throw new BookingRuleViolation("P-6", company.name() + " is not on the customer's account page: they have"
                    + " not booked for its events; box office staff can set it");
        }
        record(customerId, partnerCompanyId, state, channel, recordedBy);
    }

    /**
     * Records a preference through a channel: online only YES or NO (P-4); the history keeps every
     * change (P-8, written by the database on each insert or update).
     */
    @Transactional
    public void record(long customerId, long partnerCompanyId, PreferenceState state, PreferenceChannel channel,
            String recordedBy) {
        PartnerCompany company = partnerCompanies.get(partnerCompanyId);
        if (!company.collectsPreferences()) {
            throw new BookingRuleViolation("P-7", company.name() + " does not collect contact preferences");
        }
        if (channel.isOnline() && state == PreferenceState.NOT_ASKED) {
            throw new BookingRuleViolation("P-4",
                    "online a customer answers yes or no only; \"not asked\" is for box office staff");
        }
        if (erased(customerId)) {
            // Consent cannot be given again by an erased customer: there is nobody left to have given it.
            throw new InvalidBookingRequest("customer " + customerId + " was erased; no preference can be recorded");
        }
        jdbc.sql("""
                insert into partner_preference (customer_id, partner_company_id, state, set_at, channel, recorded_by)
                values (:customer, :partner, :state, :setAt, :channel, :recordedBy)
                on conflict (customer_id, partner_company_id) do update
                   set state = excluded.state, set_at = excluded.set_at,
                       channel = excluded.channel, recorded_by = excluded.recorded_by
                """)
                .param("customer", customerId)
                .param("partner", partnerCompanyId)
                .param("state", state.name())
                .param("setAt", Timestamp.from(Instant.now()))
                .param("channel", channel.name())
                .param("recordedBy", recordedBy)
                .update();
    }

    /**
     * Withdraws every preference of the customer that is not NO already (YES, or a recorded NOT_ASKED): each
     * becomes NO through this channel, and the database keeps each change in the history (P-8). Unlike
     * {@link #record}, this reaches a company that has since stopped collecting preferences too: a consent given
     * while it did must be withdrawn all the same. In the caller's transaction; returns the partner companies whose
     * preference changed, in id order.
     */
    @Transactional
    public List<Long> withdrawAll(long customerId, PreferenceChannel channel, String recordedBy) {
        return jdbc.sql("""
                update partner_preference
                   set state = 'NO', set_at = :setAt, channel = :channel, recorded_by = :recordedBy
                 where customer_id = :customer and state <> 'NO'
                returning partner_company_id
                """)
                .param("customer", customerId)
                .param("setAt", Timestamp.from(Instant.now()))
                .param("channel", channel.name())
                .param("recordedBy", recordedBy)
                .query(Long.class)
                .list().stream().sorted().toList();
    }

    /** Whether the customer was erased; {@link NotFoundException} when there is no such customer. */
    private boolean erased(long customerId) {
        return jdbc.sql("select erased_at is not null from customer where id = :id").param("id", customerId)
                .query(Boolean.class).optional().orElseThrow(() -> new NotFoundException("customer", customerId));
    }

    /** The current preference; NOT_ASKED with no set-at when there is no record (P-3). */
    public PartnerPreference current(long customerId, long partnerCompanyId) {
        PartnerCompany company = partnerCompanies.get(partnerCompanyId);
        return jdbc.sql("select " + CURRENT_STATE + """
                  from (select 1) one
                  left join partner_preference pp on pp.customer_id = :customer and pp.partner_company_id = :partner
                """)
                .param("customer", customerId)
                .param("partner", partnerCompanyId)
                .query((rs, row) -> preference(customerId, company.id(), company.name(), rs))
                .single();
    }

    /**
     * P-6, the customer's account page: every collecting partner company they have booked for, plus
     * any they already hold a preference for, with the current state.
     */
    public List<AccountPreference> accountView(long customerId) {
        return view(customerId, false);
    }

    /** P-6, box office: every collecting partner company, booked for or not (unbooked ones default NOT_ASKED). */
    public List<AccountPreference> boxOfficeView(long customerId) {
        return view(customerId, true);
    }

    /** P-8: every change of this customer's preferences, oldest first. */
    public List<PreferenceChange> history(long customerId) {
        return jdbc.sql("""
                select customer_id, partner_company_id, state, previous_state, set_at, channel, recorded_by
                  from partner_preference_history
                 where customer_id = :customer
                 order by set_at, id
                """)
                .param("customer", customerId)
                .query((rs, row) -> new PreferenceChange(rs.getLong("customer_id"), rs.getLong("partner_company_id"),
                        PreferenceState.valueOf(rs.getString("state")),
                        rs.getString("previous_state") == null ? null
                                : PreferenceState.valueOf(rs.getString("previous_state")),
                        rs.getTimestamp("set_at").toInstant(), PreferenceChannel.valueOf(rs.getString("channel")),
                        rs.getString("recorded_by")))
                .list();
    }

    private List<AccountPreference> view(long customerId, boolean allCompanies) {
        return jdbc.sql("select pc.id, pc.name, booked.partner_company_id is not null as booked_for, "
                + CURRENT_STATE + """
                  from partner_company pc
                  left join partner_preference pp on pp.partner_company_id = pc.id and pp.customer_id = :customer
                  left join (select distinct epc.partner_company_id
                               from customer_order o
                               join ticket t on t.order_id = o.id
                               join event_instance ei on ei.id = t.event_instance_id
                               join event_partner_company epc on epc.event_id = ei.event_id
                              where coalesce(o.facilitator_id, o.owner_id) = :customer) booked
                         on booked.partner_company_id = pc.id
                 where pc.collects_preferences
                   and (:all or booked.partner_company_id is not null or pp.customer_id is not null)
                 order by lower(pc.name)
                """)
                .param("customer", customerId)
                .param("all", allCompanies)
                .query((rs, row) -> new AccountPreference(
                        preference(customerId, rs.getLong("id"), rs.getString("name"), rs),
                        rs.getBoolean("booked_for")))
                .list();
    }

    private static PartnerPreference preference(long customerId, long partnerId, String partnerName,
            ResultSet rs) throws SQLException {
        Timestamp setAt = rs.getTimestamp("set_at");
        String channel = rs.getString("channel");
        return new PartnerPreference(customerId, partnerId, partnerName, PreferenceState.valueOf(rs.getString("state")),
                setAt == null ? null : setAt.toInstant(), channel == null ? null : PreferenceChannel.valueOf(channel));
    }
}
