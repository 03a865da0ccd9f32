package io.tellonce.profile.grpc;

import com.google.type.Date;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.PostalAddress;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Person attributes between the wire and storage, where they are one flat map (one entry per
 * attribute, so that each attribute keeps its own "latest observation wins" timestamp).
 */
final class AttributeCodec {
    static final int MAX_VALUE_LENGTH = 1024;
    static final int MAX_CUSTOM = 50;
    private static final String CUSTOM = "custom.";
    private static final Pattern CUSTOM_KEY = Pattern.compile("^[a-z0-9_-]{1,64}$");
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$");

    private AttributeCodec() {
    }

    static Map<String, String> read(PersonAttributes attributes, String field, List<FieldViolation> problems) {
        Map<String, String> flat = new LinkedHashMap<>();
        text(flat, "given_name", attributes.getGivenName(), field + ".given_name", problems);
        text(flat, "family_name", attributes.getFamilyName(), field + ".family_name", problems);
        text(flat, "full_name", attributes.getFullName(), field + ".full_name", problems);
        if (attributes.hasDateOfBirth()) {
            dateOfBirth(flat, attributes.getDateOfBirth(), field + ".date_of_birth", problems);
        }
        if (!attributes.getLocale().isEmpty() && !LANGUAGE_TAG.matcher(attributes.getLocale()).matches()) {
            problems.add(new FieldViolation(field + ".locale", "must be a BCP 47 language tag such as en-GB"));
        } else {
            text(flat, "locale", attributes.getLocale(), field + ".locale", problems);
        }
        if (attributes.hasAddress()) {
            address(flat, attributes.getAddress(), field + ".address", problems);
        }
        if (attributes.getCustomCount() > MAX_CUSTOM) {
            problems.add(new FieldViolation(field + ".custom", "must have at most " + MAX_CUSTOM + " entries"));
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

    private static void dateOfBirth(Map<String, String> flat, Date date, String field, List<FieldViolation> problems) {
        try {
            flat.put("date_of_birth", LocalDate.of(date.getYear(), date.getMonth(), date.getDay()).toString());
        } catch (DateTimeException e) {
            problems.add(new FieldViolation(field, "must be a full calendar date (year, month and day)"));
        }
    }

    private static void text(Map<String, String> flat, String key, String value, String path,
                             List<FieldViolation> problems) {
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            return;
        }
        if (stripped.length() > MAX_VALUE_LENGTH) {
            problems.add(new FieldViolation(path, "must be at most " + MAX_VALUE_LENGTH + " characters"));
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
