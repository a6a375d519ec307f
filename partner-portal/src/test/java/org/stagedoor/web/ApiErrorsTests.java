package org.stagedoor.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.UnsatisfiedServletRequestParameterException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Covers issue 13 item 7: Spring MVC's own refusals, whose details quote the parameter, the content type, the method or
 * the path that was sent, answer in fixed words of the API's.
 */
class ApiErrorsTests {

    static final String SENT = "Zq" + "x".repeat(50 * 1024);

    static Stream<Exception> springRefusals() {
        return Stream.of(
                new HttpMediaTypeNotSupportedException(MediaType.parseMediaType("application/" + SENT),
                        List.of(MediaType.APPLICATION_JSON), HttpMethod.POST),
                new HttpMediaTypeNotSupportedException("Invalid mime type \"" + SENT + "\""),
                new HttpMediaTypeNotAcceptableException("Could not parse 'Accept' header [" + SENT + "]"),
                new HttpRequestMethodNotSupportedException(SENT, List.of("GET")),
                new MissingServletRequestParameterException("limit", SENT),
                new MissingServletRequestPartException(SENT),
                new UnsatisfiedServletRequestParameterException(new String[] { "a=1" }, Map.of(SENT,
                        new String[] { SENT })),
                new ServletRequestBindingException(SENT),
                new NoHandlerFoundException("GET", "/api/" + SENT, null),
                new NoResourceFoundException(HttpMethod.GET, "/api/" + SENT, SENT),
                new MaxUploadSizeExceededException(1),
                new AsyncRequestTimeoutException());
    }

    @ParameterizedTest
    @MethodSource("springRefusals")
    void springsOwnRefusalsAnswerInFixedWordsThatRepeatNothing(Exception refusal) throws Exception {
        ResponseEntity<Object> answer = new ApiErrors().handleException(refusal,
                new ServletWebRequest(new MockHttpServletRequest("GET", "/api/" + SENT),
                        new MockHttpServletResponse()));

        assertThat(answer).isNotNull();
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem).isNotNull();
        String written = problem.getTitle() + " " + problem.getDetail() + " " + problem.getProperties();
        assertThat(written).doesNotContain("Zq").hasSizeLessThan(300);
        assertThat(problem.getInstance()).as("no path").hasToString("");
        assertThat(answer.getHeaders().toString()).doesNotContain("Zq");
        if (refusal instanceof MissingServletRequestParameterException) {
            assertThat(problem.getProperties()).containsEntry("errors",
                    List.of(Map.of("field", "limit", "message", "is required")));
        }
    }
}
