package io.tellonce.profile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.core.value.MapPropertyResolver;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.MergePolicy;
import io.tellonce.identity.TenantId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergePoliciesTest {
    private static final Identifier CRM_1 = new Identifier(IdentifierKind.CRM_ID, "", "1");
    private static final Identifier CRM_2 = new Identifier(IdentifierKind.CRM_ID, "", "2");

    private final MergePolicies policies = new MergePolicies(new MapPropertyResolver(Map.of(
            "tellonce.identity.merge-policy.limits", "crm_id:1,email:5",
            "tellonce.identity.merge-policy.weak-kinds", "cookie_id",
            "tellonce.identity.merge-policy.never-link", "email:noreply@*",
            "tellonce.identity.merge-policy.tenants.acme.limits", "crm_id:2")));

    @Test
    void aTenantOverridesOnlyWhatItNamesAndKeepsTheRest() {
        MergePolicy acme = policies.apply(new TenantId("acme"));

        assertThat(acme.violation(List.of(CRM_1, CRM_2))).isEmpty();
        assertThat(acme.weak(new Identifier(IdentifierKind.COOKIE_ID, "", "c"))).isTrue();
        assertThat(acme.links(new Identifier(IdentifierKind.EMAIL, "", "noreply@shop.example"))).isFalse();
    }

    @Test
    void otherTenantsGetTheDefaults() {
        assertThat(policies.apply(new TenantId("globex")).violation(List.of(CRM_1, CRM_2))).isPresent();
    }

    @Test
    void valuesAreSharedAfterFiveProfilesUnlessATenantSaysOtherwise() {
        MergePolicies configured = new MergePolicies(new MapPropertyResolver(Map.of(
                "tellonce.identity.merge-policy.tenants.acme.shared-after-profiles", "0")));

        assertThat(configured.apply(new TenantId("globex")).sharedAfterProfiles()).isEqualTo(5);
        assertThat(configured.apply(new TenantId("acme")).detectsSharedValues()).isFalse();
        assertThatThrownBy(() -> new MergePolicies(new MapPropertyResolver(Map.of(
                "tellonce.identity.merge-policy.shared-after-profiles", "1")))).hasMessageContaining("at least 2");
    }

    @Test
    void aMisspelledKindStopsTheServiceAtStart() {
        assertThatThrownBy(() -> new MergePolicies(new MapPropertyResolver(Map.of(
                "tellonce.identity.merge-policy.limits", "crm:1")))).hasMessageContaining("unknown identifier kind");
    }
}
