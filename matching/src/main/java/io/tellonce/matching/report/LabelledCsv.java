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

/**
 * Reads the labelled data sets: Febrl (rec_id "rec-N-org" / "rec-N-dup-k", same N = same person)
 * and Splink's fake people (same cluster or group = same person). Neither has quoted commas.
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
        return read(name, csv, (columns, row) -> {
            Map<PersonField, String> values = new EnumMap<>(PersonField.class);
            values.put(PersonField.GIVEN_NAME, row[columns.get("first_name")]);
            values.put(PersonField.FAMILY_NAME, row[columns.get("surname")]);
            values.put(PersonField.DATE_OF_BIRTH, row[columns.get("dob")]);
            values.put(PersonField.LOCALITY, row[columns.get("city")]);
            values.put(PersonField.EMAIL, row[columns.get("email")]);
            Integer group = columns.containsKey("cluster") ? columns.get("cluster") : columns.get("group");
            return new Labelled(new PersonRecord(row[columns.get("unique_id")], values), row[group]);
        });
    }

    private LabelledRecords read(String name, BufferedReader csv, RowReader rowReader) throws IOException {
        String header = csv.readLine();
        if (header == null) {
            throw new IOException(name + " is empty");
        }
        Map<String, Integer> columns = new HashMap<>();
        String[] names = header.split(",", -1);
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i].strip(), i);
        }
        List<PersonRecord> records = new ArrayList<>();
        Map<String, String> personOf = new HashMap<>();
        for (String line = csv.readLine(); line != null; line = csv.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            String[] row = line.split(",", -1);
            for (int i = 0; i < row.length; i++) {
                // Febrl pads every value after a comma with one space.
                row[i] = row[i].strip();
            }
            Labelled labelled = rowReader.read(columns, row);
            records.add(labelled.record());
            personOf.put(labelled.record().id(), labelled.person());
        }
        return new LabelledRecords(name, records, personOf);
    }

    private record Labelled(PersonRecord record, String person) {
    }

    @FunctionalInterface
    private interface RowReader {
        Labelled read(Map<String, Integer> columns, String[] row);
    }
}
