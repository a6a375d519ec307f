package org.stagedoor.listbuilder;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stagedoor.batch.InvalidRequestException.FieldError;

/**
 * A refusal of a customer list's definition, said to a person on a page: the place in the definition becomes the row
 * and the setting it is about ("Row 2, answers"), and rule codes are left to the code. The APIs keep the fields as
 * they are, for the programs that read them.
 */
public final class ListProblemWords {

    private static final Pattern SEGMENT = Pattern.compile("segments\\[(\\d+)\\](?:\\.([a-zA-Z]+))?.*");

    private static final Pattern RULE_CODE = Pattern.compile("\\s*\\([A-Z]-\\d+\\)");

    private static final Map<String, String> SETTINGS = Map.ofEntries(Map.entry("operator", "how it joins the list"),
            Map.entry("partnerCompany", "partner company"), Map.entry("states", "answers"),
            Map.entry("eventIds", "events"), Map.entry("period", "period"), Map.entry("minTickets", "minimum tickets"),
            Map.entry("minAmount", "minimum amount"), Map.entry("kinds", "kinds of purchase"),
            Map.entry("groupBy", "who each order counts for"), Map.entry("type", "kind of row"),
            Map.entry("value", "email address"));

    private ListProblemWords() {
    }

    /**
     * The problems of a definition held in {@code field} (a run's or a saved report's {@code list}) in words, each
     * still under {@code field}; other problems unchanged.
     */
    public static List<FieldError> of(String field, List<FieldError> problems) {
        return problems.stream().map(problem -> words(field, problem)).toList();
    }

    private static FieldError words(String field, FieldError problem) {
        String message = RULE_CODE.matcher(problem.message()).replaceAll("").replace("\"run\"",
                "\"the company it runs for\"");
        if (!problem.field().equals(field) && !problem.field().startsWith(field + ".")) {
            return new FieldError(problem.field(), message);
        }
        String inside = problem.field().substring(field.length()).replaceFirst("^\\.", "");
        Matcher segment = SEGMENT.matcher(inside);
        String where;
        if (segment.matches()) {
            int row = Integer.parseInt(segment.group(1)) + 1;
            String setting = segment.group(2) == null ? null : SETTINGS.getOrDefault(segment.group(2), null);
            where = "Row " + row + (setting == null ? "" : ", " + setting);
        }
        else if (inside.startsWith("columns")) {
            where = "Columns";
        }
        else if (inside.equals("name")) {
            where = "Name of the list";
        }
        else if (inside.equals("segments")) {
            where = "Rows";
        }
        else {
            where = null;
        }
        return new FieldError(field, where == null ? message : where + ": " + message);
    }
}
