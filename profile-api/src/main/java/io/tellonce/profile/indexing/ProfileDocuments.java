package io.tellonce.profile.indexing;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.search.ProfileDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What of a profile goes into the search index: names, contact points, ids and handles, place, and
 * the blocking keys by which fuzzy matching finds it.
 */
final class ProfileDocuments {
    private ProfileDocuments() {
    }

    /**
     * @param matchKeys   the profile's blocking keys for fuzzy matching ({@code PersonRecords})
     * @param matchRecord the fields fuzzy matching scores the profile on ({@code PersonRecords.stored})
     */
    static ProfileDocument of(TenantId tenant, ProfileView view, boolean hasOpenCase, List<String> matchKeys,
                              Map<String, String> matchRecord) {
        Map<String, String> attributes = view.attributes();
        List<String> names = new ArrayList<>();
        String given = attributes.getOrDefault("given_name", "");
        String family = attributes.getOrDefault("family_name", "");
        if (!(given + family).isBlank()) {
            names.add((given + " " + family).strip());
        }
        if (attributes.containsKey("full_name")) {
            names.add(attributes.get("full_name"));
        }
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Set<String> channels = new LinkedHashSet<>();
        for (ProfileView.ListedIdentifier listed : view.identifiers()) {
            Identifier id = listed.identifier();
            switch (id.kind()) {
                case EMAIL -> emails.add(id.value());
                case PHONE -> phones.add(id.value());
                case DEVICE_ID, COOKIE_ID -> {
                    // Device and cookie ids are not something an agent searches by.
                }
                default -> ids.add(id.value());
            }
            channels.add(channel(id));
        }
        return new ProfileDocument(tenant.value(), view.profileId().toString(), names, emails, phones, ids,
                List.copyOf(channels), attributes.get("address.locality"), attributes.get("address.postal_code"),
                hasOpenCase, view.updatedAt(), matchKeys, matchRecord);
    }

    /** The channel an identifier reaches the person on: the kind, or a handle's network (whatsapp). */
    private static String channel(Identifier id) {
        return id.kind() == IdentifierKind.CHANNEL_HANDLE || id.kind() == IdentifierKind.SOCIAL_HANDLE
                ? id.namespace() : id.kind().storageName();
    }
}
