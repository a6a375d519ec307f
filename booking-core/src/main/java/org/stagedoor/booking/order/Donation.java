package org.stagedoor.booking.order;

import java.math.BigDecimal;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("donation")
public record Donation(@Id Long id, String fund, BigDecimal amount) {
}
