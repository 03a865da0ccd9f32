package io.tellonce.profile.grpc;

import com.google.type.Date;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.PostalAddress;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Person attributes between the wire and storage, where they are one flat map (one entry per
 * attribute, so that each attribute keeps its own "latest observation wins" timestamp). Lengths and
 * counts are the contract's bounds (bounds.proto), refused before a request reaches this code.
 */
final class AttributeCodec {
    /** No one alive was born before this; an earlier date is a typing or a placeholder (0001-01-01). */
    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final String CUSTOM = "custom.";
    private static final Pattern CUSTOM_KEY = Pattern.compile("^[a-z0-9_-]{1,64}$");
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$");

    private AttributeCodec() {
    }

    /**
     * Where today is furthest ahead (Kiribati, UTC+14): a person born there today is not refused
     * for a birth date that is still tomorrow in UTC.
     */
    private static final ZoneOffset EARLIEST_TIME_ZONE = ZoneOffset.ofHours(14);

    /** @param now the service's clock: no one is born after today */
    static Map<String, String> read(PersonAttributes attributes, String field, Instant now,
                                    List<FieldViolation> problems) {
        LocalDate today = LocalDate.ofInstant(now, EARLIEST_TIME_ZONE);
        Map<String, String> flat = new LinkedHashMap<>();
        text(flat, "given_name", attributes.getGivenName(), field + ".given_name", problems);
        text(flat, "family_name", attributes.getFamilyName(), field + ".family_name", problems);
        text(flat, "full_name", attributes.getFullName(), field + ".full_name", problems);
        if (attributes.hasDateOfBirth()) {
            dateOfBirth(flat, attributes.getDateOfBirth(), field + ".date_of_birth", today, problems);
        }
        if (!attributes.getLocale().isEmpty() && !LANGUAGE_TAG.matcher(attributes.getLocale()).matches()) {
            problems.add(new FieldViolation(field + ".locale", "must be a BCP 47 language tag such as en-GB"));
        } else {
            text(flat, "locale", attributes.getLocale(), field + ".locale", problems);
        }
        if (attributes.hasAddress()) {
            address(flat, attributes.getAddress(), field + ".address", problems);
        }
        attributes.getCustomMap().forEach((key, value) -> {
            if (!CUSTOM_KEY.matcher(key).matches()) {
                problems.add(new FieldViolation(field + ".custom[" + key + "]",
                        "key must be 1-64 lower-case letters, digits, '_' or '-'"));
            } else {
                text(flat, CUSTOM + key, value, field + ".custom[" + key + "]", problems);
            }
        });
        return flat;
    }

    private static void address(Map<String, String> flat, PostalAddress address, String field,
                                List<FieldViolation> problems) {
        for (int i = 0; i < address.getLinesCount(); i++) {
            if (address.getLines(i).chars().anyMatch(Character::isISOControl)) {
                problems.add(new FieldViolation(field + ".lines[" + i + "]", "must not contain control characters"));
                return;
            }
        }
        if (address.getLinesCount() > 0) {
            text(flat, "address.lines", String.join("\n", address.getLinesList()), field + ".lines", problems);
        }
        text(flat, "address.locality", address.getLocality(), field + ".locality", problems);
        text(flat, "address.postal_code", address.getPostalCode(), field + ".postal_code", problems);
        text(flat, "address.region", address.getRegion(), field + ".region", problems);
        if (!address.getCountryCode().isEmpty() && !COUNTRY.matcher(address.getCountryCode()).matches()) {
            problems.add(new FieldViolation(field + ".country_code", "must be an ISO 3166-1 alpha-2 code such as GB"));
        } else {
            text(flat, "address.country_code", address.getCountryCode(), field + ".country_code", problems);
        }
    }

    private static void dateOfBirth(Map<String, String> flat, Date date, String field, LocalDate today,
                                    List<FieldViolation> problems) {
        LocalDate birth;
        try {
            birth = LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
        } catch (DateTimeException e) {
            problems.add(new FieldViolation(field, "must be a full calendar date (year, month and day)"));
            return;
        }
        if (birth.isBefore(EARLIEST_BIRTH) || birth.isAfter(today)) {
            problems.add(new FieldViolation(field, "must be between " + EARLIEST_BIRTH + " and today"));
            return;
        }
        flat.put("date_of_birth", birth.toString());
    }

    private static void text(Map<String, String> flat, String key, String value, String path,
                             List<FieldViolation> problems) {
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            return;
        }
        // Address lines arrive joined by new lines, each already checked.
        if (stripped.chars().anyMatch(c -> Character.isISOControl(c) && !(c == '\n' && key.equals("address.lines")))) {
            problems.add(new FieldViolation(path, "must not contain control characters"));
            return;
        }
        flat.put(key, stripped);
    }

    static PersonAttributes write(Map<String, String> flat) {
        PersonAttributes.Builder attributes = PersonAttributes.newBuilder();
        PostalAddress.Builder address = PostalAddress.newBuilder();
        flat.forEach((key, value) -> {
            switch (key) {
                case "given_name" -> attributes.setGivenName(value);
                case "family_name" -> attributes.setFamilyName(value);
                case "full_name" -> attributes.setFullName(value);
                case "locale" -> attributes.setLocale(value);
                case "date_of_birth" -> {
                    LocalDate date = LocalDate.parse(value);
                    attributes.setDateOfBirth(Date.newBuilder().setYear(date.getYear())
                            .setMonth(date.getMonthValue()).setDay(date.getDayOfMonth()));
                }
                case "address.lines" -> address.addAllLines(List.of(value.split("\n")));
                case "address.locality" -> address.setLocality(value);
                case "address.postal_code" -> address.setPostalCode(value);
                case "address.region" -> address.setRegion(value);
                case "address.country_code" -> address.setCountryCode(value);
                default -> {
                    if (key.startsWith(CUSTOM)) {
                        attributes.putCustom(key.substring(CUSTOM.length()), value);
                    }
                }
            }
        });
        if (!address.build().equals(PostalAddress.getDefaultInstance())) {
            attributes.setAddress(address);
        }
        return attributes.build();
    }
}
