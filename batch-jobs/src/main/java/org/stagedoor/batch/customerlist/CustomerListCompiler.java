package org.stagedoor.batch.customerlist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import org.stagedoor.batch.InvalidRequestException;

/**
 * Reads customer-list definitions ({@link CustomerListDefinition} describes the JSON and its meaning)
 * and compiles one for a run into a single parameterised SQL statement.
 *
 * <p>The SQL is assembled only from fixed fragments chosen by the definition's enums and by which of
 * a segment's optional filters are present; every id, state, date, count and amount is a named
 * parameter. A value that is not a known name, a number or {@code "run"} is refused while reading,
 * so text from a definition never reaches the SQL.
 *
 * <p>Every problem is reported at once as an {@link InvalidRequestException} whose field paths point
 * into the JSON, such as {@code segments[2].states}.
 */
@Component
public final class CustomerListCompiler {

    private final ObjectReader reader;

    private final ListReferences references;

    public CustomerListCompiler(JsonMapper jsonMapper, ListReferences references) {
        // Exact amounts, and a property given twice is an error rather than "the last one wins".
        this.reader = jsonMapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.references = references;
    }

    /** Reads and checks a definition; everything that does not depend on the run is checked here. */
    public CustomerListDefinition parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidRequestException("definition", "is empty; a customer list is a JSON object with name,"
                    + " segments and columns");
        }
        JsonNode root;
        try {
            root = reader.readTree(json);
        }
        catch (JacksonException ex) {
            // Where, not the parser's message: that quotes the text it could not read.
            throw new InvalidRequestException("definition", "is not valid JSON" + where(ex.getLocation())
                    + " (check its quotes, commas and brackets, and that no property is given twice)");
        }
        return DefinitionReader.read(root);
    }

    /**
     * The statement for one run: periods resolved on the run's day in the venue's zone, {@code "run"}
     * bound to the run's partner company. A run for a partner company may name no other one, and
     * its statement keeps only customers whose preference for it is YES when it runs. Partner
     * companies and events the definition names must exist.
     */
    public CompiledList compile(CustomerListDefinition definition, ListContext context) {
        check(definition, context);
        return ListSql.compile(definition, context, salesSpan(definition, context));
    }

    /**
     * The statement counting each segment and the running result for the same run as {@link #compile}, after the
     * same checks; for a partner company's run it also counts the rows of the run's own statement, looking up to
     * {@code fewToLookUp} customers up one by one in the company's consent.
     */
    public SegmentCounts segmentCounts(CustomerListDefinition definition, ListContext context, int fewToLookUp) {
        check(definition, context);
        return ListSql.segmentCounts(definition, context, salesSpan(definition, context), fewToLookUp);
    }

    /** The store's sales span, for a venue's list with a segment over every event in a period; null otherwise. */
    private ListReferences.SalesSpan salesSpan(CustomerListDefinition definition, ListContext context) {
        return ListSql.readsSalesSpan(definition, context) ? references.salesSpan() : null;
    }

    private void check(CustomerListDefinition definition, ListContext context) {
        Problems problems = new Problems();
        DefinitionCheck.structure(definition, problems);
        DefinitionCheck.forRun(definition, context, problems);
        checkReferences(definition, problems);
        problems.throwIfAny();
    }

    private void checkReferences(CustomerListDefinition definition, Problems problems) {
        Map<String, Long> partners = new LinkedHashMap<>();
        Map<String, Long> events = new LinkedHashMap<>();
        List<Segment> segments = definition.segments();
        for (int i = 0; i < segments.size(); i++) {
            PartnerRef partner = DefinitionCheck.partnerOf(segments.get(i));
            if (partner != null && !partner.isRun() && partner.id() > 0) {
                partners.put("segments[" + i + "].partnerCompany", partner.id());
            }
            if (segments.get(i) instanceof Segment.Booking booking && booking.eventIds() != null) {
                for (int e = 0; e < booking.eventIds().size(); e++) {
                    if (booking.eventIds().get(e) > 0) {
                        events.put("segments[" + i + "].eventIds[" + e + "]", booking.eventIds().get(e));
                    }
                }
            }
        }
        Set<Long> unknownPartners = partners.isEmpty() ? Set.of()
                : references.unknownPartnerCompanies(new TreeSet<>(partners.values()));
        partners.forEach((field, id) -> {
            if (unknownPartners.contains(id)) {
                problems.add(field, "no partner company has this id");
            }
        });
        Set<Long> unknownEvents = events.isEmpty() ? Set.of()
                : references.unknownEvents(new TreeSet<>(events.values()));
        events.forEach((field, id) -> {
            if (unknownEvents.contains(id)) {
                problems.add(field, "no event has this id");
            }
        });
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
