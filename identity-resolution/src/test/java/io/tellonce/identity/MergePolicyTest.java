package io.tellonce.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MergePolicyTest {
    private final MergePolicy policy = MergePolicy.defaults();

    private static Identifier id(IdentifierKind kind, String value) {
        return new Identifier(kind, "", value);
    }

    @Test
    void limitsAreCountedPerKindOverDistinctIdentifiers() {
        Identifier crm = id(IdentifierKind.CRM_ID, "C-1");
        assertThat(policy.violation(List.of(crm, crm, id(IdentifierKind.EMAIL, "a@b.co")))).isEmpty();
        assertThat(policy.violation(List.of(crm, id(IdentifierKind.CRM_ID, "C-2"))))
                .contains("2 crm_id identifiers where the policy allows 1");
    }

    @Test
    void placeholdersNeverLinkWhileOrdinaryValuesDo() {
        assertThat(policy.links(id(IdentifierKind.EMAIL, "noreply@shop.example"))).isFalse();
        assertThat(policy.links(id(IdentifierKind.PHONE, "+440000000000"))).isFalse();
        assertThat(policy.links(id(IdentifierKind.EMAIL, "norbert@shop.example"))).isTrue();
        assertThat(policy.links(id(IdentifierKind.PHONE, "+447700900123"))).isTrue();
    }

    @Test
    void neverLinkRulesNameAKnownKind() {
        assertThat(MergePolicy.NeverLink.parse("email:info@*.example").matches(id(IdentifierKind.EMAIL, "info@a.example")))
                .isTrue();
        assertThatThrownBy(() -> MergePolicy.NeverLink.parse("fax:123*")).hasMessageContaining("kind:pattern");
    }
}
