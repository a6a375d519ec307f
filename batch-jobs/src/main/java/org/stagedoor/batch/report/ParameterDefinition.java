package org.stagedoor.batch.report;

/**
 * One typed parameter of a report; {@code defaultValue} is used when the run does not give one.
 *
 * @param name  the parameter's key in a run's parameters ({@code period})
 * @param label what people read for it, on forms and in a file's About sheet ("Period")
 */
public record ParameterDefinition(String name, String label, ParameterType type, boolean required,
        String defaultValue, String description) {
}
