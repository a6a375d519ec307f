package org.stagedoor.admin;

import org.stagedoor.booking.partner.PartnerCompany;

/** The partner company form (P-1): name, whether it collects contact preferences, web description as wikitext. */
public class CompanyForm {

    private String name = "";

    private boolean collectsPreferences;

    private String webDescription = "";

    static CompanyForm of(PartnerCompany company) {
        CompanyForm form = new CompanyForm();
        form.setName(company.name());
        form.setCollectsPreferences(company.collectsPreferences());
        form.setWebDescription(company.webDescription());
        return form;
    }

    PartnerCompanyOperations.CompanyRequest toRequest() {
        return new PartnerCompanyOperations.CompanyRequest(name, collectsPreferences, webDescription);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public boolean isCollectsPreferences() {
        return collectsPreferences;
    }

    public void setCollectsPreferences(boolean collectsPreferences) {
        this.collectsPreferences = collectsPreferences;
    }

    public String getWebDescription() {
        return webDescription;
    }

    public void setWebDescription(String webDescription) {
        this.webDescription = webDescription == null ? "" : webDescription;
    }
}
