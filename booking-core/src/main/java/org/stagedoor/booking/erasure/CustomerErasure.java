package org.stagedoor.booking.erasure;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.preference.PartnerPreferences;
import org.stagedoor.booking.preference.PreferenceChannel;

/**
 * Erases a customer on request: every partner preference is withdrawn first, as an administrator's change that the
 * history keeps (P-8), so that the partner companies which received the customer's data are told to stop;
 * then every personal field is cleared. The record itself stays, with its orders and tickets, so that sales figures
 * do not change. Erasing cannot be undone, and is done once.
 */
@Service
public class CustomerErasure {

    /**
     * What an erasure did.
     *
     * @param withdrawnFrom the partner companies whose preference was withdrawn (was YES or NOT_ASKED, is NO now)
     */
    public record Erasure(long customerId, Instant erasedAt, String erasedBy, List<Long> withdrawnFrom) {
    }

    /** Whether a customer exists and when it was erased, if it was. */
    private record State(Instant erasedAt) {
    }

    private final JdbcClient jdbc;

    private final PartnerPreferences preferences;

    CustomerErasure(JdbcClient jdbc, PartnerPreferences preferences) {
        this.jdbc = jdbc;
        this.preferences = preferences;
    }

    /**
     * Erases the customer in one transaction.
     *
     * @param erasedBy the administrator who erases it, recorded with each withdrawn preference
     * @throws NotFoundException for an unknown customer
     * @throws InvalidBookingRequest for a customer erased already
     */
    @Transactional
    public Erasure erase(long customerId, String erasedBy) {
        if (erasedBy == null || erasedBy.isBlank()) {
            throw new IllegalArgumentException("An erasure names who erased the customer");
        }
        // Locked, so that two administrators erasing at once cannot both get past the check.
        State state = jdbc.sql("select erased_at from customer where id = :id for update")
                .param("id", customerId)
                .query((rs, row) -> new State(rs.getTimestamp("erased_at") == null ? null
                        : rs.getTimestamp("erased_at").toInstant()))
                .optional()
                .orElseThrow(() -> new NotFoundException("customer", customerId));
        if (state.erasedAt() != null) {
            throw new InvalidBookingRequest("customer " + customerId + " was already erased, at " + state.erasedAt()
                    + "; an erasure is done once");
        }
        // Before the fields are cleared: the preferences are withdrawn while the record is still the customer's.
        List<Long> withdrawn = preferences.withdrawAll(customerId, PreferenceChannel.ADMINISTRATOR, erasedBy);
        Instant erasedAt = jdbc.sql("""
                update customer
                   set title = null, first_name = null, last_name = null, organisation_name = null, email = null,
                       phone = null, mobile = null, date_of_birth = null, postcode = null, online_access = false,
                       erased_at = now()
                 where id = :id
                returning erased_at
                """)
                .param("id", customerId)
                .query(Timestamp.class)
                .single()
                .toInstant();
        return new Erasure(customerId, erasedAt, erasedBy, withdrawn);
    }
}
