package org.stagedoor.security;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.batch.InvalidRequestException;

/** The login page, "/" sending each role home, and the pages behind invitation and reset links. */
@Controller
class LoginController {

    private final Accounts accounts;

    LoginController(Accounts accounts) {
        this.accounts = accounts;
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
    String acceptInvitation(@RequestParam String token, @RequestParam String password, Model model) {
        return setPassword(Accounts.INVITATION, token, password, "Choose your password", "/invitation", model);
    }

    @GetMapping("/password-reset")
    String resetRequestForm() {
        return "password-reset-request";
    }

    @PostMapping("/password-reset")
    String requestReset(@RequestParam(required = false) String email, Model model) {
        accounts.requestPasswordReset(email);
        // The same answer for every address, known or not.
        model.addAttribute("message", "If an account has this address, a link to reset its password is on its way.");
        return "message";
    }

    @GetMapping("/password-reset/new")
    String resetForm(@RequestParam(required = false) String token, Model model) {
        return passwordForm(Accounts.PASSWORD_RESET, token, "Choose a new password", "/password-reset/new", model);
    }

    @PostMapping("/password-reset/new")
    String reset(@RequestParam String token, @RequestParam String password, Model model) {
        return setPassword(Accounts.PASSWORD_RESET, token, password, "Choose a new password", "/password-reset/new",
                model);
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

    private String setPassword(String purpose, String token, String password, String title, String action,
            Model model) {
        try {
            accounts.setPassword(purpose, token, password);
        }
        catch (InvalidRequestException ex) {
            model.addAttribute("title", title);
            model.addAttribute("action", action);
            model.addAttribute("token", token);
            model.addAttribute("errors", ex.errors());
            return "set-password";
        }
        return "redirect:/login?password";
    }
}
