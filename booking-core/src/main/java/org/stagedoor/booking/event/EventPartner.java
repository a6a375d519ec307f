package org.stagedoor.booking.event;

import org.springframework.data.relational.core.mapping.Table;

/** One partner company assigned to an event (a row of {@code event_partner_company}). */
@Table("event_partner_company")
public record EventPartner(long partnerCompanyId) {
}
