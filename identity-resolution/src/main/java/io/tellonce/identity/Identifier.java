package io.tellonce.identity;

import java.util.Comparator;
import java.util.Objects;

/**
 * A normalised identifier: two observations of the same person through the same channel produce
 * equal instances. Only {@link IdentifierNormaliser} should build them from caller input.
 *
 * @param namespace the channel, network or custom kind name for qualified kinds; empty otherwise
 */
public record Identifier(IdentifierKind kind, String namespace, String value) {

    /** Match priority first, then a stable order, so that racing resolvers claim in the same order. */
    public static final Comparator<Identifier> PRIORITY_ORDER = Comparator
            .comparing(Identifier::kind)
            .thenComparing(Identifier::namespace)
            .thenComparing(Identifier::value);

    public Identifier {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        String qualifiedKind = namespace.isEmpty() ? kind.storageName() : kind.storageName() + ":" + namespace;
        return qualifiedKind + " " + value;
    }
}
