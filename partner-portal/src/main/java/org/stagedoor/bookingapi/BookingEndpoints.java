package org.stagedoor.bookingapi;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;

import org.stagedoor.batch.InvalidRequestException.FieldError;
import org.stagedoor.booking.InvalidBookingRequest;
import org.stagedoor.booking.NotFoundException;
import org.stagedoor.booking.preference.PreferenceState;

/**
 * What every controller of the booking API shares. A venue system token sees the whole venue, so there is no other
 * company's object to hide: something a request names that does not exist (an owner, a performance, a relationship
 * type) is said in words, where the rest of the API answers a bare 404. The booking core's refusals are said as the
 * sentences a sales channel can show its customer or its staff as they are. A handler of the controller's own comes
 * before the API's advice ({@code ApiErrors}), which handles every other refusal alike.
 */
abstract class BookingEndpoints {

    /**
     * The answer to one partner company's question (P-4), at a checkout or outside one.
     *
     * @param answer {@code YES} or {@code NO}; at the box office also {@code NOT_ASKED}
     */
    record AnswerBody(Long partnerCompanyId, PreferenceState answer) {
    }

    /** Written as no {@code instance} at all, as the API's other problem details. */
    private static final URI NO_INSTANCE = URI.create("");

    /** The core's words without its rule's code ({@link InvalidBookingRequest#words()}), as a sentence. */
    @ExceptionHandler(InvalidBookingRequest.class)
    ProblemDetail refused(InvalidBookingRequest ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, sentence(ex.words()));
        problem.setTitle("Invalid request");
        problem.setInstance(NO_INSTANCE);
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException ex) {
        // "No customer with id 12": the kind of record is the core's own word, the id the caller's number.
        String message = ex.getMessage();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "There is " + message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1) + ".");
        problem.setInstance(NO_INSTANCE);
        return problem;
    }

    /**
     * The answers by partner company; an answer without its company or its state, or a second one for the same
     * company, is added to {@code errors} under {@code field}.
     */
    static Map<Long, PreferenceState> answers(String field, List<AnswerBody> bodies, List<FieldError> errors) {
        Map<Long, PreferenceState> answers = new HashMap<>();
        List<AnswerBody> given = bodies == null ? List.of() : bodies;
        for (int i = 0; i < given.size(); i++) {
            AnswerBody answer = given.get(i);
            if (answer == null || answer.partnerCompanyId() == null || answer.answer() == null) {
                errors.add(new FieldError(field + "[" + i + "]", "needs a partner company and an answer"));
            }
            else if (answers.put(answer.partnerCompanyId(), answer.answer()) != null) {
                errors.add(new FieldError(field + "[" + i + "]", "is a second answer for the same partner company"));
            }
        }
        return answers;
    }

    /** "the facilitator and …" as a sentence: a capital first letter and a full stop. */
    private static String sentence(String words) {
        String text = words.strip();
        if (text.isEmpty()) {
            return text;
        }
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
