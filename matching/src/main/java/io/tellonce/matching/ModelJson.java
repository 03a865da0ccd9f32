package io.tellonce.matching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A model as JSON (prior, and m and u per field and level), the form in which it is shipped as the
 * default and stored per tenant. Reading checks that the model fits the comparisons it will score
 * with, so a model estimated for other fields or levels is refused rather than misapplied.
 */
public final class ModelJson {
    /** The model shipped with tellonce, for tenants that have none of their own. */
    public static final String DEFAULT_MODEL_RESOURCE = "default-model.json";

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Comparisons comparisons;

    public ModelJson(Comparisons comparisons) {
        this.comparisons = comparisons;
    }

    public String write(MatchModel model) {
        try {
            return mapper.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a model always serialises", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a model for these comparisons */
    public MatchModel read(String json) {
        try {
            return mapper.readValue(json, MatchModel.class).requireFits(comparisons);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a match model: " + e.getOriginalMessage(), e);
        }
    }

    public MatchModel readDefault() {
        try (InputStream in = ModelJson.class.getResourceAsStream(DEFAULT_MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_MODEL_RESOURCE);
            }
            return read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
