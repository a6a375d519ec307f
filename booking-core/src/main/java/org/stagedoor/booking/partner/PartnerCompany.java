package org.stagedoor.booking.partner;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A production company or promoter the venue works with (P-1). One that does not collect
 * preferences can still be assigned to events, for reporting (P-7).
 */
@Table("partner_company")
public record PartnerCompany(@Id Long id, String name, boolean collectsPreferences, String webDescription,
        Instant createdAt) {

    public PartnerCompany withId(Long id) {
        return new PartnerCompany(id, name, collectsPreferences, webDescription, createdAt);
    }

    /** The web description as safe HTML: never the raw wikitext (P-1). */
    public String webDescriptionHtml() {
        return Wikitext.toSafeHtml(webDescription);
    }
}
