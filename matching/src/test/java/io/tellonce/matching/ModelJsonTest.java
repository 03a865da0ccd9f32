package io.tellonce.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
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
    void aSwapIsWeighedOnOneFieldOnlyAndAModelWeighingItTwiceIsRefused() {
        MatchModel model = json.readDefault();
        LevelWeights swappedGiven = level(model, PersonField.GIVEN_NAME, "swapped with family_name");
        LevelWeights swappedFamily = level(model, PersonField.FAMILY_NAME, "swapped with given_name (counted there)");
        assertThat(swappedGiven.weight()).as("a swap is strong evidence").isGreaterThan(3);
        assertThat(swappedFamily.weight()).isZero();

        List<FieldWeights> fields = new ArrayList<>(model.fields());
        FieldWeights family = fields.get(1);
        List<LevelWeights> levels = new ArrayList<>(family.levels());
        int swap = levels.indexOf(swappedFamily);
        levels.set(swap, new LevelWeights(swappedFamily.label(), 0.5, swappedFamily.u()));
        fields.set(1, new FieldWeights(family.field(), levels));
        String twice = json.write(new MatchModel(model.prior(), fields));
        assertThatThrownBy(() -> json.read(twice)).isInstanceOf(IllegalArgumentException.class);
    }

    private static LevelWeights level(MatchModel model, PersonField field, String label) {
        return model.fields().stream().filter(f -> f.field() == field).findFirst().orElseThrow().levels().stream()
                .filter(level -> level.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void aModelForOtherFieldsIsRefused() {
        assertThatThrownBy(() -> json.read("{\"prior\": 0.1, \"fields\": []}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> json.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
