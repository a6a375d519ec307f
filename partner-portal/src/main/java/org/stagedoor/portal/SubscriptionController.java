package org.stagedoor.portal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.security.StagedoorUser;

/** "Reports by email": the schedules a partner user may receive, each with a switch. */
@Controller
@RequestMapping("/portal/subscriptions")
class SubscriptionController {

    private final Subscriptions subscriptions;

    SubscriptionController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StagedoorUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("offers", subscriptions.offered(user));
        return "portal/subscriptions";
    }

    @PostMapping("/{scheduleId}")
    String set(@AuthenticationPrincipal StagedoorUser user, @PathVariable long scheduleId,
            @RequestParam boolean subscribed) {
        subscriptions.set(user, scheduleId, subscribed);
        return "redirect:/portal/subscriptions";
    }
}
