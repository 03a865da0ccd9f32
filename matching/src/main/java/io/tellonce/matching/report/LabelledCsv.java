package io.tellonce.matching.report;

import io.tellonce.matching.PersonField;
import io.tellonce.matching.PersonRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads labelled data sets: Febrl (rec_id "rec-N-org" / "rec-N-dup-k", same N = same person),
 * Splink's fake people (same cluster or group = same person), and any other CSV with a header row
 * whose columns are named by a {@link LabelledColumns}.
 */
public final class LabelledCsv {

    public LabelledRecords febrl(String name, BufferedReader csv) throws IOException {
        return read(name, csv, (columns, row) -> {
            String id = row[columns.get("rec_id")];
            Map<PersonField, String> values = new EnumMap<>(PersonField.class);
            values.put(PersonField.GIVEN_NAME, row[columns.get("given_name")]);
            values.put(PersonField.FAMILY_NAME, row[columns.get("surname")]);
            values.put(PersonField.STREET_NUMBER, row[columns.get("street_number")]);
            values.put(PersonField.STREET, row[columns.get("address_1")]);
            values.put(PersonField.ADDRESS_EXTRA, row[columns.get("address_2")]);
            values.put(PersonField.LOCALITY, row[columns.get("suburb")]);
            values.put(PersonField.POSTCODE, row[columns.get("postcode")]);
            values.put(PersonField.REGION, row[columns.get("state")]);
            values.put(PersonField.DATE_OF_BIRTH, row[columns.get("date_of_birth")]);
            values.put(PersonField.NATIONAL_ID, row[columns.get("soc_sec_id")]);
            String person = id.substring(0, id.indexOf('-', id.indexOf('-') + 1));
            return new Labelled(new PersonRecord(id, values), person);
        });
    }

    public LabelledRecords splink(String name, BufferedReader csv) throws IOException {
        csv.mark(1 << 16);
        String header = csv.readLine();
        csv.reset();
        // fake_1000 names its truth column "cluster", fake_20000 "group".
        String truth = header != null && header.contains("cluster") ? "cluster" : "group";
        return mapped(name, csv, new LabelledColumns(truth, Optional.of("unique_id"), Map.of(
                PersonField.GIVEN_NAME, "first_name", PersonField.FAMILY_NAME, "surname",
                PersonField.DATE_OF_BIRTH, "dob", PersonField.LOCALITY, "city", PersonField.EMAIL, "email")));
    }

    /** Any labelled CSV, its columns named by the caller: data the project has not seen. */
    public LabelledRecords mapped(String name, BufferedReader csv, LabelledColumns mapping) throws IOException {
        int[] rows = {0};
        return read(name, csv, (columns, row) -> {
            rows[0]++;
            Map<PersonField, String> values = new EnumMap<>(PersonField.class);
            mapping.fields().forEach((field, column) -> values.put(field, row[column(columns, column)]));
            String id = mapping.id().map(column -> row[column(columns, column)]).orElse("row-" + rows[0]);
            return new Labelled(new PersonRecord(id, values), row[column(columns, mapping.truth())]);
        });
    }

    private static int column(Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        if (index == null) {
            throw new IllegalArgumentException("no column '" + name + "'; the header has " + columns.keySet());
        }
        return index;
    }

    private LabelledRecords read(String name, BufferedReader csv, RowReader rowReader) throws IOException {
        String header = csv.readLine();
        if (header == null) {
            throw new IOException(name + " is empty");
        }
        Map<String, Integer> columns = new HashMap<>();
        String[] names = fields(header);
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i].strip(), i);
        }
        List<PersonRecord> records = new ArrayList<>();
        Map<String, String> personOf = new HashMap<>();
        for (String line = csv.readLine(); line != null; line = csv.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            String[] row = fields(line);
            if (row.length < names.length) {
                throw new IOException(name + ": a row has " + row.length + " columns, the header " + names.length
                        + ": " + line);
            }
            Labelled labelled = rowReader.read(columns, row);
            records.add(labelled.record());
            personOf.put(labelled.record().id(), labelled.person());
        }
        return new LabelledRecords(name, records, personOf);
    }

    /**
     * One CSV line's values, stripped (Febrl pads every value after a comma with one space). A value
     * may be quoted, with "" for a quote inside it, so that other files' "Smith, John" read right.
     */
    static String[] fields(String line) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                value.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                values.add(value.toString().strip());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        values.add(value.toString().strip());
        return values.toArray(String[]::new);
    }

    private record Labelled(PersonRecord record, String person) {
    }

    @FunctionalInterface
    private interface RowReader {
        Labelled read(Map<String, Integer> columns, String[] row);
    }
}
