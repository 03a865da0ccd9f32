package io.tellonce.profile.app;

/**
 * One thing wrong with a request.
 *
 * @param field the path of the offending field as the caller wrote it, e.g. {@code identifiers[0].value}
 */
public record FieldViolation(String field, String description) {
}
