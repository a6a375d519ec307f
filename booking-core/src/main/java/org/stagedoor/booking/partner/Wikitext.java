package org.stagedoor.booking.partner;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the small wikitext subset that partner descriptions use (P-1) as safe HTML:
 * {@code '''bold'''}, {@code ''italic''}, external links {@code [https://example.org label]} and
 * paragraphs separated by blank lines. Everything else, HTML included, is escaped: the text comes
 * from administrators but ends up on customer-facing pages, so it is never trusted as markup.
 */
public final class Wikitext {

    // Only these schemes may become links; javascript: and data: stay plain text.
    private static final Pattern LINK =
            Pattern.compile("\\[((?:https?://|mailto:)[^\\s\\[\\]<>\"']+)(?:\\s+([^\\]]+))?\\]");

    private static final Pattern BOLD = Pattern.compile("'''(.+?)'''");

    private static final Pattern ITALIC = Pattern.compile("''(.+?)''");

    private Wikitext() {
    }

    public static String toSafeHtml(String wikitext) {
        if (wikitext == null || wikitext.isBlank()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (String paragraph : wikitext.replace("\r\n", "\n").trim().split("\n\\s*\n")) {
            html.append("<p>").append(inline(paragraph.trim())).append("</p>");
        }
        return html.toString();
    }

    private static String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher link = LINK.matcher(text);
        int last = 0;
        while (link.find()) {
            out.append(emphasis(text.substring(last, link.start())));
            String url = link.group(1);
            String label = link.group(2) == null ? url : link.group(2).trim();
            out.append("<a href=\"").append(escape(url)).append("\" rel=\"nofollow noopener\">")
                    .append(emphasis(label)).append("</a>");
            last = link.end();
        }
        out.append(emphasis(text.substring(last)));
        return out.toString();
    }

    private static String emphasis(String text) {
        String escaped = escape(text).replace("&#39;", "'").replace("\n", "<br>");
        escaped = BOLD.matcher(escaped).replaceAll("<strong>$1</strong>");
        escaped = ITALIC.matcher(escaped).replaceAll("<em>$1</em>");
        // An apostrophe left over is plain text again.
        return escaped.replace("'", "&#39;");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
