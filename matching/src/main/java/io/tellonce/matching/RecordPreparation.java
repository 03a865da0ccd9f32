package io.tellonce.matching;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Turns a {@link PersonRecord} into a {@link MatchRecord}: folds each value once ({@link TextFolding}:
 * accents, case, letters such as ß and ł; then separators) and computes the name sounds, so that
 * scoring a pair is only comparisons.
 */
public final class RecordPreparation {
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^\\p{Alnum}]+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-'.,]+");

    private final DoubleMetaphone metaphone;

    public RecordPreparation() {
        this.metaphone = new DoubleMetaphone();
        // Longer codes than the default four keep "Christensen" and "Christie" apart.
        metaphone.setMaxCodeLen(6);
    }

    public MatchRecord prepare(PersonRecord record) {
        Map<PersonField, FieldValue> fields = new EnumMap<>(PersonField.class);
        record.values().forEach((field, raw) -> {
            String folded = fold(field, raw);
            if (!folded.isEmpty()) {
                fields.put(field, value(field, raw, folded));
            }
        });
        return new MatchRecord(record.id(), fields);
    }

    private FieldValue value(PersonField field, String raw, String folded) {
        if (field != PersonField.GIVEN_NAME && field != PersonField.FAMILY_NAME) {
            return new FieldValue(raw, folded, "", "");
        }
        String letters = NOT_ALPHANUMERIC.matcher(folded).replaceAll("");
        String sound = nullToEmpty(metaphone.doubleMetaphone(letters));
        String alternate = nullToEmpty(metaphone.doubleMetaphone(letters, true));
        return new FieldValue(raw, folded, sound, alternate);
    }

    /**
     * Names and places keep their words (one space between them); dates, numbers, postcodes,
     * phones and ids keep only letters and digits, so that "1971-06-24" equals "19710624".
     */
    static String fold(PersonField field, String raw) {
        String plain = TextFolding.fold(raw);
        return switch (field) {
            case DATE_OF_BIRTH, STREET_NUMBER, POSTCODE, PHONE, NATIONAL_ID ->
                    NOT_ALPHANUMERIC.matcher(plain).replaceAll("");
            case EMAIL -> plain.replace(" ", "");
            default -> SEPARATORS.matcher(plain).replaceAll(" ").strip();
        };
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
