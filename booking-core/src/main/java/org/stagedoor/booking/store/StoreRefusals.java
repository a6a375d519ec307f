package org.stagedoor.booking.store;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's own refusals in words: a change that breaks one of the schema's constraints (a check, a unique key, a
 * reference) is said as a sentence a person can act on, never as the constraint's name. The constraints guard rules
 * the services check first, so a person meets these only where a check was missed; this is the one place that names
 * them.
 */
public final class StoreRefusals {

    /** Said of a constraint this does not know: the change was refused, and nothing was saved. */
    public static final String OTHER = "The change was refused because it would leave the records inconsistent;"
            + " nothing was saved.";

    /** PostgreSQL's integrity violations: SQL state class 23. */
    private static final String INTEGRITY = "23";

    /** The constraint named in PostgreSQL's message (its server speaks English: the embedded one and ours). */
    private static final Pattern CONSTRAINT = Pattern.compile("constraint \"([a-z0-9_]+)\"");

    private static final Map<String, String> SENTENCES = Map.ofEntries(
            Map.entry("order_facilitator_not_owner", "The person making an order and the person it is for must be"
                    + " different customers."),
            Map.entry("order_facilitation_has_relationship", "An order made for someone else needs the relationship"
                    + " that lets the person making it act for them."),
            Map.entry("relationship_two_customers", "A relationship links two different customers."),
            Map.entry("relationship_once", "These two customers are already linked by this kind of relationship."),
            Map.entry("relationship_type_labels_key", "A relationship type with these names already exists."),
            Map.entry("customer_names_by_kind", "A person needs a first and a last name, and an organisation its"
                    + " name."),
            Map.entry("customer_birth_date_individual_only", "Only a person, not an organisation, has a date of"
                    + " birth."),
            Map.entry("customer_email_key", "Another customer already has this email address."),
            Map.entry("partner_company_name_key", "A partner company with this name already exists."),
            Map.entry("partner_preference_online_yes_or_no", "Online, a customer can answer only yes or no."),
            Map.entry("membership_scheme_name_key", "A membership scheme with this name already exists."),
            Map.entry("membership_valid_period", "A membership must end on or after the day it starts."),
            Map.entry("price_band_name_key", "A price band with this name already exists."),
            Map.entry("schedule_one_partner_named", "Choose the partner company for a schedule that runs for one"
                    + " company, and only for such a schedule."),
            Map.entry("schedule_venue_has_no_partner_users", "A schedule that runs for the venue cannot send to"
                    + " partner users."));

    /** The schema's triggers refuse under a rule, whose code starts their message (V1). */
    private static final Pattern RULE = Pattern.compile("\\b([FPR]-\\d+): ");

    private static final Map<String, String> RULES = Map.of(
            "F-2", "The relationship between these customers does not let the person making the order act for the"
                    + " person it is for.",
            "F-3", "Only a person, not an organisation, can make an order for someone else.",
            "P-8", "The history of contact preferences is kept as it was; it cannot be changed.");

    private StoreRefusals() {
    }

    /** The sentence for a refusal of the store among a failure's causes; empty if the failure is not one. */
    public static Optional<String> sentence(Throwable failure) {
        for (Throwable each = failure; each != null; each = each.getCause() == each ? null : each.getCause()) {
            if (each instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(INTEGRITY)) {
                return Optional.of(sentenceFor(sql.getMessage()));
            }
        }
        return Optional.empty();
    }

    /**
     * The sentence for one of the schema's constraints by its name, or {@link #OTHER}: for a check made before the
     * store is asked (an import row), so that it reads as the store's own refusal would.
     */
    public static String forConstraint(String name) {
        return SENTENCES.getOrDefault(name, OTHER);
    }

    /**
     * The sentence for a rule one of the schema's triggers enforces ("F-2"), or {@link #OTHER}: for a check made before
     * the store is asked, so that it reads as the trigger's own refusal would.
     */
    public static String forRule(String rule) {
        return RULES.getOrDefault(rule, OTHER);
    }

    /** The constraint a refusal of the store names among a failure's causes, if any. */
    public static Optional<String> constraintOf(Throwable failure) {
        for (Throwable each = failure; each != null; each = each.getCause() == each ? null : each.getCause()) {
            if (each instanceof SQLException sql && sql.getMessage() != null) {
                Matcher constraint = CONSTRAINT.matcher(sql.getMessage());
                if (constraint.find()) {
                    return Optional.of(constraint.group(1));
                }
                Matcher rule = RULE.matcher(sql.getMessage());
                if (rule.find()) {
                    return Optional.of(rule.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /** The sentence for the constraint a database's message names, or {@link #OTHER}. */
    static String sentenceFor(String message) {
        String text = message == null ? "" : message;
        Matcher constraint = CONSTRAINT.matcher(text);
        if (constraint.find()) {
            return SENTENCES.getOrDefault(constraint.group(1), OTHER);
        }
        Matcher rule = RULE.matcher(text);
        return rule.find() ? RULES.getOrDefault(rule.group(1), OTHER) : OTHER;
    }
}
