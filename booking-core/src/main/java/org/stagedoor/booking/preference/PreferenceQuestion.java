package org.stagedoor.booking.preference;

/**
 * A partner company the customer must be asked about at checkout (P-4), with its description
 * already rendered as safe HTML (P-1).
 */
public record PreferenceQuestion(long partnerCompanyId, String partnerCompanyName, String webDescriptionHtml) {
}
