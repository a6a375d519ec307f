package org.stagedoor.admin;

import org.stagedoor.batch.InvalidRequestException;

/**
 * The form issuing an API token (a partner company's, or a venue system token for the booking API): its name and how
 * many days it works. The days stay text until the controller reads them, so that "abc" is refused next to its field
 * like any other mistake.
 */
public class ApiTokenForm {

    private String name = "";

    private String validityDays = "";

    static ApiTokenForm withDays(int days) {
        ApiTokenForm form = new ApiTokenForm();
        form.setValidityDays(Integer.toString(days));
        return form;
    }

    /** The days asked for: none means the default; anything but a whole number is refused on the field. */
    static Integer days(String days) {
        if (days.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(days.strip());
        }
        catch (NumberFormatException ex) {
            throw new InvalidRequestException("validityDays", "must be a whole number of days");
        }
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
