package org.stagedoor.admin;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.security.Accounts;
import org.stagedoor.security.StagedoorUser;
import org.stagedoor.security.TwoStepSignIn;

/**
 * Logins: administrators (invited here) and every partner user (invited on their company's page); disabling
 * and enabling an account, ending a pause after failed sign-ins, resetting two-step sign-in after a lost phone, and
 * sending a new invitation (earlier links stop working). {@link Accounts} and {@link TwoStepSignIn} audit each
 * change.
 */
@Controller
@RequestMapping("/admin")
class AccountController {

    private final Accounts accounts;

    private final AccountOperations operations;

    private final ConsoleQueries queries;

    AccountController(Accounts accounts, AccountOperations operations, ConsoleQueries queries) {
        this.accounts = accounts;
        this.operations = operations;
        this.queries = queries;
    }

    @GetMapping("/accounts")
    ModelAndView list() {
        return page(new PersonForm(), FieldMessages.NONE, HttpStatus.OK);
    }

    @PostMapping("/administrators")
    ModelAndView inviteAdministrator(@ModelAttribute("invite") PersonForm invite,
            @AuthenticationPrincipal StagedoorUser user) {
        try {
            accounts.inviteAdministrator(invite.getEmail(), invite.getDisplayName(), user.email());
            return new ModelAndView("redirect:/admin/accounts?invited");
        }
        catch (InvalidRequestException ex) {
            return page(invite, FieldMessages.of(ex), HttpStatus.BAD_REQUEST);
        }
    }

    @PostMapping("/accounts/{id}/enable")
    String enable(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        return back(operations.enable(id, user.email()));
    }

    @PostMapping("/accounts/{id}/disable")
    String disable(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        return back(operations.disable(id, user));
    }

    @PostMapping("/accounts/{id}/end-pause")
    String endSignInPause(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        return back(operations.endSignInPause(id, user.email()));
    }

    /** After a lost phone: the person's sessions end, and they set two-step sign-in up again (audited). */
    @PostMapping("/accounts/{id}/two-step/reset")
    String resetTwoStep(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        return back(operations.resetTwoStep(id, user.email())) + "?twoStepReset";
    }

    @PostMapping("/accounts/{id}/invitation")
    String resendInvitation(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user) {
        return back(operations.resendInvitation(id, user.email())) + "?resent";
    }

    /** Back to where the account is listed: its partner company's page, or the accounts page. */
    private static String back(StagedoorUser account) {
        return account.partnerCompanyId() == null ? "redirect:/admin/accounts"
                : "redirect:/admin/partners/" + account.partnerCompanyId();
    }

    private ModelAndView page(PersonForm invite, FieldMessages errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("admin/accounts");
        page.addObject("administrators", queries.administrators());
        page.addObject("partnerUsers", queries.partnerUsers());
        page.addObject("invite", invite);
        page.addObject("inviteErrors", errors);
        page.setStatus(status);
        return page;
    }
}
