package io.tellonce.matching.report;

import io.tellonce.matching.PersonRecord;
import java.util.List;
import java.util.Map;

/** Person records with the truth: which person (cluster) each record belongs to. */
public record LabelledRecords(String name, List<PersonRecord> records, Map<String, String> personOf) {

    public LabelledRecords {
        records = List.copyOf(records);
        personOf = Map.copyOf(personOf);
    }

    /** The first {@code count} records only: a held-out slice, with the truth among them. */
    public LabelledRecords slice(String sliceName, int from, int count) {
        return new LabelledRecords(sliceName, records.subList(from, Math.min(records.size(), from + count)), personOf);
    }
}
