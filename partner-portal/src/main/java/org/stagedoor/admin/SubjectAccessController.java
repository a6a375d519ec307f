package org.stagedoor.admin;

import java.util.Optional;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.batch.sharing.SubjectAccess;
import org.stagedoor.security.StagedoorUser;

/**
 * Subject access (R-6, P-8): every partner company and recipient that received a customer's data, when, in which
 * run and under which consent, and the withdrawal notices sent about them. Found by customer id or email; every
 * lookup is in the audit log (SUBJECT_ACCESS), since it shows personal data.
 */
@Controller
@RequestMapping("/admin/customers")
class SubjectAccessController {

    private final SubjectAccess subjectAccess;

    private final SharingOperations operations;

    SubjectAccessController(SubjectAccess subjectAccess, SharingOperations operations) {
        this.subjectAccess = subjectAccess;
        this.operations = operations;
    }

    /** The lookup form (on the customers page); a customer found by id or email opens at once. */
    @GetMapping("/sharing")
    String find(@RequestParam(defaultValue = "") String q, Model model) {
        String text = q.strip();
        model.addAttribute("q", "");
        model.addAttribute("sharingQ", text);
        if (text.isEmpty()) {
            return "admin/customer-search";
        }
        Optional<Long> found = subjectAccess.find(text);
        if (found.isPresent()) {
            return "redirect:/admin/customers/" + found.get() + "/sharing";
        }
        model.addAttribute("sharingNotFound", true);
        return "admin/customer-search";
    }

    @GetMapping("/{id}/sharing")
    String sharing(@PathVariable long id, @AuthenticationPrincipal StagedoorUser user, Model model) {
        model.addAttribute("report", operations.subjectAccess(id, user.email()));
        return "admin/subject-access";
    }
}
