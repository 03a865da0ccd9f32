package io.tellonce.matching.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The report's command line for one labelled file:
 * {@code --csv FILE --truth COLUMN [--id COLUMN] --fields given_name=first_name,family_name=surname,...}.
 * The truth column holds the true entity id (same value, same person); without {@code --id} records
 * are named by their row.
 */
public record ReportFile(Path csv, LabelledColumns columns) {
    static final String USAGE = "usage: --csv FILE --truth COLUMN [--id COLUMN] --fields field=column,..."
            + " (fields: given_name, family_name, date_of_birth, street_number, street, address_extra, locality,"
            + " postcode, region, email, phone, national_id)";

    public static ReportFile parse(String... args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("'" + args[i] + "' has no value; " + USAGE);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : new String[] {"csv", "truth", "fields"}) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is missing; " + USAGE);
            }
        }
        options.keySet().stream().filter(option -> !java.util.Set.of("csv", "truth", "id", "fields").contains(option))
                .findFirst().ifPresent(unknown -> {
                    throw new IllegalArgumentException("unknown option --" + unknown + "; " + USAGE);
                });
        Path csv = Path.of(options.get("csv"));
        if (!Files.isReadable(csv)) {
            throw new IllegalArgumentException(csv + " cannot be read");
        }
        return new ReportFile(csv, new LabelledColumns(options.get("truth"), Optional.ofNullable(options.get("id")),
                LabelledColumns.parseFields(options.get("fields"))));
    }
}
