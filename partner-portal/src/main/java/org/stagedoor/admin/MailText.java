package org.stagedoor.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mail's plain text cut into words and web addresses, so that the dev mailbox shows the addresses as links
 * (a text-only invitation can be followed too). Only http and https addresses become links.
 */
final class MailText {

    private static final Pattern ADDRESS = Pattern.compile("https?://[^\\s<>\"]+");

    /** Punctuation that ends a sentence after an address rather than belonging to it. */
    private static final String TRAILING = ".,;:!?)]'";

    private MailText() {
    }

    static List<Part> parts(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher matcher = ADDRESS.matcher(text);
        int done = 0;
        while (matcher.find()) {
            int end = matcher.end();
            while (end > matcher.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            if (matcher.start() > done) {
                parts.add(new Part(text.substring(done, matcher.start()), false));
            }
            parts.add(new Part(text.substring(matcher.start(), end), true));
            done = end;
        }
        if (done < text.length()) {
            parts.add(new Part(text.substring(done), false));
        }
        return parts;
    }

    /** A stretch of the text; a link's text is its address. */
    record Part(String text, boolean link) {
    }
}
