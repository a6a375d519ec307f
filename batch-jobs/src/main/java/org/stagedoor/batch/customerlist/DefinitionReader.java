package org.stagedoor.batch.customerlist;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import org.stagedoor.batch.InvalidRequestException;
import org.stagedoor.batch.period.PeriodSpec;
import org.stagedoor.booking.preference.PreferenceState;

/**
 * Turns the JSON tree of a definition into records, checking the shape of every value: a value that
 * is not one of the known names, ids or numbers is refused here, so text from a definition can only
 * ever select a fixed fragment or become a typed parameter.
 */
final class DefinitionReader {

    private static final List<String> TOP_LEVEL = List.of("name", "segments", "columns");

    private static final List<String> COMMON = List.of("type", "operator");

    /** The properties of each segment type, besides type and operator, in the order they are listed. */
    private static final Map<String, List<String>> SEGMENT_PROPERTIES = segmentProperties();

    private final Problems problems = new Problems();

    private DefinitionReader() {
    }

    /**
     * The definition, checked as far as it can be without a run, or an {@link InvalidRequestException}
     * naming every misshapen value and broken rule.
     */
    static CustomerListDefinition read(JsonNode root) {
        return new DefinitionReader().definition(root);
    }

    private CustomerListDefinition definition(JsonNode root) {
        if (root == null || !root.isObject()) {
            problems.add("definition", "must be a JSON object with name, segments and columns");
            problems.throwIfAny();
        }
        onlyKnownProperties(root, "", TOP_LEVEL, "a customer list");
        JsonNode nameNode = present(root, "name");
        String name = null;
        if (nameNode != null) {
            if (nameNode.isString()) {
                name = nameNode.stringValue();
            }
            else {
                problems.add("name", "must be text");
            }
        }
        List<Segment> segments = new ArrayList<>();
        JsonNode segmentsNode = present(root, "segments");
        if (segmentsNode != null) {
            if (segmentsNode.isArray()) {
                for (int i = 0; i < segmentsNode.size(); i++) {
                    Segment segment = segment(segmentsNode.get(i), "segments[" + i + "]");
                    segments.add(segment);
                }
            }
            else {
                problems.add("segments", "must be a list of segments");
            }
        }
        List<String> columns = new ArrayList<>();
        JsonNode columnsNode = present(root, "columns");
        if (columnsNode != null) {
            if (columnsNode.isArray()) {
                for (int i = 0; i < columnsNode.size(); i++) {
                    JsonNode column = columnsNode.get(i);
                    if (column.isString()) {
                        columns.add(column.stringValue());
                    }
                    else {
                        problems.add("columns[" + i + "]", "must be a column name");
                        columns.add(null);
                    }
                }
            }
            else {
                problems.add("columns", "must be a list of column names");
            }
        }
        DefinitionCheck.structure(name, segments, columns, problems);
        problems.throwIfAny();
        return new CustomerListDefinition(name, segments, columns);
    }

    private Segment segment(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(path, "must be an object with a type");
            return null;
        }
        SetOperator operator = enumValue(present(node, "operator"), path + ".operator", SetOperator.class,
                "an operator");
        JsonNode typeNode = present(node, "type");
        String types = or(SEGMENT_PROPERTIES.keySet().stream());
        if (typeNode == null) {
            problems.add(path + ".type", "is required: " + types);
            return null;
        }
        String type = typeNode.isString() ? typeNode.stringValue() : null;
        if (type == null || !SEGMENT_PROPERTIES.containsKey(type)) {
            problems.add(path + ".type", "is not a segment type; use " + types);
            return null;
        }
        onlyKnownProperties(node, path,
                Stream.concat(COMMON.stream(), SEGMENT_PROPERTIES.get(type).stream()).toList(), type + " segments");
        return switch (type) {
            case "has-email" -> new Segment.HasEmail(operator, bool(present(node, "value"), path + ".value", true));
            case "partner-preference" -> new Segment.PartnerPreference(operator,
                    partner(present(node, "partnerCompany"), path + ".partnerCompany"),
                    enumSet(present(node, "states"), path + ".states", PreferenceState.class, "a state"));
            case "booking" -> new Segment.Booking(operator,
                    enumValue(present(node, "groupBy"), path + ".groupBy", GroupBy.class, "a grouping"),
                    partner(present(node, "partnerCompany"), path + ".partnerCompany"),
                    ids(present(node, "eventIds"), path + ".eventIds"),
                    period(present(node, "period"), path + ".period"),
                    wholeNumber(present(node, "minTickets"), path + ".minTickets", 1));
            case "purchasing" -> new Segment.Purchasing(operator,
                    enumValue(present(node, "groupBy"), path + ".groupBy", GroupBy.class, "a grouping"),
                    enumSet(present(node, "kinds"), path + ".kinds", PurchaseKind.class, "a kind of purchase"),
                    amount(present(node, "minAmount"), path + ".minAmount", BigDecimal.ZERO),
                    period(present(node, "period"), path + ".period"),
                    partner(present(node, "partnerCompany"), path + ".partnerCompany"));
            default -> throw new IllegalStateException("unhandled segment type " + type);
        };
    }

    /**
     * Refuses properties not in {@code known} under the object's own path ({@code definition} for the list): the
     * name of an unknown property is the author's text, which no message repeats.
     */
    private void onlyKnownProperties(JsonNode node, String path, List<String> known, String what) {
        if (!known.containsAll(node.propertyNames())) {
            problems.addForWhole(path.isEmpty() ? "definition" : path, "has a property that is not one of those of "
                    + what + ": " + String.join(", ", known));
        }
    }

    private boolean bool(JsonNode node, String field, boolean absent) {
        if (node == null) {
            return absent;
        }
        if (!node.isBoolean()) {
            problems.add(field, "must be true or false");
            return absent;
        }
        return node.booleanValue();
    }

    private PartnerRef partner(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        if (node.isString() && node.stringValue().equals("run")) {
            return PartnerRef.RUN;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return PartnerRef.of(node.longValue());
        }
        problems.add(field, "must be a partner company's id (a number) or \"run\" (the company the list runs for)");
        return null;
    }

    private List<Long> ids(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(field, "must be a list of event ids");
            return null;
        }
        List<Long> ids = new ArrayList<>();
        boolean readable = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            if (id.isIntegralNumber() && id.canConvertToLong() && id.longValue() > 0) {
                ids.add(id.longValue());
            }
            else {
                problems.add(field + "[" + i + "]", "must be an event id (a positive number)");
                readable = false;
            }
        }
        // A shortened list would move the later ids away from their field paths.
        return readable ? ids : null;
    }

    private PeriodSpec period(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            problems.add(field, "must be text such as \"previous-month\" or \"2026-11-01..2026-11-30\"");
            return null;
        }
        try {
            return PeriodSpec.parse(field, node.stringValue());
        }
        catch (InvalidRequestException ex) {
            problems.add(ex);
            return null;
        }
    }

    /**
     * A whole number; one beyond an int is kept at the int's edge, of its sign, so that the range check of
     * {@link DefinitionCheck} refuses it in the same words as any other number out of range.
     */
    private int wholeNumber(JsonNode node, String field, int absent) {
        if (node == null) {
            return absent;
        }
        if (!node.isIntegralNumber()) {
            problems.add(field, "must be a whole number");
            return absent;
        }
        if (!node.canConvertToInt()) {
            return node.bigIntegerValue().signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
        return node.intValue();
    }

    private BigDecimal amount(JsonNode node, String field, BigDecimal absent) {
        if (node == null) {
            return absent;
        }
        if (!node.isNumber()) {
            problems.add(field, "must be a number");
            return absent;
        }
        return node.decimalValue();
    }

    private <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type, String what) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(node.stringValue())) {
                    return constant;
                }
            }
        }
        problems.add(field, "is not " + what + "; use " + or(Arrays.stream(type.getEnumConstants()).map(Enum::name)));
        return null;
    }

    private <E extends Enum<E>> Set<E> enumSet(JsonNode node, String field, Class<E> type, String what) {
        Set<E> values = EnumSet.noneOf(type);
        if (node == null) {
            return values;
        }
        if (!node.isArray()) {
            problems.add(field, "must be a list of " + or(Arrays.stream(type.getEnumConstants()).map(Enum::name)));
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            E value = enumValue(node.get(i), field + "[" + i + "]", type, what);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** The property's value; null when it is missing or JSON null, both meaning "not given". */
    private static JsonNode present(JsonNode node, String property) {
        JsonNode value = node.get(property);
        return value == null || value.isNull() ? null : value;
    }

    static String or(Stream<String> choices) {
        List<String> all = choices.toList();
        return all.size() == 1 ? all.get(0)
                : String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }

    private static Map<String, List<String>> segmentProperties() {
        Map<String, List<String>> properties = new LinkedHashMap<>();
        properties.put("has-email", List.of("value"));
        properties.put("partner-preference", List.of("partnerCompany", "states"));
        properties.put("booking", List.of("groupBy", "partnerCompany", "eventIds", "period", "minTickets"));
        properties.put("purchasing", List.of("groupBy", "kinds", "minAmount", "period", "partnerCompany"));
        return Collections.unmodifiableMap(properties);
    }
}
