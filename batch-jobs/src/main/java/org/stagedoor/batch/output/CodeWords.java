package org.stagedoor.batch.output;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the codes of one family (an enum the store keeps as text, such as a preference's channel) are written in a
 * file's cells: "Online checkout", not {@code ONLINE_CHECKOUT}. The words come from the family's own enum, so each
 * family is worded in one place; a code the family does not know yet is still written as words ("Gift aid" for
 * {@code GIFT_AID}), never as the code.
 */
public final class CodeWords {

    private final Map<String, String> words;

    private CodeWords(Map<String, String> words) {
        this.words = Map.copyOf(words);
    }

    /** The words of every constant of {@code family}, by the constant's name as the store keeps it. */
    public static <E extends Enum<E>> CodeWords of(Class<E> family, Function<E, String> words) {
        return new CodeWords(Arrays.stream(family.getEnumConstants())
                .collect(Collectors.toMap(Enum::name, words)));
    }

    /** The words for {@code code}; null stays null. */
    public String words(String code) {
        if (code == null) {
            return null;
        }
        String known = words.get(code);
        return known != null ? known : fallback(code);
    }

    private static String fallback(String code) {
        String spaced = code.replace('_', ' ').strip().toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
