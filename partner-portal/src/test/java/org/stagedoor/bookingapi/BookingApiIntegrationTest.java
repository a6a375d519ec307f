package org.stagedoor.bookingapi;

import java.nio.charset.StandardCharsets;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.ApiTokens;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Base of the booking API's tests: the whole application on the test database, called through HTTP (MockMvc) with a
 * venue system token, as the venue's online shop or box office calls it. The same configuration as the console's
 * tests, so one context serves both.
 */
@SpringBootTest(properties = {
        "stagedoor.dev-mailbox.port=0",
        "stagedoor.scheduler.auto-startup=false",
        "stagedoor.delivery.sender-enabled=false",
        "stagedoor.reports.directory=target/admin-test-reports" })
@AutoConfigureMockMvc
abstract class BookingApiIntegrationTest extends StoreIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiTokens tokens;

    @Autowired
    Accounts accounts;

    @Autowired
    BookingFixtures fixtures;

    StagedoorUser admin;

    ApiTokens.Issued venueToken;

    @BeforeEach
    void venueToken() {
        admin = TestAccounts.admin(accounts, "admin@venue.example");
        venueToken = tokens.issueVenue("Online shop", null, admin.email());
    }

    /** The request as the venue's online shop sends it: its token, JSON in and out. */
    MockHttpServletRequestBuilder venue(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + venueToken.token())
                .accept(MediaType.APPLICATION_JSON);
    }

    ResultActions getJson(String path, Object... variables) throws Exception {
        return mvc.perform(venue(get(path, variables)));
    }

    ResultActions postJson(String path, String json, Object... variables) throws Exception {
        return mvc.perform(venue(post(path, variables)).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    ResultActions putJson(String path, String json, Object... variables) throws Exception {
        return mvc.perform(venue(put(path, variables)).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    ResultActions deleteJson(String path, Object... variables) throws Exception {
        return mvc.perform(venue(delete(path, variables)));
    }

    /** A number the answer holds at this JSON path. */
    static long number(ResultActions answer, String path) throws Exception {
        return ((Number) JsonPath.read(answer.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8),
                path)).longValue();
    }

    /** Single quotes for double ones: JSON written in Java reads better so. */
    static String json(String text) {
        return text.replace('\'', '"');
    }
}
