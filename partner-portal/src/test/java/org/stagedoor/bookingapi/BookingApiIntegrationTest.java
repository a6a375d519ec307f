package org.stagedoor.bookingapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.booking.BookingFixtures;
import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.ApiTokens;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TestAccounts;
import org.stagedoor.web.PlainWords;

import static org.assertj.core.api.Assertions.assertThat;
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

    @Autowired
    ReportCatalogue catalogue;

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
        return plainly(mvc.perform(venue(get(path, variables))));
    }

    ResultActions postJson(String path, String json, Object... variables) throws Exception {
        return plainly(mvc.perform(venue(post(path, variables)).contentType(MediaType.APPLICATION_JSON)
                .content(json)));
    }

    /** A POST without a body: an action on what the path names. */
    ResultActions postNothing(String path, Object... variables) throws Exception {
        return plainly(mvc.perform(venue(post(path, variables))));
    }

    ResultActions putJson(String path, String json, Object... variables) throws Exception {
        return plainly(mvc.perform(venue(put(path, variables)).contentType(MediaType.APPLICATION_JSON)
                .content(json)));
    }

    ResultActions deleteJson(String path, Object... variables) throws Exception {
        return plainly(mvc.perform(venue(delete(path, variables))));
    }

    /**
     * Every refusal reads as words a sales channel can show its customer or staff: no rule code, enum name or JSON
     * path in its detail or its field messages (issue 15's scan, on every answer of these tests).
     */
    private ResultActions plainly(ResultActions answer) throws Exception {
        return plainly(answer, new PlainWords(catalogue.all().stream().map(report -> report.id()).toList()));
    }

    /** The answer, once its problem detail's words (if it is one) have been read for {@code words}' offences. */
    static ResultActions plainly(ResultActions answer, PlainWords words) throws Exception {
        MockHttpServletResponse response = answer.andReturn().getResponse();
        if (MediaType.APPLICATION_PROBLEM_JSON_VALUE.equals(response.getContentType())) {
            String body = response.getContentAsString(StandardCharsets.UTF_8);
            List<String> texts = new ArrayList<>(JsonPath.<List<String>>read(body, "$..message"));
            texts.addAll(JsonPath.<List<String>>read(body, "$..detail"));
            assertThat(texts).allSatisfy(text -> assertThat(words.offences(text)).as(text).isEmpty());
        }
        return answer;
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
