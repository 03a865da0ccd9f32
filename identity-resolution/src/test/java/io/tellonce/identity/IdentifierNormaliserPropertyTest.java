package io.tellonce.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Properties of {@link IdentifierNormaliser} over generated input; the worked examples are in IdentifierNormaliserTest. */
class IdentifierNormaliserPropertyTest {
    static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    static final List<String> REGIONS = PHONES.getSupportedRegions().stream().sorted().toList();
    /**
     * Regions whose international prefix is one plain digit string, so that a number dialled from there
     * ("00 44 7700 900123") names one number. Not so everywhere: in Hong Kong 00 may be followed by a
     * carrier digit, so "00 247 40123" (Ascension) is also 002 + 47 40123 (Norway).
     */
    static final List<String> DIALLING_REGIONS = List.of("GB", "US", "DE", "FR", "NL", "IE", "ES", "IT", "IN", "ZA",
            "SE", "JP", "AU", "NZ", "BR", "CH", "PL");
    private static final Map<String, IdentifierNormaliser> NORMALISERS = new ConcurrentHashMap<>();

    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String UPPER = LOWER.toUpperCase(Locale.ROOT);
    static final String DIGITS = "0123456789";
    /** What ordinary addresses use before the '@' (RFC 5322 atext and the dot). */
    static final String LOCAL_PART = LOWER + UPPER + DIGITS + ".!#$%&'*+/=?^_`{|}~-";

    static IdentifierNormaliser normaliser(String defaultRegion) {
        return NORMALISERS.computeIfAbsent(defaultRegion, IdentifierNormaliser::new);
    }

    static Optional<Identifier> accepted(IdentifierNormaliser normaliser, IdentifierKind kind, String namespace,
                                         String value) {
        try {
            return Optional.of(normaliser.normalise(kind, namespace, value));
        } catch (IdentifierRejected rejected) {
            return Optional.empty();
        }
    }

    // ---- normalising twice ----------------------------------------------------------------------

    @Property(tries = 500)
    void normalisingANormalisedEmailChangesNothing(@ForAll("emails") String raw) {
        IdentifierNormaliser normaliser = normaliser("GB");
        Optional<Identifier> once = accepted(normaliser, IdentifierKind.EMAIL, "", raw);
        Assume.that(once.isPresent());

        assertThat(normaliser.normalise(IdentifierKind.EMAIL, "", once.get().value())).isEqualTo(once.get());
    }

    // ---- one identifier, written in many ways ---------------------------------------------------

    @Property(tries = 500)
    void anEmailNormalisesTheSameWhateverItsCase(@ForAll("emailCasings") Casing email) {
        IdentifierNormaliser normaliser = normaliser("GB");

        assertThat(normaliser.normalise(IdentifierKind.EMAIL, "", email.written()))
                .isEqualTo(normaliser.normalise(IdentifierKind.EMAIL, "", email.plain()))
                .isEqualTo(new Identifier(IdentifierKind.EMAIL, "", email.plain().toLowerCase(Locale.ROOT)));
    }

    /** Covers normalising a valid number twice as well: its E.164 form is one of the writings. */
    @Property(tries = 500)
    void everyWayOfWritingAPhoneNumberNormalisesToTheSameE164(@ForAll("writtenNumbers") WrittenNumber number) {
        IdentifierNormaliser normaliser = normaliser(number.defaultRegion());
        String e164 = PHONES.format(number.number(), PhoneNumberFormat.E164);

        number.writings().forEach((format, written) -> assertThat(
                normaliser.normalise(IdentifierKind.PHONE, "", written).value())
                .as("%s written %s as %s, read in %s", e164, format, written, number.defaultRegion())
                .isEqualTo(e164));
    }

    @Property(tries = 300)
    void aWhatsappOrSmsHandleNormalisesAsThePhoneNumberItIs(@ForAll("writtenNumbers") WrittenNumber number,
                                                           @ForAll("phoneChannels") String channel) {
        IdentifierNormaliser normaliser = normaliser(number.defaultRegion());

        number.writings().values().forEach(written -> assertThat(
                normaliser.normalise(IdentifierKind.CHANNEL_HANDLE, channel, written))
                .isEqualTo(new Identifier(IdentifierKind.CHANNEL_HANDLE, channel.strip().toLowerCase(Locale.ROOT),
                        normaliser.normalise(IdentifierKind.PHONE, "", written).value())));
    }

    @Property(tries = 500)
    void anAccountNumberOrLoyaltyIdNormalisesTheSameWhateverItsCaseSpacesAndDashes(
            @ForAll("accountOrLoyalty") IdentifierKind kind, @ForAll("accountNumberWritings") Casing number) {
        IdentifierNormaliser normaliser = normaliser("GB");

        assertThat(normaliser.normalise(kind, "", number.written()))
                .isEqualTo(normaliser.normalise(kind, "", number.plain()))
                .isEqualTo(new Identifier(kind, "", number.plain().toUpperCase(Locale.ROOT)));
    }

    @Property(tries = 500)
    void aSocialHandleNormalisesTheSameWithOrWithoutItsAtSignAndWhateverItsCase(
            @ForAll("networks") String network, @ForAll("socialHandleWritings") Casing handle) {
        IdentifierNormaliser normaliser = normaliser("GB");

        assertThat(normaliser.normalise(IdentifierKind.SOCIAL_HANDLE, network, handle.written()))
                .isEqualTo(normaliser.normalise(IdentifierKind.SOCIAL_HANDLE, network, handle.plain()))
                .isEqualTo(new Identifier(IdentifierKind.SOCIAL_HANDLE, network,
                        handle.plain().toLowerCase(Locale.ROOT)));
    }

    // ---- rejection ------------------------------------------------------------------------------

    @Property(tries = 500)
    void aValueLongerThan256CharactersIsAlwaysRejectedNamingTheValue(@ForAll IdentifierKind kind,
                                                                     @ForAll("networks") String network,
                                                                     @ForAll("overlongValues") String value) {
        String namespace = kind.qualified() ? network : "";

        assertThatThrownBy(() -> normaliser("GB").normalise(kind, namespace, value))
                .isInstanceOfSatisfying(IdentifierRejected.class, rejected -> {
                    assertThat(rejected.part()).isEqualTo("value");
                    assertThat(rejected.reason()).contains("256");
                });
    }

    // ---- generators -----------------------------------------------------------------------------

    /** One identifier as plainly written and as a channel wrote it (other case, separators, '@'). */
    record Casing(String plain, String written) {
    }

    /** One number, the default region it is read in, and every way a person or system might write it there. */
    record WrittenNumber(String defaultRegion, PhoneNumber number, Map<String, String> writings) {
    }

    @Provide
    Arbitrary<String> networks() {
        return Arbitraries.of("instagram", "x", "tiktok", "facebook", "linkedin", "mastodon_social", "my-net");
    }

    @Provide
    Arbitrary<String> phoneChannels() {
        return Arbitraries.of("whatsapp", "sms", "WhatsApp", "SMS", " sms ");
    }

    @Provide
    Arbitrary<IdentifierKind> accountOrLoyalty() {
        return Arbitraries.of(IdentifierKind.ACCOUNT_NUMBER, IdentifierKind.LOYALTY_ID);
    }

    /** Well-formed ASCII addresses. */
    static Arbitrary<String> asciiEmails() {
        Arbitrary<String> local = Arbitraries.strings().withChars(LOCAL_PART).ofMinLength(1).ofMaxLength(64);
        Arbitrary<String> label = Arbitraries.strings().withChars(LOWER + UPPER + DIGITS + "-")
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> tld = Arbitraries.strings().withChars(LOWER + UPPER).ofMinLength(2).ofMaxLength(8);
        Arbitrary<String> domain = Combinators.combine(label.list().ofMinSize(1).ofMaxSize(4), tld)
                .as((labels, top) -> String.join(".", labels) + "." + top);
        return Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
    }

    @Provide
    Arbitrary<String> emails() {
        // Also letters outside ASCII (internationalised addresses), including ones whose case
        // mapping changes their length (İ, ß) or maps onto ASCII (K Kelvin sign, ſ long s).
        Arbitrary<String> letters = Arbitraries.strings()
                .withChars(LOWER + UPPER + DIGITS + ".-_+İıßſKÅσςΣÉéÆæØøĲĳǅǄǆ")
                .withCharRange('\u00C0', '\u024F').withCharRange('\u0391', '\u03C9').withCharRange('\u0410', '\u044F')
                .ofMinLength(1).ofMaxLength(64);
        Arbitrary<String> international = Combinators.combine(letters, letters.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.strings().withChars(LOWER + "İσ").ofMinLength(2).ofMaxLength(6))
                .as((local, labels, top) -> local + "@" + String.join(".", labels) + "." + top);
        return Arbitraries.frequencyOf(Tuple.of(3, asciiEmails()), Tuple.of(2, international));
    }

    /** The text with each character's case chosen at random. */
    static Arbitrary<String> anyCase(String text) {
        return Arbitraries.of(true, false).list().ofSize(text.length()).map(upper -> {
            StringBuilder written = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                written.append(upper.get(i) ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
            return written.toString();
        });
    }

    @Provide
    Arbitrary<Casing> emailCasings() {
        return asciiEmails().flatMap(email -> anyCase(email).map(written -> new Casing(email, written)));
    }

    /** An account number of letters and digits, and the same in any case with spaces and dashes anywhere. */
    @Provide
    Arbitrary<Casing> accountNumberWritings() {
        Arbitrary<String> plain = Arbitraries.strings().withChars(UPPER + DIGITS).ofMinLength(1).ofMaxLength(34);
        Arbitrary<String> separators = Arbitraries.strings().withChars(" -").ofMinLength(0).ofMaxLength(2);
        return plain.flatMap(number -> Combinators.combine(anyCase(number),
                        separators.list().ofSize(number.length() + 1))
                .as((cased, between) -> {
                    StringBuilder written = new StringBuilder(between.get(0));
                    for (int i = 0; i < cased.length(); i++) {
                        written.append(cased.charAt(i)).append(between.get(i + 1));
                    }
                    return new Casing(number, written.toString());
                }));
    }

    /** A handle as networks allow them, and the same in any case with or without its '@'. */
    @Provide
    Arbitrary<Casing> socialHandleWritings() {
        Arbitrary<String> plain = Arbitraries.strings().withChars(LOWER + DIGITS + "_.").ofMinLength(1).ofMaxLength(30);
        return plain.flatMap(handle -> Combinators.combine(Arbitraries.of("", "@"), anyCase(handle))
                .as((at, cased) -> new Casing(handle, at + cased)));
    }

    /** Anything whose stripped length is over 256, some of it padded with whitespace. */
    @Provide
    Arbitrary<String> overlongValues() {
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMinLength(257).ofMaxLength(1000);
        Arbitrary<String> padding = Arbitraries.strings().withChars(" \t\r\n\u00A0\u2003").ofMaxLength(4);
        Arbitrary<String> plausible = Combinators.combine(
                        Arbitraries.strings().withChars(LOWER + DIGITS + "@.+-").ofMinLength(257).ofMaxLength(600),
                        padding, padding)
                .as((text, before, after) -> before + text + after);
        return Arbitraries.oneOf(anyText, plausible).filter(value -> value.strip().length() > 256);
    }

    /** Valid numbers: an example number of a region with its last digits changed, while still valid. */
    static Arbitrary<PhoneNumber> validNumbers() {
        return Combinators.combine(Arbitraries.of(REGIONS),
                        Arbitraries.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE),
                        Arbitraries.strings().withChars(DIGITS).ofMinLength(0).ofMaxLength(4))
                .as((region, type, digits) -> {
                    PhoneNumber example = PHONES.getExampleNumberForType(region, type);
                    if (example == null) {
                        example = PHONES.getExampleNumber(region);
                    }
                    if (example == null) {
                        return null;
                    }
                    String nsn = PHONES.getNationalSignificantNumber(example);
                    if (digits.length() >= nsn.length()) {
                        return example;
                    }
                    String changed = nsn.substring(0, nsn.length() - digits.length()) + digits;
                    try {
                        PhoneNumber number = PHONES.parse("+" + example.getCountryCode() + changed, "ZZ");
                        return PHONES.isValidNumber(number) ? number : example;
                    } catch (NumberParseException e) {
                        return example;
                    }
                })
                .filter(number -> number != null);
    }

    @Provide
    Arbitrary<WrittenNumber> writtenNumbers() {
        return writtenNumberArbitrary();
    }

    static Arbitrary<WrittenNumber> writtenNumberArbitrary() {
        Arbitrary<String> defaultRegions = Arbitraries.oneOf(Arbitraries.of(DIALLING_REGIONS), Arbitraries.of(REGIONS));
        return Combinators.combine(defaultRegions, validNumbers(),
                        Arbitraries.of(" ", "-", ".", "").list().ofMinSize(20).ofMaxSize(20))
                .as((defaultRegion, number, separators) -> {
                    Map<String, String> writings = new LinkedHashMap<>();
                    writings.put("E164", PHONES.format(number, PhoneNumberFormat.E164));
                    writings.put("INTERNATIONAL", PHONES.format(number, PhoneNumberFormat.INTERNATIONAL));
                    writings.put("RFC3966", PHONES.format(number, PhoneNumberFormat.RFC3966));
                    if (DIALLING_REGIONS.contains(defaultRegion)) {
                        writings.put("dialled from " + defaultRegion,
                                PHONES.formatOutOfCountryCallingNumber(number, defaultRegion));
                    }
                    if (defaultRegion.equals(PHONES.getRegionCodeForNumber(number))) {
                        writings.put("NATIONAL", PHONES.format(number, PhoneNumberFormat.NATIONAL));
                    }
                    String e164 = writings.get("E164");
                    StringBuilder spaced = new StringBuilder("+");
                    for (int i = 1; i < e164.length(); i++) {
                        spaced.append(e164.charAt(i)).append(separators.get(i % separators.size()));
                    }
                    writings.put("E164 with separators", spaced.toString().strip());
                    return new WrittenNumber(defaultRegion, number, writings);
                });
    }
}
