package org.stagedoor.batch.report;

/** One typed parameter of a report; {@code defaultValue} is used when the run does not give one. */
public record ParameterDefinition(String name, ParameterType type, boolean required, String defaultValue,
        String description) {
}
