package org.stagedoor.booking.partner;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.NotFoundException;

/** The partner companies the venue works with (P-1, P-7). */
@Service
public class PartnerCompanies {

    private final PartnerCompanyRepository companies;

    PartnerCompanies(PartnerCompanyRepository companies) {
        this.companies = companies;
    }

    @Transactional
    public PartnerCompany create(String name, boolean collectsPreferences, String webDescription) {
        return save(new PartnerCompany(null, checkedName(name), collectsPreferences,
                webDescription == null ? "" : webDescription, Instant.now()));
    }

    @Transactional
    public PartnerCompany update(long id, String name, boolean collectsPreferences, String webDescription) {
        PartnerCompany existing = get(id);
        return save(new PartnerCompany(id, checkedName(name), collectsPreferences,
                webDescription == null ? "" : webDescription, existing.createdAt()));
    }

    public PartnerCompany get(long id) {
        return companies.findById(id).orElseThrow(() -> new NotFoundException("partner company", id));
    }

    /**
     * The company's name, if it exists: how other modules name a company in their words (a mail's subject, a file's
     * description) without reading this module's table themselves.
     */
    public Optional<String> name(long id) {
        return companies.findById(id).map(PartnerCompany::name);
    }

    public List<PartnerCompany> all() {
        return companies.findAllByName();
    }

    private PartnerCompany save(PartnerCompany company) {
        try {
            return companies.save(company);
        }
        catch (DuplicateKeyException ex) {
            throw new BookingRuleViolation("P-1", "a partner company with this name already exists");
        }
    }

    private static String checkedName(String name) {
        if (name == null || name.isBlank()) {
            throw new BookingRuleViolation("P-1", "a partner company needs a name");
        }
        return name.trim();
    }
}
