package org.stagedoor.booking.pricing;

import java.math.BigDecimal;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.NotFoundException;

/** Membership schemes and price bands, including those open to members only (F-7). */
@Service
public class Pricing {

    private final MembershipSchemeRepository schemes;

    private final PriceBandRepository bands;

    Pricing(MembershipSchemeRepository schemes, PriceBandRepository bands) {
        this.schemes = schemes;
        this.bands = bands;
    }

    @Transactional
    public MembershipScheme createScheme(String name, BigDecimal price) {
        try {
            return schemes.save(new MembershipScheme(null, name, price));
        }
        catch (DuplicateKeyException ex) {
            throw new InvalidBookingRequest("a membership scheme with this name already exists");
        }
    }

    @Transactional
    public PriceBand createBand(String name, Long membershipSchemeId) {
        if (membershipSchemeId != null) {
            scheme(membershipSchemeId);
        }
        try {
            return bands.save(new PriceBand(null, name, membershipSchemeId));
        }
        catch (DuplicateKeyException ex) {
            throw new InvalidBookingRequest("a price band with this name already exists");
        }
    }

    public MembershipScheme scheme(long id) {
        return schemes.findById(id).orElseThrow(() -> new NotFoundException("membership scheme", id));
    }

    public PriceBand band(long id) {
        return bands.findById(id).orElseThrow(() -> new NotFoundException("price band", id));
    }
}
