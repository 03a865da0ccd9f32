package io.tellonce.matching.report;

import io.tellonce.matching.PersonRecord;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** Both sets as one, each record's id (and person) prefixed with its set's, so ids never collide. */
    public LabelledRecords with(String combinedName, LabelledRecords other) {
        List<PersonRecord> all = new ArrayList<>();
        Map<String, String> people = new HashMap<>();
        for (LabelledRecords set : List.of(this, other)) {
            String prefix = set.name() + "/";
            for (PersonRecord record : set.records()) {
                all.add(new PersonRecord(prefix + record.id(), record.values()));
                people.put(prefix + record.id(), prefix + set.personOf().get(record.id()));
            }
        }
        return new LabelledRecords(combinedName, all, people);
    }
}
