package io.tellonce.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelJsonTest {
    private final ModelJson json = new ModelJson(Comparisons.forPeople());

    @Test
    void theShippedDefaultFitsTheComparisonsAndSurvivesARoundTrip() {
        MatchModel model = json.readDefault();
        assertThat(model.fields()).hasSize(Comparisons.forPeople().fields().size());
        assertThat(json.read(json.write(model))).isEqualTo(model);
    }

    @Test
    void aModelForOtherFieldsIsRefused() {
        assertThatThrownBy(() -> json.read("{\"prior\": 0.1, \"fields\": []}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> json.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
