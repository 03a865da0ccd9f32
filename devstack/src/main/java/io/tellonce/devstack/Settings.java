package io.tellonce.devstack;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Named settings such as {@code TELLONCE_ELASTICSEARCH_URL}. The system environment is the usual source;
 * a system property of the same name wins, because build tools set those more easily than variables.
 * Blank values count as absent.
 */
public record Settings(UnaryOperator<String> lookup) {

    public static Settings system() {
        return new Settings(name -> {
            String property = System.getProperty(name);
            return property != null ? property : System.getenv(name);
        });
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values::get);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(lookup.apply(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
