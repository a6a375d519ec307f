package org.stagedoor.admin;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.stagedoor.booking.event.Event;
import org.stagedoor.booking.event.Events;
import org.stagedoor.booking.partner.PartnerCompanies;
import org.stagedoor.booking.partner.PartnerCompany;
import org.stagedoor.booking.venue.Venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.stagedoor.security.TestAccounts.as;

/** Partner companies (P-1, P-7), the venue's preference-group text, and partner companies of events (P-2). */
class PartnerCompanyPagesIntegrationTests extends AdminConsoleIntegrationTest {

    @Autowired
    PartnerCompanies companies;

    @Autowired
    Events events;

    @Autowired
    Venue venue;

    @Test
    void aPartnerCompanyCreatedThroughTheFormIsListedAndAudited() throws Exception {
        mvc.perform(get("/admin/partners/new").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"_csrf\"")));

        mvc.perform(post("/admin/partners").with(as(admin)).with(csrf())
                        .param("name", "  Northern Lights Productions ")
                        .param("collectsPreferences", "true")
                        .param("webDescription", "Touring theatre from the '''North'''."))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/admin/partners/*?created"));

        assertThat(companies.all()).singleElement().satisfies(company -> {
            assertThat(company.name()).isEqualTo("Northern Lights Productions");
            assertThat(company.collectsPreferences()).isTrue();
            assertThat(company.webDescription()).isEqualTo("Touring theatre from the '''North'''.");
        });
        long id = companies.all().get(0).id();
        mvc.perform(get("/admin/partners").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(
                        containsString("href=\"/admin/partners/" + id + "\">Northern Lights Productions<")));
        mvc.perform(get("/admin/partners/{id}", id).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Touring theatre from the <strong>North</strong>.")));
        assertThat(adminChanges()).anySatisfy(detail -> assertThat(detail)
                .startsWith("created partner company " + id + " 'Northern Lights Productions'"));
    }

    @Test
    void thePreviewRendersTheWikitextAsSafeHtmlAndSavesNothing() throws Exception {
        String wikitext = "<script>alert('x')</script> '''Bold''' and [https://example.org/a?b=1 our site]"
                + " [javascript:alert(1) not a link] <img src=x onerror=alert(2)>";

        String page = mvc.perform(post("/admin/partners").with(as(admin)).with(csrf())
                        .param("name", "Southern Cross")
                        .param("webDescription", wikitext)
                        .param("action", "preview"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("<strong>Bold</strong>")
                .contains("<a href=\"https://example.org/a?b=1\" rel=\"nofollow noopener\">our site</a>")
                .contains("&lt;script&gt;")
                .doesNotContain("<script")
                .doesNotContain("<img")
                .doesNotContain("href=\"javascript:");
        assertThat(companies.all()).isEmpty();
        assertThat(adminChanges()).isEmpty();
    }

    @Test
    void editingAPartnerCompanyPreviewsThenSavesAndAnInvalidNameIsRefusedByItsField() throws Exception {
        PartnerCompany company = companies.create("Northern Lights", false, "Old text");
        companies.create("Southern Cross", true, "");

        mvc.perform(post("/admin/partners/{id}", company.id()).with(as(admin)).with(csrf())
                        .param("name", "Northern Lights").param("webDescription", "<b>New</b> ''text''")
                        .param("action", "preview"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("&lt;b&gt;New&lt;/b&gt; <em>text</em>"),
                        not(containsString("<b>New")))));
        assertThat(companies.get(company.id()).webDescription()).isEqualTo("Old text");

        mvc.perform(post("/admin/partners/{id}", company.id()).with(as(admin)).with(csrf())
                        .param("name", "southern cross").param("webDescription", "Changed"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("a partner company with this name already exists")));
        mvc.perform(post("/admin/partners/{id}", company.id()).with(as(admin)).with(csrf())
                        .param("name", " ").param("webDescription", "Changed"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("a partner company needs a name")));
        assertThat(companies.get(company.id()).webDescription()).isEqualTo("Old text");
        assertThat(adminChanges()).isEmpty();

        mvc.perform(post("/admin/partners/{id}", company.id()).with(as(admin)).with(csrf())
                        .param("name", "Northern Lights Productions").param("collectsPreferences", "true")
                        .param("webDescription", "New text"))
                .andExpect(status().is3xxRedirection());

        PartnerCompany saved = companies.get(company.id());
        assertThat(saved.name()).isEqualTo("Northern Lights Productions");
        assertThat(saved.collectsPreferences()).isTrue();
        assertThat(saved.webDescription()).isEqualTo("New text");
        assertThat(adminChanges()).containsExactly("changed partner company " + company.id()
                + ": name 'Northern Lights' -> 'Northern Lights Productions'; now collects contact preferences;"
                + " web description changed");
    }

    @Test
    void theVenuesPreferenceGroupTextIsEditedAndAudited() throws Exception {
        String name = venue.settings().name();

        mvc.perform(post("/admin/venue").with(as(admin)).with(csrf())
                        .param("name", name)
                        .param("partnerPreferenceGroupText", "Hear from the companies behind our shows"))
                .andExpect(status().is3xxRedirection());

        assertThat(venue.settings().partnerPreferenceGroupText()).isEqualTo("Hear from the companies behind our shows");
        assertThat(adminChanges()).containsExactly("changed the venue settings: preference-group text changed");
        mvc.perform(get("/admin/venue").with(as(admin)))
                .andExpect(content().string(containsString("Hear from the companies behind our shows</textarea>")));

        mvc.perform(post("/admin/venue").with(as(admin)).with(csrf())
                        .param("name", "").param("partnerPreferenceGroupText", "Something else"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("the venue needs a name")));
        assertThat(venue.settings().partnerPreferenceGroupText()).isEqualTo("Hear from the companies behind our shows");
    }

    @Test
    void anEventShowsEveryPartnerCompanyAndKeepsExactlyTheTickedOnes() throws Exception {
        PartnerCompany northern = companies.create("Northern Lights", true, "");
        PartnerCompany southern = companies.create("Southern Cross", false, "");
        PartnerCompany eastern = companies.create("Eastern Light Opera", true, "");
        Event hamlet = events.create("Hamlet", Set.of(northern.id()));
        events.create("Macbeth", Set.of());

        mvc.perform(get("/admin/events").param("q", "HAM").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(">Hamlet<"), containsString(">Northern Lights<"),
                        not(containsString("Macbeth")))));
        mvc.perform(get("/admin/events/{id}", hamlet.id()).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Northern Lights"), containsString("Southern Cross"),
                        containsString("Eastern Light Opera"))));

        mvc.perform(post("/admin/events/{id}/partners", hamlet.id()).with(as(admin)).with(csrf())
                        .param("partnerCompanyIds", southern.id().toString(), eastern.id().toString()))
                .andExpect(status().is3xxRedirection());

        assertThat(events.partnersOf(hamlet.id())).extracting(PartnerCompany::name)
                .containsExactly("Eastern Light Opera", "Southern Cross");
        assertThat(adminChanges()).singleElement().asString()
                .startsWith("assigned to event " + hamlet.id() + " 'Hamlet' the partner companies")
                .endsWith("(Eastern Light Opera, Southern Cross)");

        mvc.perform(post("/admin/events/{id}/partners", hamlet.id()).with(as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(events.partnersOf(hamlet.id())).isEmpty();
    }

    @Test
    void anUnknownPartnerCompanyOrEventIsNotFound() throws Exception {
        mvc.perform(get("/admin/partners/{id}", 999).with(as(admin))).andExpect(status().isNotFound());
        mvc.perform(get("/admin/events/{id}", 999).with(as(admin))).andExpect(status().isNotFound());
    }
}
