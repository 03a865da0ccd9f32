package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.crm;
import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.phone;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.Requests.whatsapp;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.GetIndexStatusRequest;
import io.tellonce.proto.v1.GetIndexStatusResponse;
import io.tellonce.proto.v1.HistoryServiceGrpc;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.OpenCaseRequest;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ReindexRequest;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.MergeProfilesResponse;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.PostalAddress;
import io.tellonce.proto.v1.ProfileSearchFilter;
import io.tellonce.proto.v1.ProfileSearchHit;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.SearchProfilesRequest;
import io.tellonce.proto.v1.SearchProfilesResponse;
import io.tellonce.proto.v1.SearchServiceGrpc;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Agents' typeahead through gRPC on the real stores: a profile written through Resolve becomes
 * searchable through the change log and the indexer, by a misspelt or unaccented name, the start of
 * an e-mail, the last digits of a phone, an id or a handle, in its own tenant only.
 */
@MicronautTest
class SearchProfilesTest extends ServiceTest {
    private static final Duration INDEXED = Duration.ofSeconds(20);

    @jakarta.inject.Inject
    io.tellonce.search.IndexBootstrap bootstrap;

    SearchProfilesTest() {
        super("it_search");
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity(String tenant) {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), tenant);
    }

    private SearchProfilesResponse search(String tenant, SearchProfilesRequest request) {
        return asTenant(SearchServiceGrpc.newBlockingStub(service.channel()), tenant).searchProfiles(request);
    }

    private static SearchProfilesRequest query(String text) {
        return SearchProfilesRequest.newBuilder().setQuery(text).build();
    }

    private String person(String tenant, String given, String family, String locality, Identifier... identifiers) {
        return identity(tenant).resolve(ResolveRequest.newBuilder().setSourceSystem("crm")
                .addAllIdentifiers(List.of(identifiers))
                .setAttributes(PersonAttributes.newBuilder().setGivenName(given).setFamilyName(family)
                        .setAddress(PostalAddress.newBuilder().setLocality(locality).setPostalCode("SW1A 1AA")))
                .build()).getProfileId();
    }

    /** The profile ids of the hits, once the first hit is the expected profile. */
    private List<String> firstHitEventually(String tenant, SearchProfilesRequest request, String expected) {
        SearchProfilesResponse response = Eventually.await("search " + request.getQuery() + " finds " + expected,
                INDEXED, () -> search(tenant, request),
                found -> found.getHitsCount() > 0 && found.getHits(0).getProfile().getProfileId().equals(expected));
        return response.getHitsList().stream().map(hit -> hit.getProfile().getProfileId()).toList();
    }

    @Test
    void findsThePersonByMisspeltFoldedNamesAndContactFragments() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String mail = "zoe.muller." + tag + "@example.com";
        String phoneNumber = "+4477009" + (10_000 + (int) (Math.random() * 89_999));
        String zoe = person("acme", "Zoë", "Müller" + tag, "Zürich", email(mail), phone(phoneNumber),
                crm("CRM-" + tag), whatsapp("+4477001" + tag.hashCode() % 1000));
        person("acme", "Zoe", "Miller" + tag, "London", email(uniqueEmail("other")));

        firstHitEventually("acme", query("zoe muller" + tag), zoe);
        firstHitEventually("acme", query("ZOË MÜLLER" + tag), zoe);
        firstHitEventually("acme", query("zoe mulller" + tag), zoe);
        firstHitEventually("acme", query("zo"), zoe);
        firstHitEventually("acme", query("zoe.muller." + tag), zoe);
        firstHitEventually("acme", query(mail.toUpperCase()), zoe);
        firstHitEventually("acme", query(phoneNumber.substring(phoneNumber.length() - 4)), zoe);
        firstHitEventually("acme", query(phoneNumber.substring(phoneNumber.length() - 6)), zoe);
        firstHitEventually("acme", query("0" + phoneNumber.substring(3)), zoe);
        firstHitEventually("acme", query("crm-" + tag), zoe);

        ProfileSearchHit byMail = search("acme", query(mail)).getHits(0);
        assertThat(byMail.getMatchedList()).contains("email");
        assertThat(byMail.getProfile().getAttributes().getGivenName()).as("the profile comes from Cassandra, unfolded")
                .isEqualTo("Zoë");
        ProfileSearchHit byName = search("acme", query("zoe muller" + tag)).getHits(0);
        assertThat(byName.getMatchedList()).contains("name");
        assertThat(byName.getNameHighlightsList()).anyMatch(h -> h.contains("<em>"));
    }

    @Test
    void filtersNarrowTheHits() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String inZurich = person("acme", "Ida", "Berg" + tag, "Zürich", email(uniqueEmail("ida")));
        String inLondon = person("acme", "Ida", "Berg" + tag, "London", email(uniqueEmail("ida")),
                whatsapp("+4477002" + Math.abs(tag.hashCode() % 100000)));
        firstHitEventually("acme", SearchProfilesRequest.newBuilder().setQuery("ida berg" + tag)
                .setFilter(ProfileSearchFilter.newBuilder().setLocality("zurich")).build(), inZurich);
        List<String> onWhatsapp = firstHitEventually("acme", SearchProfilesRequest.newBuilder()
                .setQuery("ida berg" + tag).setFilter(ProfileSearchFilter.newBuilder().setChannel("whatsapp")).build(),
                inLondon);
        assertThat(onWhatsapp).containsExactly(inLondon);

        asTenant(HistoryServiceGrpc.newBlockingStub(service.channel()), "acme").openCase(OpenCaseRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setProfileId(inZurich)).setTitle("Refund").setTopic("billing")
                .setActor("agent-1").build());
        List<String> withOpenCase = firstHitEventually("acme", SearchProfilesRequest.newBuilder()
                .setQuery("ida berg" + tag).setFilter(ProfileSearchFilter.newBuilder().setHasOpenCase(true)).build(),
                inZurich);
        assertThat(withOpenCase).containsExactly(inZurich);
    }

    @Test
    void oneTenantNeverSeesAnothersPeople() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String mail = uniqueEmail("shared");
        String ours = person("acme", "Noor", "Haddad" + tag, "Leeds", email(mail));
        String theirs = person("globex", "Noor", "Haddad" + tag, "Leeds", email(mail));
        assertThat(firstHitEventually("acme", query("noor haddad" + tag), ours)).doesNotContain(theirs);
        assertThat(firstHitEventually("globex", query(mail), theirs)).doesNotContain(ours);
    }

    @Test
    void aMergedProfileAppearsOnceAndReappearsAfterUnmerge() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String first = person("acme", "Omar", "Sayed" + tag, "Leeds", email(uniqueEmail("omar")));
        String second = person("acme", "Omar", "Sayed" + tag, "Leeds", email(uniqueEmail("omar")));
        Eventually.await("both indexed", INDEXED, () -> search("acme", query("omar sayed" + tag)),
                found -> found.getHitsCount() == 2);

        MergeProfilesResponse merged = identity("acme").mergeProfiles(MergeProfilesRequest.newBuilder()
                .addProfileIds(first).addProfileIds(second).setActor("sup-1").setReason("same person").build());
        SearchProfilesResponse once = Eventually.await("the merged profile once", INDEXED,
                () -> search("acme", query("omar sayed" + tag)), found -> found.getTotalSize() == 1);
        assertThat(once.getHits(0).getProfile().getProfileId()).isEqualTo(merged.getProfileId());

        identity("acme").unmergeProfile(UnmergeProfileRequest.newBuilder().setMergeId(merged.getMergeId())
                .setActor("sup-1").setReason("different people").build());
        SearchProfilesResponse both = Eventually.await("both again", INDEXED,
                () -> search("acme", query("omar sayed" + tag)), found -> found.getTotalSize() == 2);
        assertThat(both.getHitsList()).extracting(hit -> hit.getProfile().getProfileId())
                .containsExactlyInAnyOrder(first, second);
    }

    @Test
    void pagesThroughManyHits() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 25; i++) {
            person("acme", "Page" + tag, "Person" + i, "York", email(uniqueEmail("page")));
        }
        Eventually.await("all indexed", INDEXED, () -> search("acme", query("page" + tag)),
                found -> found.getTotalSize() == 25);
        SearchProfilesResponse first = search("acme", query("page" + tag).toBuilder().setPageSize(10).build());
        SearchProfilesResponse second = search("acme", query("page" + tag).toBuilder().setPageSize(10)
                .setPageToken(first.getNextPageToken()).build());
        SearchProfilesResponse third = search("acme", query("page" + tag).toBuilder().setPageSize(10)
                .setPageToken(second.getNextPageToken()).build());
        assertThat(third.getHitsCount()).isEqualTo(5);
        assertThat(third.getNextPageToken()).isEmpty();
        assertThat(List.of(first, second, third)).flatExtracting(SearchProfilesResponse::getHitsList)
                .extracting(hit -> hit.getProfile().getProfileId()).doesNotHaveDuplicates().hasSize(25);
    }

    @Test
    void reindexMovesTheAliasWithoutAGapInSearch() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String before = person("acme", "Rhea", "Index" + tag, "Bath", email(uniqueEmail("rhea")));
        firstHitEventually("acme", query("rhea index" + tag), before);
        List<String> misses = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean searching = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread agent = new Thread(() -> {
            while (searching.get()) {
                try {
                    SearchProfilesResponse found = search("acme", query("rhea index" + tag));
                    if (found.getHitsList().stream().noneMatch(h -> h.getProfile().getProfileId().equals(before))) {
                        misses.add("not found");
                    }
                } catch (RuntimeException e) {
                    misses.add(e.toString());
                }
            }
        });
        agent.start();
        String rebuilt = asTenant(SearchServiceGrpc.newBlockingStub(service.channel()), "acme")
                .reindex(ReindexRequest.getDefaultInstance()).getIndex();
        String during = person("acme", "Rhea", "Index" + tag, "Bath", email(uniqueEmail("rhea")));
        Eventually.await("the alias on the rebuilt index", INDEXED, this::indexStatus,
                status -> status.getBuildingCount() == 0 && status.getIndexesList().equals(List.of(rebuilt)));
        firstHitEventually("acme", query("rhea index" + tag), before);
        Eventually.await("the profile written during the rebuild", INDEXED,
                () -> search("acme", query("rhea index" + tag)), found -> found.getTotalSize() == 2);
        searching.set(false);
        agent.join();
        assertThat(misses).as("search answered throughout the rebuild").isEmpty();
        assertThat(during).isNotEqualTo(before);

        // Issue 17: starting again (as after a restart) must not create the version's plain index once
        // more beside the rebuilt one: nothing would read, update or erase that orphan.
        String plain = io.tellonce.search.SearchIndexes.PROFILES.indexName(service.namespace() + "_");
        Eventually.await("the index the alias left is deleted", Duration.ofSeconds(60), () -> indexExists(plain),
                exists -> !exists);
        assertThat(bootstrap.ensureIndexes()).isTrue();
        assertThat(indexExists(plain)).as(plain).isFalse();
    }

    private static boolean indexExists(String index) {
        io.tellonce.profile.support.DirectElasticsearch direct = new io.tellonce.profile.support.DirectElasticsearch();
        return direct.send(java.net.http.HttpRequest.newBuilder(direct.uri("/" + index))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build()).statusCode() == 200;
    }

    private GetIndexStatusResponse indexStatus() {
        return asTenant(SearchServiceGrpc.newBlockingStub(service.channel()), "acme")
                .getIndexStatus(GetIndexStatusRequest.getDefaultInstance());
    }

    @Test
    void badSearchesNameTheField() {
        assertThat(Failures.invalidFields(() -> search("acme", query("")))).containsExactly("query");
        assertThat(Failures.invalidFields(() -> search("acme", query("x".repeat(201))))).containsExactly("query");
        assertThat(Failures.invalidFields(() -> search("acme", query("ann").toBuilder().setPageSize(1000).build()))).containsExactly("page_size");
        assertThat(Failures.invalidFields(() -> search("acme", query("ann").toBuilder().setPageToken("bogus").build()))).containsExactly("page_token");
        assertThat(search("acme", query("ann")).getTotalSize()).isGreaterThanOrEqualTo(0);
    }
}
