package org.stagedoor.booking.pricing;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A price band; one with a membership scheme is sold only to owners who hold that membership (F-7). */
@Table("price_band")
public record PriceBand(@Id Long id, String name, Long membershipSchemeId) {

    public PriceBand withId(Long id) {
        return new PriceBand(id, name, membershipSchemeId);
    }

    public boolean requiresMembership() {
        return membershipSchemeId != null;
    }
}
