package org.stagedoor.admin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.stagedoor.booking.partner.PartnerCompanies;

/**
 * The console's page where a customer list is built and counted, without saving it: the
 * list builder alone, for the venue or for a partner company, until saved definitions embed it.
 */
@Controller
@RequestMapping("/admin/lists")
class ListBuilderController {

    private final PartnerCompanies partners;

    ListBuilderController(PartnerCompanies partners) {
        this.partners = partners;
    }

    @GetMapping("/try")
    String tryList(@RequestParam(required = false) Long partnerCompany, Model model) {
        if (partnerCompany != null) {
            // An unknown company is the plain 404 page, not a builder that cannot load its choices.
            partners.get(partnerCompany);
        }
        model.addAttribute("partnerCompany", partnerCompany);
        return "admin/list-try";
    }
}
