package io.tellonce.bench.data;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic population: person {@code i} of seed {@code s} is the same on every machine
 * and in every run, and is computed on demand, so a million people cost no memory and the load
 * generator can pick any of them without a lookup table.
 *
 * <p>People come in household pairs (0 and 1, 2 and 3, ...): in a share of households the second person
 * uses the first one's e-mail address, in another share the first one's phone (a family phone); their
 * WhatsApp handle stays their own mobile. Every other identifier is unique: phone digits and CRM ids are
 * bijections of the index.
 */
public final class PersonGenerator {
    private static final long GB_SUBSCRIBERS = 100_000_000L;
    private static final long US_SUBSCRIBERS = 8_000_000L;
    // No factor 2 or 5: multiplying by it is a bijection on both number spaces above (and on 10^7).
    private static final long SCRAMBLE = 48_271L;
    private static final String[] GB_MOBILE_PREFIXES = {"+4474", "+4477", "+4478", "+4479"};

    private final long seed;
    private final Shares shares;

    public PersonGenerator(long seed, Shares shares) {
        this.seed = seed;
        this.shares = shares;
    }

    public Person person(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("person index must be >= 0");
        }
        Own own = own(index);
        String email = own.email;
        String phone = own.mobile;
        if (index % 2 == 1) {
            SplittableRandom household = random(index - 1, 0x40F5EL);
            boolean sharesEmail = household.nextDouble() < shares.sharedEmail();
            boolean sharesPhone = household.nextDouble() < shares.sharedPhone();
            if (sharesEmail || sharesPhone) {
                Own first = own(index - 1);
                email = sharesEmail ? first.email : email;
                phone = sharesPhone ? first.mobile : phone;
            }
        }
        return new Person(index, own.givenName, own.familyName, own.dateOfBirth, email, phone,
                own.onWhatsApp ? Optional.of(own.mobile) : Optional.empty(), own.crmId, own.address);
    }

    /** What belongs to the person alone, before any household sharing. */
    private Own own(int index) {
        SplittableRandom random = random(index, 0x9E0F1EL);
        String given = Vocabulary.pick(Vocabulary.GIVEN_NAMES, random);
        String family = Vocabulary.pick(Vocabulary.FAMILY_NAMES, random);
        LocalDate born = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 65));
        boolean american = random.nextDouble() < shares.usPhone();
        String mobile = american ? usNumber(index, random) : gbMobile(index, random);
        boolean onWhatsApp = random.nextDouble() < shares.whatsApp();
        Optional<String> crmId = random.nextDouble() < shares.crmId()
                ? Optional.of("CRM-" + digits(scramble(index, GB_SUBSCRIBERS), 8)) : Optional.empty();
        String email = email(given, family, index, random);
        Person.Address address = american ? usAddress(random) : gbAddress(random);
        return new Own(given, family, born, email, mobile, onWhatsApp, crmId, address);
    }

    private record Own(String givenName, String familyName, LocalDate dateOfBirth, String email, String mobile,
                       boolean onWhatsApp, Optional<String> crmId, Person.Address address) {
    }

    private static Person.Address gbAddress(SplittableRandom random) {
        int town = random.nextInt(Vocabulary.GB_TOWNS.size());
        String postcode = Vocabulary.GB_POSTCODE_AREAS.get(town) + (1 + random.nextInt(20)) + " " + random.nextInt(10)
                + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
        return new Person.Address((1 + random.nextInt(300)) + " " + Vocabulary.pick(Vocabulary.STREETS, random),
                Vocabulary.GB_TOWNS.get(town), postcode, "GB");
    }

    private static Person.Address usAddress(SplittableRandom random) {
        return new Person.Address((1 + random.nextInt(9_000)) + " " + Vocabulary.pick(Vocabulary.STREETS, random),
                Vocabulary.pick(Vocabulary.US_TOWNS, random), digits(10_000 + random.nextInt(89_999), 5), "US");
    }

    private static String email(String given, String family, int index, SplittableRandom random) {
        String first = ascii(given);
        String last = ascii(family);
        String local = switch (random.nextInt(3)) {
            case 0 -> first + "." + last + index;
            case 1 -> first.charAt(0) + last + index;
            default -> last + "." + first + "." + index;
        };
        return local + "@" + Vocabulary.pick(Vocabulary.MAIL_DOMAINS, random);
    }

    private static String ascii(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    private static String gbMobile(int index, SplittableRandom random) {
        String prefix = GB_MOBILE_PREFIXES[random.nextInt(GB_MOBILE_PREFIXES.length)];
        return avoidPlaceholder(prefix + digits(scramble(index, GB_SUBSCRIBERS), 8));
    }

    private static String usNumber(int index, SplittableRandom random) {
        long subscriber = scramble(index, US_SUBSCRIBERS);
        // US exchange codes start with 2-9.
        long exchangeFirst = 2 + subscriber / 1_000_000L;
        return avoidPlaceholder("+1" + Vocabulary.pick(Vocabulary.US_AREA_CODES, random) + exchangeFirst
                + digits(subscriber % 1_000_000L, 6));
    }

    /** The service never links numbers like +44...0000000 (placeholders): nudge the rare one that looks so. */
    private static String avoidPlaceholder(String number) {
        return number.endsWith("0000000") || number.endsWith("1234567")
                ? number.substring(0, number.length() - 1) + "9" : number;
    }

    static long scramble(long index, long modulus) {
        return Math.floorMod(index * SCRAMBLE + 7_919L, modulus);
    }

    private static String digits(long value, int width) {
        String text = Long.toString(value);
        return "0".repeat(Math.max(0, width - text.length())) + text;
    }

    private SplittableRandom random(int index, long salt) {
        // SplittableRandom's mixing spreads neighbouring seeds; the salt separates the uses of one index.
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + salt);
    }
}
