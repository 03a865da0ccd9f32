package io.tellonce.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class IndexDefinitionTest {

    @Test
    void versionedIndexSitsBehindAnUnversionedAlias() {
        IndexDefinition profiles = SearchIndexes.PROFILES;
        assertThat(profiles.alias("t1_")).isEqualTo("t1_profiles");
        assertThat(profiles.indexName("t1_")).isEqualTo("t1_profiles-v5");
    }

    @Test
    void profileMappingIsStrictAndUsesOnlyCoreAnalysis() throws Exception {
        JsonNode body = new ObjectMapper().readTree(SearchIndexes.PROFILES.body());
        // The minimal distribution has no analysis-common: a custom analyser would fail at index creation.
        assertThat(body.path("settings").has("analysis")).isFalse();
        assertThat(body.at("/mappings/dynamic").asText()).isEqualTo("strict");
        assertThat(body.at("/mappings/properties/tenant/type").asText()).isEqualTo("keyword");
        assertThat(body.at("/mappings/properties/match_keys/type").asText()).isEqualTo("keyword");
    }

    @Test
    void interactionMappingIsStrictAndUsesOnlyTheProfilesAnalysers() throws Exception {
        JsonNode body = new ObjectMapper().readTree(SearchIndexes.INTERACTIONS.body());
        assertThat(SearchIndexes.INTERACTIONS.indexName("t1_")).isEqualTo("t1_interactions-v2");
        assertThat(body.path("settings").has("analysis")).isFalse();
        assertThat(body.at("/mappings/dynamic").asText()).isEqualTo("strict");
        assertThat(body.at("/mappings/properties/summary/analyzer").asText()).isEqualTo("standard");
        assertThat(body.at("/mappings/properties/transcript/analyzer").asText()).isEqualTo("standard");
        assertThat(body.at("/mappings/properties/tenant/type").asText()).isEqualTo("keyword");
    }
}
