package org.stagedoor.web;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import org.stagedoor.batch.report.ReportCatalogue;
import org.stagedoor.batch.report.ReportDefinition;
import org.stagedoor.batch.run.ReportRun;
import org.stagedoor.batch.run.RunParameters;
import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.listbuilder.PeriodChoices;
import org.stagedoor.scheduler.schedule.ListSends;

/**
 * The words people read for the values the code keeps as enum names: "Online checkout" for
 * {@code ONLINE_CHECKOUT}, "Not asked" for {@code NOT_ASKED}. One place, for the pages ({@code ${@words.of(x)}}) and
 * for the texts written in Java (audit details, refusals). The values of several enums share one table: where two
 * enums have a constant of the same name it means the same thing to a person (a failed run, a failed delivery).
 * Reports are named by their titles, never their ids, and a run's parameters are said in a line.
 */
@Component("words")
public final class Words {

    private static final Map<String, String> LABELS = withFamilies(Map.ofEntries(
            // Orders' channel (the preferences' states and channels are worded on their enums)
            Map.entry("ONLINE", "Online"),
            // Runs and deliveries
            Map.entry("QUEUED", "Waiting to start"), Map.entry("RUNNING", "Running"),
            Map.entry("COMPLETED", "Completed"), Map.entry("FAILED", "Failed"), Map.entry("STOPPED", "Stopped"),
            Map.entry("EXPIRED", "File deleted"), Map.entry("PENDING", "Waiting to send"),
            Map.entry("SENDING", "Sending"), Map.entry("SENT", "Sent"),
            Map.entry("UNKNOWN", "Not known (the server did not answer)"),
            // A schedule's missed sends
            Map.entry("RUN_ONCE", "Send it as soon as a server is back (once, however many were missed)"),
            Map.entry("SKIP", "Skip it and wait for the next time"),
            Map.entry("ATTACHMENT", "Attached to the email"), Map.entry("LINK", "Link in the email"),
            Map.entry("DOWNLOAD", "Downloaded"), Map.entry("REPORT", "Report"), Map.entry("NOTICE", "Notice"),
            Map.entry("XLSX", "Excel (XLSX)"), Map.entry("CSV", "CSV (UTF-8)"),
            // Who received a run's file
            Map.entry("EMAIL", "Email"), Map.entry("PORTAL_USER", "Partner user"), Map.entry("API_TOKEN", "API token"),
            Map.entry("SFTP", "SFTP server"), Map.entry("WEBHOOK", "Web address"), Map.entry("UPLOAD", "Uploaded"),
            // Accounts
            Map.entry("ADMIN", "Administrator"), Map.entry("PARTNER_USER", "Partner user"),
            Map.entry("VENUE_SYSTEM", "Venue system"),
            // Customer lists
            Map.entry("OWNER", "Owner"), Map.entry("FACILITATOR", "Facilitator"), Map.entry("TICKET", "Tickets"),
            Map.entry("DONATION", "Donations"), Map.entry("MEMBERSHIP", "Memberships"),
            // The audit log
            Map.entry("LOGIN_OK", "Signed in"), Map.entry("LOGIN_FAILED", "Sign-in refused"),
            Map.entry("RUN_STARTED", "Run started"), Map.entry("RUN_CANCELLED", "Run cancelled"),
            Map.entry("RUN_DOWNLOADED", "File downloaded"), Map.entry("ADMIN_CHANGE", "Administrator's change"),
            Map.entry("PASSWORD_SET", "Password set"), Map.entry("SUBSCRIPTION_CHANGED", "Email subscription changed"),
            Map.entry("API_CALL", "API call"), Map.entry("API_REFUSED", "API call refused"),
            Map.entry("SUBJECT_ACCESS", "Subject access look-up"),
            Map.entry("MANIFEST_DOWNLOADED", "Manifest downloaded"), Map.entry("CUSTOMER_ERASED", "Customer erased"),
            // A list sent as its changes told a partner company that the customer left it
            Map.entry("LEFT_ERASED", "Left the list: erased at their request"),
            Map.entry("LEFT_WITHDREW", "Left the list: withdrew consent"),
            Map.entry("LEFT_CONSENT_LAPSED", "Left the list: consent older than the venue accepts"),
            Map.entry("LEFT_NO_EMAIL", "Left the list: no longer has an email address"),
            Map.entry("LEFT_NO_MATCH", "Left the list: no longer matches it")));

    /** The table with the families worded where they are defined, so that files and pages say the same. */
    private static Map<String, String> withFamilies(Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        Arrays.stream(PreferenceState.values()).forEach(state -> all.put(state.name(), state.words()));
        Arrays.stream(PreferenceChannel.values()).forEach(channel -> all.put(channel.name(), channel.words()));
        Arrays.stream(ListSends.values()).forEach(sends -> all.put(sends.name(), sends.words()));
        return Map.copyOf(all);
    }

    /** The name a list's definition gives itself, its first "name" (the segments have none). */
    private static final Pattern LIST_NAME = Pattern.compile("\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,200})\"");

    private static final Pattern SEGMENT = Pattern.compile("segments\\[(\\d+)\\]");

    /** Longest parameter value shown in a line. */
    private static final int SHOWN = 60;

    private final ReportCatalogue catalogue;

    Words(ReportCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The words for a value (an enum, or an enum's name kept as text); "" for none, the value itself if unknown. */
    public String of(Object value) {
        return label(value);
    }

    /** As {@link #field(String)}, for the pages. */
    public String fieldName(String path) {
        return field(path);
    }

    /** A report's title for its id; a report no longer offered is said so rather than by its id. */
    public String report(String reportId) {
        return catalogue.find(reportId).map(ReportDefinition::title).orElse("A report no longer offered");
    }

    /** A run's parameters in a line, as {@link #parameters(Map, Map)}. */
    public String parameters(ReportRun run) {
        return parameters(run.parametersGiven(), run.parametersResolved());
    }

    /**
     * Parameters in a line: "Period: Previous week (2–8 Nov 2026)", "Customer list: Big spenders". A list is said
     * by its name, never as its JSON; a period by its name and days, or by its days when it was given as dates.
     */
    public static String parameters(Map<String, String> given, Map<String, String> resolved) {
        Map<String, String> periods = RunParameters.periodLabels(resolved);
        StringBuilder summary = new StringBuilder();
        Map<String, String> shown = new TreeMap<>(given);
        // A parameter left at its default is not in what was given, but its resolved period is.
        periods.keySet().forEach(name -> shown.putIfAbsent(name, ""));
        shown.forEach((name, value) -> {
            if (summary.length() > 0) {
                summary.append("; ");
            }
            String period = periods.get(name);
            String text;
            if (name.equals(ReportCatalogue.LIST_PARAMETER)) {
                Matcher listName = LIST_NAME.matcher(value);
                text = listName.find() ? listName.group(1) : "";
            }
            else if (period != null) {
                String relative = PeriodChoices.name(value.strip());
                text = relative == null ? period : relative + " (" + period + ")";
            }
            else {
                text = value.replaceAll("\\s+", " ").strip();
            }
            summary.append(parameterName(name)).append(text.isEmpty() ? "" : ": ")
                    .append(text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…");
        });
        return summary.length() == 0 ? "none" : summary.toString();
    }

    /**
     * The field of a refusal as a person reads it, for a form's summary: "Name" for {@code name}, "Segment 2: min
     * amount" for {@code list.segments[1].minAmount}, "Recipients" for {@code recipients[2]}.
     */
    public static String field(String path) {
        Matcher segment = SEGMENT.matcher(path);
        String last = path.replaceAll("\\[\\d+\\]$", "");
        last = last.substring(last.lastIndexOf('.') + 1).replaceAll("\\[\\d+\\]", "");
        String name = parameterName(last.equals(ReportCatalogue.LIST_PARAMETER) || last.isEmpty() ? path : last);
        if (segment.find() && !last.equals("segments")) {
            return "Segment " + (Integer.parseInt(segment.group(1)) + 1) + ": " + name.toLowerCase(Locale.UK);
        }
        return name.replaceAll("[\\[\\].]", " ").strip();
    }

    /** A parameter's name as a person reads it: "Customer list", "Period". */
    private static String parameterName(String name) {
        if (name.equals(ReportCatalogue.LIST_PARAMETER)) {
            return "Customer list";
        }
        String words = name.replaceAll("Id$", "").replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ')
                .toLowerCase(Locale.UK);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** As {@link #of(Object)}, for Java code. */
    public static String label(Object value) {
        if (value == null) {
            return "";
        }
        String name = value instanceof Enum<?> constant ? constant.name() : value.toString();
        return Objects.requireNonNullElse(LABELS.get(name), name);
    }

    /** As {@link #label(Object)}, starting in lower case, for the middle of a sentence ("from not asked to yes"). */
    public static String inSentence(Object value) {
        String label = label(value);
        // Names keep their capital: Excel; so do abbreviations (API, CSV), whose second letter is a capital too.
        return label.length() > 1 && Character.isLowerCase(label.charAt(1)) && !label.startsWith("Excel")
                ? Character.toLowerCase(label.charAt(0)) + label.substring(1) : label;
    }
}
