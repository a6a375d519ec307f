package org.stagedoor.listbuilder;

import java.time.LocalDate;
import java.util.List;

/**
 * What the list builder offers, in words, for a list of the venue or of one partner company: the builder never
 * shows an id, enum name or column name that this does not label.
 *
 * @param partnerCompany the company the list is for (its events, its agreement's columns); null for the venue
 * @param companyChosen whether the person may choose the company the list is for (administrators), or it is
 *                      always their own (partner users)
 * @param partnerCompanies the companies a venue list's rows may name, and an administrator may count the list for;
 *                         a partner user sees their own company only
 * @param events the events a booking row may pick: every event for the venue, the company's own events for a
 *               company
 * @param segmentTypes the kinds of row
 * @param preferenceStates a contact preference's answers
 * @param purchaseKinds what a spending row adds up; a company's list adds up tickets for its events only
 * @param groupings whom a booking or spending row credits an order to (F-10)
 * @param periods the periods a row may look at, as on the run form
 * @param columns the file's columns, and which of them this list may have
 */
public record ListChoices(Company partnerCompany, boolean companyChosen, List<Company> partnerCompanies,
        List<Event> events, List<Choice> segmentTypes, List<Choice> preferenceStates, List<Choice> purchaseKinds,
        List<Choice> groupings, List<Choice> periods, List<Column> columns) {

    /** A partner company. */
    public record Company(long id, String name) {
    }

    /**
     * An event to pick, with the days of its first and last performance in the venue's time zone (null without any).
     *
     * @param partnerCompanyIds the companies it is assigned to, among those the caller may see
     */
    public record Event(long id, String title, LocalDate firstDate, LocalDate lastDate, List<Long> partnerCompanyIds) {
    }

    /**
     * One choice.
     *
     * @param value what the definition holds
     * @param label what the person reads
     * @param explanation one sentence saying what it means, where the label alone may not; null otherwise
     */
    public record Choice(String value, String label, String explanation) {
    }

    /**
     * A column of the list's file.
     *
     * @param value its name in a definition
     * @param label its heading in the file
     * @param allowed whether this list may have it
     * @param why when it may not, why, in words; null when it may
     */
    public record Column(String value, String label, boolean allowed, String why) {
    }
}
