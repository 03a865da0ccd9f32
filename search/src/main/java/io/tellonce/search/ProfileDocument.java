package io.tellonce.search;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the profile index holds about one profile: only what agents search and filter on, folded
 * for search. Cassandra stays the truth; a hit is read back from it before anything is shown.
 *
 * @param identifiers ids and handles (CRM, account, loyalty, channel and social handles), lower-cased
 * @param channels    the channels the person is known on (the identifier kinds and handle channels)
 * @param matchKeys   the blocking keys of fuzzy matching (one keyword each), by which FindMatches and
 *                    inline matching find candidates that share no identifier
 * @param matchRecord the fields fuzzy matching compares (field name to value), kept but not indexed:
 *                    candidates are scored from it and only the likely ones read back from Cassandra
 */
public record ProfileDocument(String tenant, String profileId, List<String> names, List<String> emails,
                              List<String> phones, List<String> identifiers, List<String> channels,
                              String locality, String postalCode, boolean hasOpenCase, Instant updateTime,
                              List<String> matchKeys, Map<String, String> matchRecord) {
    public ProfileDocument {
        Objects.requireNonNull(tenant);
        Objects.requireNonNull(profileId);
        names = names.stream().map(SearchText::fold).distinct().toList();
        emails = emails.stream().map(SearchText::fold).distinct().toList();
        phones = List.copyOf(phones);
        identifiers = identifiers.stream().map(SearchText::fold).distinct().toList();
        channels = List.copyOf(channels);
        matchKeys = List.copyOf(matchKeys);
        matchRecord = Map.copyOf(matchRecord);
    }

    /** The document id: tenant and profile, so that two tenants can never address one document. */
    public static String documentId(String tenant, String profileId) {
        return tenant + "/" + profileId;
    }

    public String documentId() {
        return documentId(tenant, profileId);
    }

    /** The JSON source, field names as in the mapping. */
    public Map<String, Object> source() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("tenant", tenant);
        source.put("profile_id", profileId);
        source.put("names", names);
        source.put("emails", emails);
        source.put("phones", phones);
        source.put("phone_digits_reversed", phones.stream().map(SearchText::reversedDigits).toList());
        source.put("identifiers", identifiers);
        source.put("channels", channels);
        if (locality != null) {
            source.put("locality", SearchText.fold(locality));
        }
        if (postalCode != null) {
            source.put("postal_code", SearchText.fold(postalCode).replace(" ", ""));
        }
        source.put("has_open_case", hasOpenCase);
        source.put("update_time", updateTime.toString());
        source.put("match_keys", matchKeys);
        source.put("match_record", new TreeMap<>(matchRecord));
        return source;
    }
}
