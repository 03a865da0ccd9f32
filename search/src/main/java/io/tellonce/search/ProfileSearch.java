package io.tellonce.search;

import java.util.Optional;

/**
 * One profile search as an agent types it: free text (a name, part of an e-mail, an id, the last
 * digits of a phone), an optional phone number already normalised to E.164, and filters.
 *
 * @param text  what the agent typed, as typed; folded here
 * @param phone the text read as a phone number in the tenant's region, when it is one
 */
public record ProfileSearch(String tenant, String text, Optional<String> phone, Filters filters, int from, int size) {
    public ProfileSearch {
        text = SearchText.fold(text);
    }

    /** Filters narrow the hits without changing their order; an empty value filters nothing. */
    public record Filters(Optional<String> locality, Optional<String> postalCode, Optional<Boolean> hasOpenCase,
                          Optional<String> channel) {
        public static Filters none() {
            return new Filters(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        public boolean isEmpty() {
            return locality.isEmpty() && postalCode.isEmpty() && hasOpenCase.isEmpty() && channel.isEmpty();
        }
    }
}
