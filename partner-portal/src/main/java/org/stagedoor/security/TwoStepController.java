package org.stagedoor.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.audit.AuditLog;

/**
 * The second step of signing in (a code from the authenticator app, or a recovery code) and setting two-step
 * sign-in up. Wrong codes count as failed sign-ins of the person's email address ({@link SignInThrottle}): after a
 * few, signing in pauses, so codes cannot be guessed; the pause ends with a right code, never with the password.
 */
@Controller
class TwoStepController {

    private static final String CODE_VIEW = "two-step-code";

    private static final String SETUP_VIEW = "two-step-setup";

    private static final String WRONG_CODE = "That code is not right. Enter the 6-digit code your authenticator app"
            + " shows for Stagedoor now.";

    private final TwoStepSignIn twoStep;

    private final SignInThrottle throttle;

    private final AuditLog audit;

    TwoStepController(TwoStepSignIn twoStep, SignInThrottle throttle, AuditLog audit) {
        this.twoStep = twoStep;
        this.throttle = throttle;
        this.audit = audit;
    }

    @GetMapping(TwoStepGate.CODE_PAGE)
    ModelAndView codeForm(@AuthenticationPrincipal StagedoorUser user) {
        return codePage(false, null, HttpStatus.OK);
    }

    @GetMapping(TwoStepGate.RECOVERY_PAGE)
    ModelAndView recoveryForm(@AuthenticationPrincipal StagedoorUser user) {
        return codePage(true, null, HttpStatus.OK);
    }

    @PostMapping(TwoStepGate.CODE_PAGE)
    ModelAndView code(@RequestParam(defaultValue = "") String code, @AuthenticationPrincipal StagedoorUser user,
            HttpServletRequest request) {
        return secondStep(user, request, false, () -> twoStep.checkCode(user, code));
    }

    @PostMapping(TwoStepGate.RECOVERY_PAGE)
    ModelAndView recovery(@RequestParam(defaultValue = "") String recoveryCode,
            @AuthenticationPrincipal StagedoorUser user, HttpServletRequest request) {
        return secondStep(user, request, true, () -> twoStep.useRecoveryCode(user, recoveryCode));
    }

    /** Sets it up (a new secret and its QR code), or says that it is on. */
    @GetMapping(TwoStepGate.SETUP_PAGE)
    ModelAndView setup(@AuthenticationPrincipal StagedoorUser user, HttpServletResponse response) {
        if (twoStep.isOn(user.accountId())) {
            return onPage(user, null, HttpStatus.OK);
        }
        return enrolmentPage(user, twoStep.pending(user).orElseGet(() -> twoStep.begin(user)), null,
                HttpStatus.OK, response);
    }

    /** The first code proves the app is set up: two-step sign-in is on, and the recovery codes are shown once. */
    @PostMapping(TwoStepGate.SETUP_PAGE)
    ModelAndView confirm(@RequestParam(defaultValue = "") String code, @AuthenticationPrincipal StagedoorUser user,
            HttpServletRequest request, HttpServletResponse response) {
        if (twoStep.isOn(user.accountId())) {
            return new ModelAndView("redirect:" + TwoStepGate.SETUP_PAGE);
        }
        Optional<List<String>> recovery = twoStep.confirm(user, code);
        if (recovery.isEmpty()) {
            return enrolmentPage(user, twoStep.pending(user).orElseGet(() -> twoStep.begin(user)),
                    "That code is not right. Enter the 6-digit code your authenticator app shows for Stagedoor now;"
                            + " if the app shows no Stagedoor entry, scan the QR code again.",
                    HttpStatus.BAD_REQUEST, response);
        }
        passed(request, user);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        ModelAndView page = new ModelAndView("two-step-recovery-codes");
        page.addObject("codes", recovery.get());
        return page;
    }

    /** New recovery codes, the old ones void; proven with a code from the app, counted like a sign-in's. */
    @PostMapping(TwoStepGate.SETUP_PAGE + "/recovery-codes")
    ModelAndView renewRecoveryCodes(@RequestParam(defaultValue = "") String code,
            @AuthenticationPrincipal StagedoorUser user, HttpServletRequest request, HttpServletResponse response) {
        Optional<ModelAndView> paused = pausedOnPage(user, request);
        if (paused.isPresent()) {
            return paused.get();
        }
        Optional<List<String>> recovery = twoStep.renewRecoveryCodes(user, code);
        if (recovery.isEmpty()) {
            throttle.failed(request.getRemoteAddr(), user.email());
            return onPage(user, WRONG_CODE, HttpStatus.BAD_REQUEST);
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        ModelAndView page = new ModelAndView("two-step-recovery-codes");
        page.addObject("codes", recovery.get());
        return page;
    }

    /** Off again, proven with a code from the app; not for someone the venue requires it of. */
    @PostMapping(TwoStepGate.SETUP_PAGE + "/off")
    ModelAndView turnOff(@RequestParam(defaultValue = "") String code, @AuthenticationPrincipal StagedoorUser user,
            HttpServletRequest request) {
        if (twoStep.isRequired(user)) {
            return onPage(user, "The venue requires two-step sign-in of you, so it cannot be turned off.",
                    HttpStatus.BAD_REQUEST);
        }
        Optional<ModelAndView> paused = pausedOnPage(user, request);
        if (paused.isPresent()) {
            return paused.get();
        }
        if (!twoStep.turnOff(user, code)) {
            throttle.failed(request.getRemoteAddr(), user.email());
            return onPage(user, WRONG_CODE, HttpStatus.BAD_REQUEST);
        }
        return new ModelAndView("redirect:" + TwoStepGate.SETUP_PAGE + "?off");
    }

    private Optional<ModelAndView> pausedOnPage(StagedoorUser user, HttpServletRequest request) {
        return throttle.waitBefore(request.getRemoteAddr(), user.email())
                .map(wait -> onPage(user, paused(wait), HttpStatus.TOO_MANY_REQUESTS));
    }

    private ModelAndView onPage(StagedoorUser user, String error, HttpStatus status) {
        ModelAndView page = new ModelAndView(SETUP_VIEW);
        page.addObject("on", true);
        page.addObject("required", twoStep.isRequired(user));
        page.addObject("recoveryCodesLeft", twoStep.recoveryCodesLeft(user.accountId()));
        page.addObject("user", user);
        page.addObject("error", error);
        page.setStatus(status);
        return page;
    }

    private static String paused(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return "There have been too many wrong codes, so signing in is paused for "
                + (minutes == 1 ? "a minute" : minutes + " minutes") + ". Try again then.";
    }

    private ModelAndView secondStep(StagedoorUser user, HttpServletRequest request, boolean recovery,
            Supplier<TwoStepSignIn.Outcome> check) {
        if (!twoStep.isOn(user.accountId())) {
            return new ModelAndView("redirect:/");
        }
        Optional<Duration> wait = throttle.waitBefore(request.getRemoteAddr(), user.email());
        if (wait.isPresent()) {
            return codePage(recovery, paused(wait.get()), HttpStatus.TOO_MANY_REQUESTS);
        }
        TwoStepSignIn.Outcome outcome = check.get();
        if (outcome == TwoStepSignIn.Outcome.ACCEPTED) {
            passed(request, user);
            audit.record(user.email(), AuditLog.Kind.LOGIN_OK, user.partnerCompanyId(), null, null, recovery
                    ? "second step with a recovery code (" + twoStep.recoveryCodesLeft(user.accountId()) + " left)"
                    : "second step with a code from the authenticator app");
            return new ModelAndView("redirect:/");
        }
        throttle.failed(request.getRemoteAddr(), user.email());
        audit.record(user.email(), AuditLog.Kind.LOGIN_FAILED, user.partnerCompanyId(), null, null,
                outcome == TwoStepSignIn.Outcome.USED_ALREADY ? "a two-step code used already"
                        : recovery ? "a wrong recovery code" : "a wrong two-step code");
        String words;
        if (recovery) {
            words = "That recovery code is not right, or it was used already. Each recovery code works once.";
        }
        else if (outcome == TwoStepSignIn.Outcome.USED_ALREADY) {
            words = "That code was used already. Wait for your authenticator app to show a new code (it changes"
                    + " every 30 seconds), then enter the new one.";
        }
        else {
            words = WRONG_CODE;
        }
        return codePage(recovery, words, HttpStatus.BAD_REQUEST);
    }

    /** The step is done: a new session id, and the pause count of failed sign-ins starts again. */
    private void passed(HttpServletRequest request, StagedoorUser user) {
        request.changeSessionId();
        request.getSession().setAttribute(TwoStepGate.PASSED, user.accountId());
        throttle.cleared(user.email());
    }

    private static ModelAndView codePage(boolean recovery, String error, HttpStatus status) {
        ModelAndView page = new ModelAndView(CODE_VIEW);
        page.addObject("recovery", recovery);
        page.addObject("error", error);
        page.setStatus(status);
        return page;
    }

    private ModelAndView enrolmentPage(StagedoorUser user, TwoStepSignIn.Enrolment enrolment, String error,
            HttpStatus status, HttpServletResponse response) {
        // The secret is on the page: never kept by a cache.
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        ModelAndView page = new ModelAndView(SETUP_VIEW);
        page.addObject("on", false);
        page.addObject("required", twoStep.isRequired(user));
        page.addObject("secret", enrolment.secret().replaceAll("(.{4})(?!$)", "$1 "));
        page.addObject("qrCode", enrolment.qrCodeDataUrl());
        page.addObject("error", error);
        // Someone held here until it is set up sees no menu: nothing else opens yet.
        page.addObject("user", twoStep.isRequired(user) ? null : user);
        page.setStatus(status);
        return page;
    }
}
