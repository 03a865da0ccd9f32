package io.tellonce.profile.app;

import io.tellonce.identity.Identifier;
import io.tellonce.profile.consent.ConsentDecision;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a purpose-aware read may show. Without the person's grant for a purpose that needs consent,
 * every attribute is withheld and so is every identifier beyond the one the caller looked the person
 * up by (the caller has that one already; showing it back reveals nothing). The profile id and times
 * stay: they identify the record, not the person. Pure, so every read path (GetProfile, the customer
 * context) withholds the same way.
 */
@Singleton
public final class ConsentedAttributes {

    /** @param supplied the identifier of the caller's lookup, if it was one */
    public ConsentedProfile apply(ProfileView view, ConsentDecision decision, Optional<Identifier> supplied) {
        if (decision.allowed()) {
            return new ConsentedProfile(view, List.of(), Optional.of(decision));
        }
        String why = "withheld: " + decision.reason();
        List<Withheld> withheld = new java.util.ArrayList<>();
        new TreeSet<>(view.attributes().keySet()).forEach(name -> withheld.add(new Withheld("attributes." + name, why)));
        List<ProfileView.ListedIdentifier> kept = view.identifiers().stream()
                .filter(listed -> supplied.map(listed.identifier()::equals).orElse(false))
                .toList();
        int hidden = view.identifiers().size() - kept.size();
        if (hidden > 0) {
            String kinds = view.identifiers().stream().filter(listed -> !kept.contains(listed))
                    .map(listed -> listed.identifier().kind().storageName()).distinct().sorted()
                    .collect(Collectors.joining(", "));
            withheld.add(new Withheld("identifiers", hidden + " identifier" + (hidden == 1 ? "" : "s") + " ("
                    + kinds + ") beyond the one looked up " + why));
        }
        return new ConsentedProfile(new ProfileView(view.profileId(), kept, Map.of(), view.createdAt(),
                view.updatedAt()), withheld, Optional.of(decision));
    }

    /** @param decision the decision the read followed; empty when the purpose needs no consent */
    public record ConsentedProfile(ProfileView view, List<Withheld> withheld, Optional<ConsentDecision> decision) {
        public ConsentedProfile {
            withheld = List.copyOf(withheld);
        }
    }

    /** @param field the response path, e.g. {@code attributes.given_name} */
    public record Withheld(String field, String reason) {
    }
}
