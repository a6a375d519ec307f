package org.stagedoor.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finding customers for the console's search and the admin API: by id (digits); by email (text with an {@code @}:
 * the exact address first, then addresses containing it, or close to a whole address mistyped); or by name (part of
 * a first, last or organisation name, misspellings too: trigrams, V20). Ranked by how well they match, paged. The
 * booking API finds customers through here too.
 */
@Component
public class CustomerSearch {

    public static final int PAGE_SIZE = 25;

    /** How close a word of a name must be to count, from 0 to 1: "Smyth" finds "Smith", "Hoper" finds "Hopper". */
    private static final String WORD_SIMILARITY = "0.3";

    /** How close a whole mistyped email must be: higher, as addresses at one domain share most of their letters. */
    private static final String EMAIL_SIMILARITY = "0.5";

    // The name as V20's index reads it: this expression must stay the same as the index's, or the index is not used.
    private static final String NAME = """
            lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') || ' ' \
            || coalesce(c.organisation_name, ''))""";

    private static final String BY_NAME = """
            select c.id, c.kind, c.title, c.first_name, c.last_name, c.organisation_name, c.email, c.postcode
              from customer c
             where %1$s like :contains or :text OPERATOR(extensions.<%%) %1$s
             order by (%1$s like :contains) desc, extensions.word_similarity(:text, %1$s) desc,
                      extensions.similarity(:text, %1$s) desc, lower(coalesce(c.last_name, c.organisation_name, '')),
                      c.id
             limit :limit offset :offset
            """.formatted(NAME);

    private static final String BY_EMAIL = """
            select c.id, c.kind, c.title, c.first_name, c.last_name, c.organisation_name, c.email, c.postcode
              from customer c
             where lower(c.email) like :contains or (:whole and lower(c.email) OPERATOR(extensions.%) :text)
             order by (lower(c.email) = :text) desc, (lower(c.email) like :contains) desc,
                      extensions.similarity(lower(c.email), :text) desc, c.id
             limit :limit offset :offset
            """;

    private static final String BY_ID = """
            select c.id, c.kind, c.title, c.first_name, c.last_name, c.organisation_name, c.email, c.postcode
              from customer c where c.id = :id
            """;

    /** A customer found, as the results list shows it. */
    public record Match(long id, String name, String email, String postcode) {
    }

    /** One page of matches (1 the first) and whether another follows. */
    public record Results(String text, int page, List<Match> matches, boolean more) {

        boolean exactlyOne() {
            return page == 1 && matches.size() == 1 && !more;
        }
    }

    private final JdbcClient jdbc;

    private final TransactionTemplate transaction;

    CustomerSearch(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setReadOnly(true);
    }

    public Results find(String text, int page, int size) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        int current = Math.max(1, page);
        if (wanted.isEmpty()) {
            return new Results(wanted, current, List.of(), false);
        }
        if (wanted.matches("\\d{1,18}")) {
            List<Match> byId = jdbc.sql(BY_ID).param("id", Long.parseLong(wanted)).query(this::match).list();
            return new Results(wanted, 1, byId, false);
        }
        List<Match> found = transaction.execute(status -> {
            // The thresholds of <% and % for this transaction only.
            jdbc.sql("""
                    select set_config('pg_trgm.word_similarity_threshold', :words, true),
                           set_config('pg_trgm.similarity_threshold', :email, true)
                    """).param("words", WORD_SIMILARITY).param("email", EMAIL_SIMILARITY).query().singleRow();
            return jdbc.sql(wanted.contains("@") ? BY_EMAIL : BY_NAME)
                    .param("text", wanted)
                    // Only a whole address (someone@somewhere.tld) is matched when mistyped; part of one by its text.
                    .param("whole", wanted.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))
                    .param("contains", "%" + escapeLike(wanted) + "%")
                    .param("limit", size + 1)
                    .param("offset", (long) (current - 1) * size)
                    .query(this::match).list();
        });
        boolean more = found.size() > size;
        return new Results(wanted, current, more ? found.subList(0, size) : found, more);
    }

    private Match match(ResultSet rs, int row) throws SQLException {
        String organisation = rs.getString("organisation_name");
        String name = "ORGANISATION".equals(rs.getString("kind")) && organisation != null ? organisation
                : String.join(" ", Stream.of(rs.getString("title"), rs.getString("first_name"),
                        rs.getString("last_name")).filter(part -> part != null && !part.isBlank()).toList());
        return new Match(rs.getLong("id"), name.isBlank() ? "(no name)" : name, rs.getString("email"),
                rs.getString("postcode"));
    }

    /** The text as a LIKE pattern matches it literally: its % and _ are not wildcards. */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
