package io.tellonce.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One version of one index: its settings and mappings. Callers search and write through the alias
 * ({@code <prefix><name>}); the versioned index behind it ({@code <prefix><name>-v<version>}) is
 * replaced by reindexing when a mapping changes.
 *
 * @param body the create-index request body: settings and mappings as JSON
 */
public record IndexDefinition(String name, int version, String body) {

    public String alias(String prefix) {
        return prefix + name;
    }

    public String indexName(String prefix) {
        return prefix + name + "-v" + version;
    }

    /** Loads {@code indexes/<name>-v<version>.json} next to this class. */
    public static IndexDefinition load(String name, int version) {
        String resource = "indexes/" + name + "-v" + version + ".json";
        try (InputStream in = IndexDefinition.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing index definition " + resource);
            }
            return new IndexDefinition(name, version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
