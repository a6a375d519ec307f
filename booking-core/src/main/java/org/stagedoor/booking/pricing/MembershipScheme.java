package org.stagedoor.booking.pricing;

import java.math.BigDecimal;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("membership_scheme")
public record MembershipScheme(@Id Long id, String name, BigDecimal price) {

    public MembershipScheme withId(Long id) {
        return new MembershipScheme(id, name, price);
    }
}
