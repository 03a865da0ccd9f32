package io.tellonce.identity;

import static io.tellonce.identity.IdentifierNormaliserPropertyTest.DIGITS;
import static io.tellonce.identity.IdentifierNormaliserPropertyTest.LOWER;
import static io.tellonce.identity.IdentifierNormaliserPropertyTest.REGIONS;
import static io.tellonce.identity.IdentifierNormaliserPropertyTest.UPPER;
import static io.tellonce.identity.IdentifierNormaliserPropertyTest.accepted;
import static io.tellonce.identity.IdentifierNormaliserPropertyTest.normaliser;
import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.identity.IdentifierNormaliserPropertyTest.Casing;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Normalising is idempotent for every kind, and surrounding Unicode white space never makes a second identifier. */
class IdentifierNormaliserIdempotencePropertyTest {
    /** Every Unicode White_Space character. */
    private static final String WHITESPACE = "\t\n\u000B\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
            + "\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000";

    @Property(tries = 500)
    void normalisingANormalisedPhoneNumberChangesNothing(@ForAll("regions") String defaultRegion,
                                                         @ForAll("rawPhoneNumbers") String raw) {
        IdentifierNormaliser normaliser = normaliser(defaultRegion);
        Optional<Identifier> once = accepted(normaliser, IdentifierKind.PHONE, "", raw);
        Assume.that(once.isPresent());

        assertThat(normaliser.normalise(IdentifierKind.PHONE, "", once.get().value())).isEqualTo(once.get());
    }

    @Property(tries = 500)
    void normalisingANormalisedAccountNumberOrLoyaltyIdChangesNothing(
            @ForAll("accountOrLoyalty") IdentifierKind kind, @ForAll("accountNumbers") String raw) {
        IdentifierNormaliser normaliser = normaliser("GB");
        Optional<Identifier> once = accepted(normaliser, kind, "", raw);
        Assume.that(once.isPresent());

        assertThat(normaliser.normalise(kind, "", once.get().value())).isEqualTo(once.get());
    }

    @Property(tries = 500)
    void normalisingANormalisedSocialHandleChangesNothing(@ForAll("networks") String network,
                                                          @ForAll("socialHandles") String raw) {
        IdentifierNormaliser normaliser = normaliser("GB");
        Optional<Identifier> once = accepted(normaliser, IdentifierKind.SOCIAL_HANDLE, network, raw);
        Assume.that(once.isPresent());

        assertThat(normaliser.normalise(IdentifierKind.SOCIAL_HANDLE, network, once.get().value()))
                .isEqualTo(once.get());
    }

    @Property(tries = 500)
    void anEmailNormalisesTheSameWhateverWhitespaceSurroundsIt(@ForAll("emails") String email,
                                                               @ForAll("whitespace") String before,
                                                               @ForAll("whitespace") String after) {
        IdentifierNormaliser normaliser = normaliser("GB");

        assertThat(normaliser.normalise(IdentifierKind.EMAIL, "", before + email + after))
                .isEqualTo(new Identifier(IdentifierKind.EMAIL, "", email.toLowerCase(Locale.ROOT)));
    }

    // ---- generators -----------------------------------------------------------------------------

    @Provide
    Arbitrary<String> regions() {
        return Arbitraries.of(REGIONS);
    }

    @Provide
    Arbitrary<String> networks() {
        return Arbitraries.of("instagram", "x", "tiktok", "facebook", "linkedin", "mastodon_social", "my-net");
    }

    @Provide
    Arbitrary<IdentifierKind> accountOrLoyalty() {
        return Arbitraries.of(IdentifierKind.ACCOUNT_NUMBER, IdentifierKind.LOYALTY_ID);
    }

    @Provide
    Arbitrary<String> emails() {
        return IdentifierNormaliserPropertyTest.asciiEmails();
    }

    @Provide
    Arbitrary<String> whitespace() {
        return Arbitraries.strings().withChars(WHITESPACE).ofMinLength(0).ofMaxLength(4);
    }

    @Provide
    Arbitrary<String> rawPhoneNumbers() {
        Arbitrary<String> written = IdentifierNormaliserPropertyTest.writtenNumberArbitrary()
                .flatMap(number -> Arbitraries.of(number.writings().values()));
        Arbitrary<String> digits = Combinators.combine(Arbitraries.of("", "+", "0", "00", "+0"),
                        Arbitraries.strings().withChars(DIGITS).ofMinLength(2).ofMaxLength(17))
                .as(String::concat);
        return Arbitraries.oneOf(written, digits);
    }

    @Provide
    Arbitrary<String> accountNumbers() {
        Arbitrary<String> plain = Arbitraries.strings().withChars(UPPER + LOWER + DIGITS + " -")
                .ofMinLength(1).ofMaxLength(34);
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> nearTheLimit = Arbitraries.strings().withChars("abß-ﬁ 1").ofMinLength(120).ofMaxLength(256);
        return Arbitraries.frequencyOf(Tuple.of(6, plain), Tuple.of(2, anyText), Tuple.of(1, nearTheLimit));
    }

    @Provide
    Arbitrary<String> socialHandles() {
        Arbitrary<String> handle = Arbitraries.strings().withChars(LOWER + UPPER + DIGITS + "_.")
                .ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> plain = Combinators.combine(Arbitraries.of("", "@"), handle).as(String::concat);
        // A small alphabet, so that '@' and spaces meet each other and the handle's ends often.
        Arbitrary<String> anyText = Arbitraries.strings().withChars("aB1_.@ ").ofMinLength(1).ofMaxLength(8);
        return Arbitraries.frequencyOf(Tuple.of(3, plain), Tuple.of(1, anyText));
    }
}
