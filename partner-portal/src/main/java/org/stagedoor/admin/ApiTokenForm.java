package org.stagedoor.admin;

/**
 * The form issuing a partner company's API token: its name and how many days it works. The days stay text until
 * the controller reads them, so that "abc" is refused next to its field like any other mistake.
 */
public class ApiTokenForm {

    private String name = "";

    private String validityDays = "";

    static ApiTokenForm withDays(int days) {
        ApiTokenForm form = new ApiTokenForm();
        form.setValidityDays(Integer.toString(days));
        return form;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public String getValidityDays() {
        return validityDays;
    }

    public void setValidityDays(String validityDays) {
        this.validityDays = validityDays == null ? "" : validityDays;
    }
}
