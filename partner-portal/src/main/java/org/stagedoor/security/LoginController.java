package org.stagedoor.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.batch.InvalidRequestException;

/** The login page, "/" sending each role home, and the pages behind invitation and reset links. */
@Controller
class LoginController {

    private static final Logger log = LoggerFactory.getLogger(LoginController.class);

    private final Accounts accounts;

    private final SignInThrottle throttle;

    private final TaskExecutor resetMails;

    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    LoginController(Accounts accounts, SignInThrottle throttle,
            @Qualifier(SecurityConfiguration.RESET_MAILS) TaskExecutor resetMails) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.resetMails = resetMails;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal StagedoorUser user) {
        return user.isAdmin() ? "redirect:/admin" : "redirect:/portal";
    }

    @GetMapping("/invitation")
    String invitation(@RequestParam(required = false) String token, Model model) {
        return passwordForm(Accounts.INVITATION, token, "Choose your password", "/invitation", model);
    }

    @PostMapping("/invitation")
    String acceptInvitation(@RequestParam String token, @RequestParam String password, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        return setPassword(Accounts.INVITATION, token, password, "Choose your password", "/invitation", model,
                request, response);
    }

    @GetMapping("/password-reset")
    String resetRequestForm() {
        return "password-reset-request";
    }

    /**
     * Answers at once and alike for every address, known or not; the mail, if any, is written after the answer, so
     * the time taken tells nothing either. A client asking too often is told to wait, whatever the address.
     */
    @PostMapping("/password-reset")
    ModelAndView requestReset(@RequestParam(required = false) String email, HttpServletRequest request) {
        ModelAndView page = new ModelAndView("message");
        if (!throttle.mayAskForReset(request.getRemoteAddr())) {
            page.addObject("message", "Too many reset requests have come from your network. Try again in an hour.");
            page.setStatus(HttpStatus.TOO_MANY_REQUESTS);
            return page;
        }
        resetMails.execute(() -> {
            try {
                accounts.requestPasswordReset(email);
            }
            catch (RuntimeException ex) {
                log.warn("A password-reset mail could not be sent: {}", ex.toString());
            }
        });
        page.addObject("message", "If an account has this address, a link to reset its password is on its way.");
        return page;
    }

    @GetMapping("/password-reset/new")
    String resetForm(@RequestParam(required = false) String token, Model model) {
        return passwordForm(Accounts.PASSWORD_RESET, token, "Choose a new password", "/password-reset/new", model);
    }

    @PostMapping("/password-reset/new")
    String reset(@RequestParam String token, @RequestParam String password, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        return setPassword(Accounts.PASSWORD_RESET, token, password, "Choose a new password", "/password-reset/new",
                model, request, response);
    }

    private String passwordForm(String purpose, String token, String title, String action, Model model) {
        if (!accounts.linkWorks(purpose, token)) {
            model.addAttribute("message", "This link has expired or was used already. Ask for a new one.");
            return "message";
        }
        model.addAttribute("title", title);
        model.addAttribute("action", action);
        model.addAttribute("token", token);
        return "set-password";
    }

    /**
     * Sets the password and signs the person in: the emailed link proves who they are, so no pause that strangers
     * caused with wrong passwords can keep them out. Every other session of the account has ended.
     */
    private String setPassword(String purpose, String token, String password, String title, String action,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        StagedoorUser account;
        try {
            account = accounts.setPassword(purpose, token, password);
        }
        catch (InvalidRequestException ex) {
            model.addAttribute("title", title);
            model.addAttribute("action", action);
            model.addAttribute("token", token);
            model.addAttribute("errors", ex.errors());
            return "set-password";
        }
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(account, null,
                account.getAuthorities()));
        contexts.setContext(context);
        sessions.saveContext(context, request, response);
        return "redirect:/";
    }
}
