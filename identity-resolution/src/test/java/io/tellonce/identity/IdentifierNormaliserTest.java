package io.tellonce.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IdentifierNormaliserTest {
    private final IdentifierNormaliser normaliser = new IdentifierNormaliser("GB");

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(normaliser.normalise(IdentifierKind.EMAIL, "", "  Alice.Smith@Example.COM "))
                .isEqualTo(new Identifier(IdentifierKind.EMAIL, "", "alice.smith@example.com"));
    }

    @ParameterizedTest
    @CsvSource({"alice", "alice@", "@example.com", "alice@example", "a b@example.com", "alice@@example.com"})
    void malformedEmailIsRejectedNamingTheValue(String value) {
        assertThatThrownBy(() -> normaliser.normalise(IdentifierKind.EMAIL, "", value))
                .isInstanceOfSatisfying(IdentifierRejected.class, e -> assertThat(e.part()).isEqualTo("value"));
    }

    @ParameterizedTest
    @CsvSource({"'07700 900123', +447700900123", "'+44 (0)7700-900123', +447700900123",
            "'+1 415 555 2671', +14155552671", "'0044 7700 900123', +447700900123"})
    void phoneBecomesE164UsingTheDefaultRegion(String raw, String expected) {
        assertThat(normaliser.normalise(IdentifierKind.PHONE, "", raw).value()).isEqualTo(expected);
    }

    @Test
    void phoneThatIsNotANumberIsRejected() {
        assertThatThrownBy(() -> normaliser.normalise(IdentifierKind.PHONE, "", "call me maybe"))
                .isInstanceOfSatisfying(IdentifierRejected.class, e -> assertThat(e.part()).isEqualTo("value"));
        assertThatThrownBy(() -> normaliser.normalise(IdentifierKind.PHONE, "", "12"))
                .isInstanceOf(IdentifierRejected.class);
    }

    @Test
    void whatsappHandleIsAPhoneNumberAndKeepsItsChannel() {
        assertThat(normaliser.normalise(IdentifierKind.CHANNEL_HANDLE, "WhatsApp", "07700 900123"))
                .isEqualTo(new Identifier(IdentifierKind.CHANNEL_HANDLE, "whatsapp", "+447700900123"));
    }

    @Test
    void qualifiedKindsNeedANamespaceAndOthersRefuseOne() {
        assertThatThrownBy(() -> normaliser.normalise(IdentifierKind.CHANNEL_HANDLE, "", "abc"))
                .isInstanceOfSatisfying(IdentifierRejected.class, e -> assertThat(e.part()).isEqualTo("namespace"));
        assertThatThrownBy(() -> normaliser.normalise(IdentifierKind.EMAIL, "crm", "a@b.co"))
                .isInstanceOfSatisfying(IdentifierRejected.class, e -> assertThat(e.part()).isEqualTo("namespace"));
        assertThatThrownBy(() -> normaliser.normalise(IdentifierKind.CUSTOM, "bad space", "x"))
                .isInstanceOfSatisfying(IdentifierRejected.class, e -> assertThat(e.part()).isEqualTo("namespace"));
    }

    @Test
    void accountNumbersIgnoreCaseSpacesAndDashesWhileCrmIdsKeepCase() {
        assertThat(normaliser.normalise(IdentifierKind.ACCOUNT_NUMBER, "", " ab-12 34 ").value()).isEqualTo("AB1234");
        assertThat(normaliser.normalise(IdentifierKind.CRM_ID, "", " 0031x00000AbCd ").value())
                .isEqualTo("0031x00000AbCd");
    }

    @Test
    void socialHandleDropsTheAtSignAndCase() {
        assertThat(normaliser.normalise(IdentifierKind.SOCIAL_HANDLE, "instagram", "@Alice_S"))
                .isEqualTo(new Identifier(IdentifierKind.SOCIAL_HANDLE, "instagram", "alice_s"));
    }

    // Counterexamples found by the property tests (IdentifierNormaliserIdempotencePropertyTest).

    @Test
    void separatorsAloneAreNotAnAccountNumber() {
        assertThatThrownBy(() -> normaliser.normalise(IdentifierKind.ACCOUNT_NUMBER, "", " - - "))
                .isInstanceOfSatisfying(IdentifierRejected.class, e -> assertThat(e.reason()).contains("empty"));
        assertThatThrownBy(() -> normaliser.normalise(IdentifierKind.LOYALTY_ID, "", "ß".repeat(200)))
                .isInstanceOfSatisfying(IdentifierRejected.class, e -> assertThat(e.reason()).contains("normalised"));
    }

    @Test
    void everyLeadingAtSignAndSpaceLeavesASocialHandle() {
        assertThat(normaliser.normalise(IdentifierKind.SOCIAL_HANDLE, "x", "@@a").value()).isEqualTo("a");
        assertThat(normaliser.normalise(IdentifierKind.SOCIAL_HANDLE, "x", "@ Alice").value()).isEqualTo("alice");
    }

    @Test
    void unicodeSpacesAroundAnEmailAreNotPartOfIt() {
        assertThat(normaliser.normalise(IdentifierKind.EMAIL, "", "\u00A0A@Example.com\u0085\u202F").value())
                .isEqualTo("a@example.com");
    }

    @Test
    void aNumberThatWouldNormaliseTwoWaysIsRefused() {
        assertThatThrownBy(() -> new IdentifierNormaliser("AE").normalise(IdentifierKind.PHONE, "", "0000000"))
                .isInstanceOfSatisfying(IdentifierRejected.class, e -> assertThat(e.part()).isEqualTo("value"));
    }

    @Test
    void emptyAndOverlongValuesAreRejected() {
        assertThatThrownBy(() -> normaliser.normalise(IdentifierKind.DEVICE_ID, "", "   "))
                .isInstanceOfSatisfying(IdentifierRejected.class, e -> assertThat(e.reason()).contains("empty"));
        assertThatThrownBy(() -> normaliser.normalise(IdentifierKind.DEVICE_ID, "", "x".repeat(257)))
                .isInstanceOfSatisfying(IdentifierRejected.class, e -> assertThat(e.reason()).contains("256"));
    }

    @Test
    void controlCharactersAreRefusedInEveryKind() {
        for (IdentifierKind kind : IdentifierKind.values()) {
            String namespace = kind.qualified() ? "web" : "";
            assertThatThrownBy(() -> normaliser.normalise(kind, namespace, "abc\u0000def"))
                    .as("%s", kind)
                    .isInstanceOfSatisfying(IdentifierRejected.class, e -> assertThat(e.reason()).contains("control"));
        }
    }

    /** Issue 17: 40,000 spaces took 11 s in a trimming pattern that backtracked; a million characters now cost milliseconds (the bound is loose for a loaded machine; the old pattern took hours). */
    @Test
    void hostileSpacesCostLinearTimeWhateverTheirLength() {
        String spaces = " \u00a0\u2003\u0085".repeat(250_000);
        for (String hostile : java.util.List.of(spaces, "a" + spaces + "b", spaces + "a", "a" + spaces)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> normaliser.normalise(IdentifierKind.CRM_ID, "", hostile))
                    .isInstanceOf(IdentifierRejected.class);
            IdentifierNormaliser.withoutEdgeSpace(hostile);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(1));
        }
        assertThat(IdentifierNormaliser.withoutEdgeSpace("\u00a0 x y\u2003\u0085")).isEqualTo("x y");
        assertThat(IdentifierNormaliser.withoutEdgeSpace(" ".repeat(1_000))).isEmpty();
    }
}
