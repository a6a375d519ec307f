package org.stagedoor.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jsoup.nodes.Document;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.customerlist.GroupBy;
import org.stagedoor.batch.customerlist.PurchaseKind;
import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.booking.order.OrderChannel;
import org.stagedoor.booking.preference.PreferenceChannel;
import org.stagedoor.booking.preference.PreferenceState;
import org.stagedoor.scheduler.delivery.DeliveryMode;
import org.stagedoor.scheduler.delivery.DeliveryStatus;
import org.stagedoor.scheduler.schedule.FanOut;
import org.stagedoor.scheduler.schedule.MisfirePolicy;
import org.stagedoor.security.StagedoorUser;

/**
 * What a person must not read (issue 15 item 1): the codes of the domain rules (F-2, P-8, R-6), enum names
 * (NOT_ASKED, and the one-word constants of the enums the pages show, such as COMPLETED), JSON paths
 * ({@code segments[0].groupBy}), the report catalogue's slugs and "null". Each offence is returned with a little
 * of the text around it, so that a failure says where to look.
 */
public final class PlainWords {

    private static final Pattern RULE_CODE = Pattern.compile("\\b[FPRX]-\\d+\\b");

    private static final Pattern ENUM_NAME = Pattern.compile("\\b[A-Z]{2,}(?:_[A-Z]+)+\\b");

    private static final Pattern JSON_PATH = Pattern.compile("\\w+\\[\\d+\\](?:\\.\\w+)?|\\b\\w+\\.\\w+\\[\\d+\\]");

    private static final Pattern NULL = Pattern.compile("\\bnull\\b", Pattern.CASE_INSENSITIVE);

    /** A format shown alone, as the enum writes it: "Excel (XLSX)" is the way people read it. */
    private static final Pattern BARE_XLSX = Pattern.compile("(?<!\\()\\bXLSX\\b(?!\\))");

    private final Pattern oneWordConstants;

    private final Pattern slugs;

    public PlainWords(Collection<String> reportSlugs) {
        Set<String> constants = Stream.of(RunStatus.values(), DeliveryStatus.values(), DeliveryMode.values(),
                FanOut.values(), MisfirePolicy.values(), PreferenceState.values(), PreferenceChannel.values(),
                OrderChannel.values(), GroupBy.values(), PurchaseKind.values(), AuditLog.Kind.values(),
                StagedoorUser.Role.values())
                .flatMap(Stream::of).map(Enum::name).filter(name -> !name.contains("_") && name.length() > 2)
                .collect(Collectors.toSet());
        this.oneWordConstants = Pattern.compile("\\b(?:" + String.join("|", constants) + ")\\b");
        // No slugs (a test without the catalogue): a pattern that matches nothing, where an empty one matches all.
        this.slugs = reportSlugs.isEmpty() ? Pattern.compile("(?!)")
                : Pattern.compile("(?<![\\w/-])(?:" + reportSlugs.stream().map(Pattern::quote)
                        .collect(Collectors.joining("|")) + ")(?![\\w/-])");
    }

    /** The offences in a text a person reads, each as "what: …text around it…"; empty if it reads plainly. */
    public List<String> offences(String text) {
        List<String> offences = new ArrayList<>();
        find("a rule code", RULE_CODE, text, offences);
        find("an enum name", ENUM_NAME, text, offences);
        find("an enum name", oneWordConstants, text, offences);
        find("a format's code", BARE_XLSX, text, offences);
        find("a JSON path", JSON_PATH, text, offences);
        find("a report's slug", slugs, text, offences);
        find("\"null\"", NULL, text, offences);
        return offences;
    }

    /** What a person sees of a page: its title and body, without scripts, styles, templates and hidden parts. */
    public static String visibleText(Document page) {
        Document copy = page.clone();
        copy.select("script, style, template, noscript, [hidden], [aria-hidden=true]").remove();
        return copy.title() + "\n" + copy.body().text();
    }

    private static void find(String what, Pattern pattern, String text, List<String> offences) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            int from = Math.max(0, matcher.start() - 60);
            int to = Math.min(text.length(), matcher.end() + 60);
            offences.add(what + " " + matcher.group() + ": …" + text.substring(from, to).replaceAll("\\s+", " ")
                    + "…");
        }
    }
}
