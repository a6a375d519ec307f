package org.stagedoor.booking.order;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A membership line: the member is always the order's owner (F-7). */
@Table("membership")
public record Membership(@Id Long id, long membershipSchemeId, long memberId, LocalDate validFrom, LocalDate validTo,
        BigDecimal price) {
}
