package org.stagedoor.admin;

/** An invitation: the person's name and email (a partner user, or an administrator). */
public class PersonForm {

    private String displayName = "";

    private String email = "";

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName == null ? "" : displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email == null ? "" : email;
    }
}
