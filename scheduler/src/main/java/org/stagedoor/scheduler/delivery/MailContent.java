package org.stagedoor.scheduler.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.unit.DataSize;

import org.stagedoor.batch.output.OutputFormat;

/**
 * The text of a report mail, as HTML and as plain text saying the same. Every value that comes from data (report
 * titles, company names, file names, withdrawn customers' addresses) is escaped in the HTML: a name may hold
 * {@code <} or {@code &}.
 *
 * @param attach whether the file goes with the mail; otherwise the text holds the portal link
 */
record MailContent(String plain, String html, boolean attach) {

    /** The withdrawn customers a mail lists at most; the rest are in the file (its "Withdrawn" sheet). */
    static final int MAX_WITHDRAWN_LISTED = 200;

    private static final String WITHDRAWN_HEADING = "Withdrawn since your last list";

    // Locale.ENGLISH, as the run's period labels: the JDK's British data abbreviates September as "Sept".
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    static MailContent report(ReportFacts facts, DeliveryMode mode, DataSize maxAttachmentSize, String link,
            ZoneId zone) {
        String forWhom = facts.partnerName() == null ? "the venue" : facts.partnerName();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "Report", facts.reportTitle() });
        rows.add(new String[] { "For", forWhom });
        if (facts.sent() != null) {
            rows.add(new String[] { "Sent", facts.sent() });
        }
        for (Map.Entry<String, String> period : facts.periods().entrySet()) {
            rows.add(new String[] { label(period.getKey()), period.getValue() });
        }
        if (facts.rows() != null) {
            rows.add(new String[] { "Rows", String.format(Locale.ENGLISH, "%,d", facts.rows()) });
        }
        rows.add(new String[] { "Generated at", when(facts.generatedAt(), zone) });

        boolean tooLarge = facts.fileSize() > maxAttachmentSize.toBytes();
        boolean attach = mode == DeliveryMode.ATTACHMENT && !tooLarge;
        String sizeNote = mode == DeliveryMode.ATTACHMENT && tooLarge
                ? "The file (" + size(facts.fileSize()) + ") is larger than the " + size(maxAttachmentSize.toBytes())
                        + " a mail may carry, so it is not attached: download it from the portal instead."
                : null;
        String available = "Available until " + when(facts.expiresAt(), zone) + ".";
        String privacy = facts.personalData()
                ? "The file holds personal data of customers who agreed to share it"
                        + (facts.partnerName() == null ? "" : " with " + facts.partnerName())
                        + " when the report was made. Keep it safe and do not forward it."
                : null;

        List<String> withdrawn = facts.withdrawn().stream().map(MailContent::withdrawnLine).toList();
        String withdrawnIntro = withdrawnIntro(facts);
        String withdrawnMore = withdrawnMore(facts);

        StringBuilder plain = new StringBuilder();
        plain.append(facts.reportTitle()).append(" for ").append(forWhom).append("\n\n");
        for (String[] row : rows) {
            plain.append(row[0]).append(": ").append(row[1]).append('\n');
        }
        plain.append('\n');
        if (attach) {
            plain.append("The report is attached: ").append(facts.fileName()).append(" (")
                    .append(size(facts.fileSize())).append(").\n");
        }
        else {
            if (sizeNote != null) {
                plain.append(sizeNote).append("\n\n");
            }
            plain.append("Download the report (").append(facts.fileName()).append(", ").append(size(facts.fileSize()))
                    .append(") from the partner portal:\n").append(link).append('\n').append(available).append('\n');
        }
        if (withdrawnIntro != null) {
            plain.append('\n').append(WITHDRAWN_HEADING).append("\n\n").append(withdrawnIntro).append("\n\n");
            withdrawn.forEach(line -> plain.append("- ").append(line).append('\n'));
            if (withdrawnMore != null) {
                plain.append(withdrawnMore).append('\n');
            }
        }
        if (privacy != null) {
            plain.append('\n').append(privacy).append('\n');
        }
        plain.append("\n-- \nSent by Stagedoor, the venue's reporting service. Please do not reply to this message.\n");

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>").append(escape(facts.reportTitle()))
                .append("</title></head>\n<body style=\"font-family: sans-serif\">\n");
        html.append("<h1 style=\"font-size: 1.3em\">").append(escape(facts.reportTitle())).append(" for ")
                .append(escape(forWhom)).append("</h1>\n<table>\n");
        for (String[] row : rows) {
            html.append("<tr><th style=\"text-align: left; padding-right: 1em\">").append(escape(row[0]))
                    .append("</th><td>").append(escape(row[1])).append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (attach) {
            html.append("<p>The report is attached: <strong>").append(escape(facts.fileName())).append("</strong> (")
                    .append(escape(size(facts.fileSize()))).append(").</p>\n");
        }
        else {
            if (sizeNote != null) {
                html.append("<p>").append(escape(sizeNote)).append("</p>\n");
            }
            html.append("<p><a href=\"").append(escape(link)).append("\">Download the report</a> (")
                    .append(escape(facts.fileName())).append(", ").append(escape(size(facts.fileSize())))
                    .append(") from the partner portal: ").append(escape(link)).append("<br>\n")
                    .append(escape(available)).append("</p>\n");
        }
        if (withdrawnIntro != null) {
            html.append("<h2 id=\"withdrawn\" style=\"font-size: 1.1em\">").append(escape(WITHDRAWN_HEADING))
                    .append("</h2>\n<p>").append(escape(withdrawnIntro)).append("</p>\n<ul>\n");
            withdrawn.forEach(line -> html.append("<li>").append(escape(line)).append("</li>\n"));
            html.append("</ul>\n");
            if (withdrawnMore != null) {
                html.append("<p>").append(escape(withdrawnMore)).append("</p>\n");
            }
        }
        if (privacy != null) {
            html.append("<p><em>").append(escape(privacy)).append("</em></p>\n");
        }
        html.append("<p style=\"color: #666; font-size: 0.9em\">Sent by Stagedoor, the venue's reporting service."
                + " Please do not reply to this message.</p>\n</body></html>\n");
        return new MailContent(plain.toString(), html.toString(), attach);
    }

    /**
     * What the partner company must do about the customers withdrawn since it received their data, or null
     * when the run tells it of none.
     */
    private static String withdrawnIntro(ReportFacts facts) {
        if (facts.withdrawnCount() == 0) {
            return null;
        }
        String who = facts.withdrawnCount() == 1 ? "1 customer whose details were shared with "
                : String.format(Locale.ENGLISH, "%,d customers whose details were shared with ",
                        facts.withdrawnCount());
        return who + (facts.partnerName() == null ? "you" : facts.partnerName())
                + (facts.withdrawnCount() == 1 ? " has" : " have") + " withdrawn their consent, or asked to be"
                + " erased, since. They must no longer be contacted: remove them from your mailing lists and delete"
                + " the details you hold about them.";
    }

    /** Where the rest are when the mail cannot list them all; null when it does. */
    private static String withdrawnMore(ReportFacts facts) {
        long more = facts.withdrawnCount() - facts.withdrawn().size();
        if (more <= 0) {
            return null;
        }
        return String.format(Locale.ENGLISH, "… and %,d more (%,d in all): ", more, facts.withdrawnCount())
                + (facts.format() == OutputFormat.XLSX ? "the full list is in the \"Withdrawn\" sheet of the report"
                        + " file." : "the full list is with the run on the partner portal.");
    }

    /** "Customer 12: ada@example.org (withdrew consent)". */
    private static String withdrawnLine(ReportFacts.Withdrawn customer) {
        String reason = switch (customer.state()) {
            case "ERASED" -> "erased at their request";
            case "NOT_ASKED" -> "consent no longer given";
            default -> "withdrew consent";
        };
        return "Customer " + customer.customerId() + ": "
                + (customer.sharedEmail() == null ? "no email address was shared" : customer.sharedEmail())
                + " (" + reason + ")";
    }

    /** A moment on the venue's wall clock, with the zone named: "22 Nov 2026 07:00 (Europe/London)". */
    static String when(Instant instant, ZoneId zone) {
        return instant == null ? "unknown" : WHEN.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** A file size the way people read it (binary units, as {@link DataSize} counts them). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ENGLISH, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ENGLISH, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** "period" → "Period", "performancePeriod" → "Performance period". */
    private static String label(String parameter) {
        String spaced = parameter.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? parameter : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
