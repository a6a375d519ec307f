package org.stagedoor.find;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/** What the filters of the runs and audit pages share: days on the venue's calendar, ids and query strings. */
final class Filters {

    private Filters() {
    }

    static Instant startOf(LocalDate day, ZoneId zone) {
        return day == null ? null : day.atStartOfDay(zone).toInstant();
    }

    static boolean given(String text) {
        return text != null && !text.isBlank();
    }

    /** A number given as text, or null: anything else (blank, {@code venue}) names no single company. */
    static Long id(String text) {
        return given(text) && text.strip().matches("\\d{1,18}") ? Long.valueOf(text.strip()) : null;
    }

    /**
     * Adds a parameter, its value encoded whole: a {@code +} in an email must not come back as a space. The address
     * is then built as already encoded ({@code build(true)}).
     */
    static void add(UriComponentsBuilder uri, String name, String value) {
        if (given(value)) {
            uri.queryParam(name, UriUtils.encode(value.strip(), StandardCharsets.UTF_8));
        }
    }
}
