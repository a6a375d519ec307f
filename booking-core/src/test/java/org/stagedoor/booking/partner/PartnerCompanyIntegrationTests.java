package org.stagedoor.booking.partner;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.booking.BookingRuleViolation;
import org.stagedoor.booking.event.Event;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.event.Events.PartnerChoice;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.booking.venue.Venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Partner companies, their events and the venue's preference text: covers P-1, P-2, P-7. */
@SpringBootTest
class PartnerCompanyIntegrationTests extends StoreIntegrationTest {

    @Autowired
    PartnerCompanies partners;

    @Autowired
    Events events;

    @Autowired
    Venue venue;

    @Test
    void aPartnerCompanyHasAUniqueNameWhateverItsCase() {
        // covers P-1
        partners.create("Northern Lights Productions", true, "");
        assertThatThrownBy(() -> partners.create("northern lights productions", false, ""))
                .isInstanceOf(BookingRuleViolation.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> partners.create("  ", false, "")).isInstanceOf(BookingRuleViolation.class);
    }

    @Test
    void theWebDescriptionIsRenderedAsSafeHtmlNeverRaw() {
        // covers P-1
        PartnerCompany company = partners.create("Northern Lights Productions", true,
                "We make '''new''' plays. <script>alert(1)</script>\n\nSee [https://example.org/privacy our privacy policy].");

        assertThat(company.webDescriptionHtml()).isEqualTo(
                "<p>We make <strong>new</strong> plays. &lt;script&gt;alert(1)&lt;/script&gt;</p>"
                        + "<p>See <a href=\"https://example.org/privacy\" rel=\"nofollow noopener\">our privacy policy</a>.</p>");
    }

    @Test
    void viewingAnEventShowsItsPartnersAndEditingShowsEveryPartnerTicked() {
        // covers P-2 and P-7 (a partner that does not collect preferences is still assignable)
        PartnerCompany northern = partners.create("Northern Lights Productions", true, "");
        PartnerCompany southern = partners.create("Southern Cross Theatre", false, "");
        PartnerCompany other = partners.create("Other Company", true, "");
        Event play = events.create("Hamlet", Set.of());
        assertThat(events.partnersOf(play.id())).isEmpty();

        events.assignPartners(play.id(), Set.of(northern.id(), southern.id()));

        assertThat(events.partnersOf(play.id())).extracting(PartnerCompany::name)
                .containsExactly("Northern Lights Productions", "Southern Cross Theatre");
        assertThat(events.partnerChoices(play.id()))
                .extracting(choice -> choice.company().id(), PartnerChoice::assigned)
                .containsExactly(tuple(northern.id(), true), tuple(other.id(), false), tuple(southern.id(), true));

        events.assignPartners(play.id(), Set.of(other.id()));
        assertThat(events.partnersOf(play.id())).extracting(PartnerCompany::id).containsExactly(other.id());
    }

    @Test
    void theVenueSetsOnePreferenceGroupText() {
        // covers P-1
        venue.update("The Playhouse", "Hear from the companies behind our shows", false);

        assertThat(venue.settings().partnerPreferenceGroupText()).isEqualTo("Hear from the companies behind our shows");
        assertThat(venue.settings().name()).isEqualTo("The Playhouse");
    }
}
