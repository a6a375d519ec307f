package org.stagedoor.find;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One page of a list, newest first, with the ids to continue from: {@code newer} (the first shown, when newer ones
 * exist) and {@code older} (the last shown, when older ones exist). Null when there is nothing that way.
 */
public record Page<T>(List<T> items, Long newer, Long older) {

    /**
     * The page from rows fetched one more than {@code size}: going older (no {@code after}) the extra row is the
     * oldest; going newer it is the newest, and older rows exist since the page came from them.
     */
    public static <T> Page<T> of(List<T> fetched, int size, Long before, Long after, ToLongFunction<T> id) {
        boolean more = fetched.size() > size;
        if (after == null) {
            List<T> items = more ? fetched.subList(0, size) : fetched;
            return new Page<>(List.copyOf(items), before == null || items.isEmpty() ? null
                    : id.applyAsLong(items.get(0)), more ? id.applyAsLong(items.get(items.size() - 1)) : null);
        }
        List<T> items = more ? fetched.subList(fetched.size() - size, fetched.size()) : fetched;
        return new Page<>(List.copyOf(items), more ? id.applyAsLong(items.get(0)) : null,
                items.isEmpty() ? null : id.applyAsLong(items.get(items.size() - 1)));
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
