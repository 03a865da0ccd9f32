package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.crm;
import static io.tellonce.profile.support.Requests.identifier;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.type.Date;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.matching.MatchModel;
import io.tellonce.matching.ModelJson;
import io.tellonce.profile.support.DirectElasticsearch;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.DuplicatePair;
import io.tellonce.proto.v1.EstimateMatchModelRequest;
import io.tellonce.proto.v1.EstimateMatchModelResponse;
import io.tellonce.proto.v1.FieldEvidence;
import io.tellonce.proto.v1.FieldModel;
import io.tellonce.proto.v1.FindMatchesRequest;
import io.tellonce.proto.v1.FindMatchesResponse;
import io.tellonce.proto.v1.GetIdentityGraphRequest;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import io.tellonce.proto.v1.IdentityLink;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.ListReviewItemsRequest;
import io.tellonce.proto.v1.MatchCandidate;
import io.tellonce.proto.v1.MatchDecision;
import io.tellonce.proto.v1.MatchObservation;
import io.tellonce.proto.v1.MatchingServiceGrpc;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.PostalAddress;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ResolveOutcome;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.ResolveResponse;
import io.tellonce.proto.v1.ReviewItem;
import io.tellonce.proto.v1.ScanDuplicatesRequest;
import io.tellonce.proto.v1.ScanDuplicatesResponse;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Fuzzy matching through gRPC on the real stores: candidates by blocking keys from the profile index,
 * read back from Cassandra and scored with per-field evidence that adds up to the score; inline in
 * Resolve (on in this class), a probable match opens a review item and merges nothing unless the
 * tenant enabled auto-merge, and an automatic merge is undone like any other.
 */
@MicronautTest
class FindMatchesTest extends ServiceTest {
    private static final Duration INDEXED = Duration.ofSeconds(20);
    private static final String AUTO_MERGING_TENANT = "automerge";
    private static final String SCANNED_TENANT = "scanned";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CqlSession session;

    @Inject
    ModelJson models;

    private final DirectElasticsearch elasticsearch = new DirectElasticsearch();

    FindMatchesTest() {
        super("it_matching");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tellonce.matching.inline", "true");
        properties.put("tellonce.matching.tenants." + AUTO_MERGING_TENANT + ".auto-merge", "true");
        // The scan's tenant: no inline matching (the scan finds the pairs), and a stricter shadow policy.
        properties.put("tellonce.matching.tenants." + SCANNED_TENANT + ".inline", "false");
        properties.put("tellonce.matching.tenants." + SCANNED_TENANT + ".shadow.review-threshold", "0.999");
        return properties;
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity(String tenant) {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), tenant);
    }

    private MatchingServiceGrpc.MatchingServiceBlockingStub matching(String tenant) {
        return asTenant(MatchingServiceGrpc.newBlockingStub(service.channel()), tenant);
    }

    private static String tenant(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static PersonAttributes person(String given, String family, Date born, String street, String postcode,
                                           String locality) {
        return PersonAttributes.newBuilder().setGivenName(given).setFamilyName(family).setDateOfBirth(born)
                .setAddress(PostalAddress.newBuilder().addLines(street).setPostalCode(postcode).setLocality(locality))
                .build();
    }

    private static PersonAttributes jonSmyth() {
        return person("Jon", "Smyth", date(1980, 3, 14), "", "SW1A 1AA", "London");
    }

    private static PersonAttributes johnSmith() {
        return person("John", "Smith", date(1980, 3, 14), "", "SW1A1AA", "London");
    }

    private static Date date(int year, int month, int day) {
        return Date.newBuilder().setYear(year).setMonth(month).setDay(day).build();
    }

    private static Identifier loyalty(String value) {
        return identifier(IdentifierKind.IDENTIFIER_KIND_LOYALTY_ID, "", value);
    }

    private ResolveResponse resolve(String tenant, PersonAttributes attributes, Identifier identifier) {
        return identity(tenant).resolve(ResolveRequest.newBuilder().setSourceSystem("shop")
                .addIdentifiers(identifier).setAttributes(attributes).build());
    }

    private static FindMatchesRequest forObservation(PersonAttributes attributes) {
        return FindMatchesRequest.newBuilder().setObservation(MatchObservation.newBuilder().setAttributes(attributes))
                .build();
    }

    private static FindMatchesRequest forProfile(String profileId) {
        return FindMatchesRequest.newBuilder().setProfile(ProfileLookup.newBuilder().setProfileId(profileId)).build();
    }

    private static List<String> ids(FindMatchesResponse response) {
        return response.getCandidatesList().stream().map(MatchCandidate::getProfileId).toList();
    }

    /** Waits until the profile is indexed: FindMatches for its own attributes finds it. */
    private FindMatchesResponse findsEventually(String tenant, FindMatchesRequest request, String expected) {
        return Eventually.await("FindMatches finds " + expected, INDEXED, () -> matching(tenant).findMatches(request),
                found -> ids(found).contains(expected));
    }

    private static void assertAddsUp(MatchCandidate candidate) {
        double sum = candidate.getPriorWeight();
        for (FieldEvidence field : candidate.getFieldsList()) {
            sum += field.getContribution();
        }
        assertThat(sum).as("prior plus contributions is the weight").isEqualTo(candidate.getMatchWeight());
        assertThat(candidate.getMatchProbability())
                .isCloseTo(1 / (1 + Math.pow(2, -candidate.getMatchWeight())), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void jonSmythIsACandidateForJohnSmithWithAnExplanationThatAddsUp() {
        String tenant = tenant("acme");
        String jon = resolve(tenant, jonSmyth(), crm("CRM-" + UUID.randomUUID())).getProfileId();

        FindMatchesResponse found = findsEventually(tenant, forObservation(johnSmith()), jon);

        MatchCandidate candidate = found.getCandidates(0);
        assertThat(candidate.getProfileId()).isEqualTo(jon);
        assertThat(candidate.getProfile().getAttributes().getFamilyName()).isEqualTo("Smyth");
        assertThat(candidate.getMatchProbability()).isGreaterThan(0.9);
        assertThat(candidate.getDecision()).isEqualTo(MatchDecision.MATCH_DECISION_REVIEW);
        assertThat(candidate.getFieldsList()).extracting(FieldEvidence::getField, FieldEvidence::getLevel)
                .contains(org.assertj.core.groups.Tuple.tuple("date_of_birth", "exact"),
                        org.assertj.core.groups.Tuple.tuple("postcode", "exact"),
                        org.assertj.core.groups.Tuple.tuple("email", "missing"));
        assertThat(candidate.getFieldsList()).filteredOn(field -> field.getField().equals("family_name"))
                .singleElement().satisfies(field -> assertThat(field.getContribution()).isPositive());
        assertAddsUp(candidate);
        assertThat(found.getModel()).isEqualTo("default");
        assertThat(found.getAutoMergeThreshold()).as("auto-merge is off by default").isZero();

        // By profile: John Smith's own profile finds Jon's, never itself.
        String john = resolve(tenant, johnSmith(), loyalty("L-" + UUID.randomUUID())).getProfileId();
        FindMatchesResponse byProfile = matching(tenant).findMatches(forProfile(john));
        assertThat(ids(byProfile)).contains(jon).doesNotContain(john);
        byProfile.getCandidatesList().forEach(FindMatchesTest::assertAddsUp);
    }

    /**
     * The index only proposes: a candidate is answered on what Cassandra holds now. Here the index
     * is made to remember Maria as a second Jon Smyth (as if it lagged behind a change), and a
     * document from before the index kept the scored fields (version 3) has to be read to be scored.
     */
    @Test
    void theIndexProposesCandidatesButCassandraJudgesThem() throws IOException {
        String tenant = tenant("acme");
        String jon = resolve(tenant, jonSmyth(), crm("CRM-" + UUID.randomUUID())).getProfileId();
        PersonAttributes mariaNow = person("Maria", "Garcia", date(1955, 11, 2), "4 Rue Lepic", "75018", "Paris");
        String maria = resolve(tenant, mariaNow, crm("CRM-" + UUID.randomUUID())).getProfileId();
        findsEventually(tenant, forObservation(mariaNow), maria);
        findsEventually(tenant, forObservation(johnSmith()), jon);
        ObjectNode jonIndexed = indexed(tenant, jon);

        ObjectNode mariaRemembered = indexed(tenant, maria);
        mariaRemembered.set("match_keys", jonIndexed.get("match_keys"));
        mariaRemembered.set("match_record", jonIndexed.get("match_record"));
        overwriteIndexed(tenant, maria, mariaRemembered);
        ObjectNode jonFromVersion3 = jonIndexed.deepCopy();
        jonFromVersion3.remove("match_record");
        overwriteIndexed(tenant, jon, jonFromVersion3);

        FindMatchesResponse found = matching(tenant).findMatches(forObservation(johnSmith()));

        assertThat(ids(found)).as("Maria is proposed as a Jon Smyth, and Cassandra says she is not").containsExactly(jon);
        MatchCandidate candidate = found.getCandidates(0);
        assertThat(candidate.getMatchProbability()).as("read back and scored although the index kept no fields")
                .isGreaterThan(0.9);
        assertThat(candidate.getProfile().getAttributes().getFamilyName()).isEqualTo("Smyth");
        assertAddsUp(candidate);
    }

    private ObjectNode indexed(String tenant, String profileId) throws IOException {
        HttpResponse<String> response = elasticsearch.send(HttpRequest.newBuilder(elasticsearch.uri(document(tenant, profileId)))
                .GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (ObjectNode) JSON.readTree(response.body()).get("_source");
    }

    /** Writes a document as the indexer never would, with a version no change of the test reaches. */
    private void overwriteIndexed(String tenant, String profileId, ObjectNode source) throws IOException {
        HttpResponse<String> response = elasticsearch.send(HttpRequest.newBuilder(elasticsearch.uri(document(tenant, profileId)
                        + "?version=9000000000000000000&version_type=external_gte&refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(source))).build());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private String document(String tenant, String profileId) {
        return "/" + service.namespace() + "_profiles/_doc/" + URLEncoder.encode(tenant + "/" + profileId, StandardCharsets.UTF_8);
    }

    @Test
    void unrelatedPeopleAndOtherTenantsAreNotCandidates() {
        String tenant = tenant("acme");
        String other = tenant("globex");
        PersonAttributes maria = person("Maria", "Garcia", date(1955, 11, 2), "4 Rue Lepic", "75018", "Paris");
        String mariaId = resolve(tenant, maria, crm("CRM-" + UUID.randomUUID())).getProfileId();
        String theirJon = resolve(other, jonSmyth(), crm("CRM-" + UUID.randomUUID())).getProfileId();
        findsEventually(tenant, forObservation(maria), mariaId);
        findsEventually(other, forObservation(johnSmith()), theirJon);

        assertThat(ids(matching(tenant).findMatches(forObservation(johnSmith()))))
                .doesNotContain(mariaId, theirJon);
        assertThat(ids(matching(tenant).findMatches(forObservation(johnSmith()).toBuilder().setMinProbability(0)
                .build()))).as("not even with no probability floor").doesNotContain(theirJon);
    }

    @Test
    void inlineMatchingOpensAReviewItemAndMergesNothingByDefault() {
        String tenant = tenant("acme");
        String jon = resolve(tenant, jonSmyth(), crm("CRM-" + UUID.randomUUID())).getProfileId();
        findsEventually(tenant, forObservation(jonSmyth()), jon);

        ResolveResponse john = resolve(tenant, johnSmith(), loyalty("L-" + UUID.randomUUID()));

        assertThat(john.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CREATED);
        assertThat(john.getProfileId()).isNotEqualTo(jon);
        assertThat(john.getMergeId()).isEmpty();
        assertThat(john.getReviewItemId()).isNotEmpty();
        assertThat(john.getExplanation()).contains("fuzzy match", jon, "review item " + john.getReviewItemId());
        ReviewItem item = identity(tenant).listReviewItems(ListReviewItemsRequest.getDefaultInstance())
                .getReviewItemsList().stream().filter(i -> i.getReviewItemId().equals(john.getReviewItemId()))
                .findFirst().orElseThrow();
        assertThat(item.getProfileIdsList()).containsExactlyInAnyOrder(jon, john.getProfileId());
        assertThat(item.getEvidence()).contains("date_of_birth exact");
        assertThat(identity(tenant).getIdentityGraph(GetIdentityGraphRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setProfileId(john.getProfileId())).build()).getProfileId())
                .as("still two people").isEqualTo(john.getProfileId());
    }

    @Test
    void autoMergeWhenTheTenantEnabledItLeavesAnUndoableMergeWithTheEvidence() {
        PersonAttributes amelia = person("Amelia", "Hartley", date(1991, 7, 30), "12 Orchard Lane", "BS8 4QT",
                "Bristol");
        String first = resolve(AUTO_MERGING_TENANT, amelia, crm("CRM-" + UUID.randomUUID())).getProfileId();
        findsEventually(AUTO_MERGING_TENANT, forObservation(amelia), first);

        ResolveResponse second = resolve(AUTO_MERGING_TENANT, amelia, loyalty("L-" + UUID.randomUUID()));

        assertThat(second.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_MERGED);
        assertThat(second.getProfileId()).isEqualTo(first);
        assertThat(second.getMergeId()).isNotEmpty();
        assertThat(second.getExplanation()).contains("merged automatically");
        List<IdentityLink> links = identity(AUTO_MERGING_TENANT).getIdentityGraph(GetIdentityGraphRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setProfileId(first)).build()).getLinksList();
        assertThat(links).anySatisfy(link -> {
            assertThat(link.getRule()).isEqualTo("fuzzy match");
            assertThat(link.getMergeId()).isEqualTo(second.getMergeId());
            assertThat(link.getEvidence()).contains("p=0.9999", "street exact");
        });

        List<String> apart = identity(AUTO_MERGING_TENANT).unmergeProfile(UnmergeProfileRequest.newBuilder()
                .setMergeId(second.getMergeId()).setActor("supervisor-1").setReason("not the same Amelia").build())
                .getProfileIdsList();
        assertThat(apart).hasSize(2).contains(first);
    }

    @Test
    void aTenantsOwnModelInCassandraScoresItsMatchesInsteadOfTheDefault() {
        String tenant = tenant("own");
        MatchModel even = new MatchModel(0.5, models.readDefault().fields());
        session.execute(SimpleStatement.newInstance("INSERT INTO match_model (tenant, version, model, description,"
                + " created_at) VALUES (?, 1, ?, 'an even prior', ?)", tenant, models.write(even), Instant.now()));
        String jon = resolve(tenant, jonSmyth(), crm("CRM-" + UUID.randomUUID())).getProfileId();

        FindMatchesResponse found = findsEventually(tenant, forObservation(johnSmith()), jon);

        assertThat(found.getModel()).isEqualTo("v1");
        assertThat(found.getCandidates(0).getPriorWeight()).as("log2 of even odds").isZero();
        assertAddsUp(found.getCandidates(0));
        assertThat(matching(tenant("other")).findMatches(forObservation(johnSmith())).getModel())
                .as("a tenant without a model of its own").isEqualTo("default");
    }

    @Test
    void theDuplicateScanReportsPairsWithTheShadowPolicysDecisionAndOpensReviewItemsUnlessDryRun() {
        String jon = resolve(SCANNED_TENANT, jonSmyth(), crm("CRM-" + UUID.randomUUID())).getProfileId();
        String john = resolve(SCANNED_TENANT, johnSmith(), loyalty("L-" + UUID.randomUUID())).getProfileId();
        PersonAttributes maria = person("Maria", "Garcia", date(1955, 11, 2), "4 Rue Lepic", "75018", "Paris");
        String mariaId = resolve(SCANNED_TENANT, maria, crm("CRM-" + UUID.randomUUID())).getProfileId();
        findsEventually(SCANNED_TENANT, forObservation(johnSmith()), jon);
        findsEventually(SCANNED_TENANT, forObservation(jonSmyth()), john);
        findsEventually(SCANNED_TENANT, forObservation(maria), mariaId);
        assertThat(identity(SCANNED_TENANT).listReviewItems(ListReviewItemsRequest.getDefaultInstance())
                .getReviewItemsList()).as("no inline matching in this tenant").isEmpty();

        ScanDuplicatesResponse dry = matching(SCANNED_TENANT).scanDuplicates(ScanDuplicatesRequest.newBuilder()
                .setDryRun(true).build());

        assertThat(dry.getProfilesScanned()).isEqualTo(3);
        assertThat(dry.getNextPageToken()).isEmpty();
        DuplicatePair pair = dry.getPairs(0);
        assertThat(dry.getPairsList()).hasSize(1);
        assertThat(List.of(pair.getProfileId(), pair.getOtherProfileId())).containsExactlyInAnyOrder(jon, john);
        assertThat(pair.getDecision()).isEqualTo(MatchDecision.MATCH_DECISION_REVIEW);
        assertThat(pair.getShadowDecision()).as("p is about 0.99: under the shadow's 0.999")
                .isEqualTo(MatchDecision.MATCH_DECISION_NONE);
        assertThat(dry.getShadowDifferences()).isEqualTo(1);
        assertThat(pair.getReviewItemId()).isEmpty();
        assertThat(identity(SCANNED_TENANT).listReviewItems(ListReviewItemsRequest.getDefaultInstance())
                .getReviewItemsList()).as("a dry run writes nothing").isEmpty();

        ScanDuplicatesResponse first = matching(SCANNED_TENANT).scanDuplicates(ScanDuplicatesRequest.newBuilder()
                .setPageSize(2).build());
        ScanDuplicatesResponse rest = matching(SCANNED_TENANT).scanDuplicates(ScanDuplicatesRequest.newBuilder()
                .setPageSize(2).setPageToken(first.getNextPageToken()).build());
        assertThat(first.getProfilesScanned() + rest.getProfilesScanned()).isEqualTo(3);
        List<DuplicatePair> pairs = new java.util.ArrayList<>(first.getPairsList());
        pairs.addAll(rest.getPairsList());
        assertThat(pairs).singleElement().satisfies(p -> assertThat(p.getReviewItemId()).isNotEmpty());
        assertThat(identity(SCANNED_TENANT).listReviewItems(ListReviewItemsRequest.getDefaultInstance())
                .getReviewItemsList()).singleElement().satisfies(item -> assertThat(item.getProfileIdsList())
                        .containsExactlyInAnyOrder(jon, john));
        assertThat(Failures.invalidFields(() -> matching(SCANNED_TENANT).scanDuplicates(ScanDuplicatesRequest
                .newBuilder().setPageSize(501).build()))).containsExactly("page_size");
        assertThat(Failures.invalidFields(() -> matching(SCANNED_TENANT).scanDuplicates(ScanDuplicatesRequest
                .newBuilder().setPageToken("nonsense").build()))).containsExactly("page_token");
    }

    private static PersonAttributes johnSmithOfLeeds() {
        return person("John", "Smith", date(1980, 3, 14), "", "LS1 4AP", "Leeds");
    }

    /** Every stored row of the tenant in the tables a match could change: profiles, links, merges, review items. */
    private Map<String, List<String>> storedRows(String tenant) {
        Map<String, List<String>> rows = new java.util.TreeMap<>();
        for (String table : List.of("profile_cluster", "identity_node", "identity_link", "identity_merge",
                "review_item")) {
            rows.put(table, session.execute("SELECT JSON * FROM " + table).all().stream()
                    .map(row -> row.getString(0)).filter(json -> json.contains("\"tenant\": \"" + tenant + "\""))
                    .sorted().toList());
        }
        return rows;
    }

    private static EstimateMatchModelRequest estimate(int sampleSize, boolean shadow, String key) {
        return EstimateMatchModelRequest.newBuilder().setSampleSize(sampleSize).setShadow(shadow)
                .setIdempotencyKey(key).build();
    }

    @Test
    void estimateMatchModelLearnsTheTenantsModelFromItsOwnProfilesAndStoresItLiveOrAsShadow() {
        String tenant = tenant("learns");
        List<PersonAttributes> people = List.of(jonSmyth(), johnSmith(), johnSmithOfLeeds(),
                person("Maria", "Garcia", date(1955, 11, 2), "4 Rue Lepic", "75018", "Paris"),
                person("Mario", "Garcia", date(1955, 11, 2), "4 Rue Lepic", "75018", "Paris"),
                person("Amelia", "Hartley", date(1991, 7, 30), "12 Orchard Lane", "BS8 4QT", "Bristol"));
        for (PersonAttributes attributes : people) {
            String id = resolve(tenant, attributes, crm("CRM-" + UUID.randomUUID())).getProfileId();
            findsEventually(tenant, forObservation(attributes).toBuilder().setMinProbability(0).build(), id);
        }
        assertThat(Failures.code(() -> matching(tenant("empty")).estimateMatchModel(estimate(0, false, ""))))
                .as("nothing to learn from").isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(Failures.invalidFields(() -> matching(tenant).estimateMatchModel(estimate(20_001, false, "k"))))
                .containsExactly("sample_size");
        // Sizes are checked where the request enters, before anything else reads it (ADR 20).
        assertThat(Failures.invalidFields(() -> matching(tenant).estimateMatchModel(estimate(20_001, false, "k")
                .toBuilder().setDescription("x".repeat(201)).build()))).containsExactly("description");
        assertThat(Failures.invalidFields(() -> matching(tenant).estimateMatchModel(estimate(1, false, "bad key"))))
                .containsExactlyInAnyOrder("sample_size", "idempotency_key");
        assertThat(session.execute(SimpleStatement.newInstance("SELECT version FROM match_model WHERE tenant = ?",
                tenant)).all()).as("refused requests write nothing").isEmpty();

        String key = "estimate-" + UUID.randomUUID();
        EstimateMatchModelResponse live = matching(tenant).estimateMatchModel(estimate(0, false, key));

        assertThat(live.getVersion()).isEqualTo(1);
        assertThat(live.getShadow()).isFalse();
        assertThat(live.getRecordsUsed()).isEqualTo(people.size());
        assertThat(live.getCandidatePairs()).isPositive();
        assertThat(live.getRandomPairs()).isEqualTo(200_000);
        assertThat(live.getPrior()).isStrictlyBetween(0.0, 1.0);
        assertThat(live.getFieldsList()).extracting(FieldModel::getField).startsWith("given_name", "family_name");
        live.getFieldsList().forEach(field -> field.getLevelsList().forEach(level -> assertThat(level.getWeight())
                .isCloseTo(Math.log(level.getM() / level.getU()) / Math.log(2), org.assertj.core.data.Offset.offset(1e-9))));
        assertThat(live.getFields(1).getLevelsList()).filteredOn(level -> level.getLevel().contains("counted there"))
                .singleElement().satisfies(level -> assertThat(level.getWeight()).isZero());
        assertThat(matching(tenant).estimateMatchModel(estimate(0, false, key))).as("a retry").isEqualTo(live);
        FindMatchesResponse scored = matching(tenant).findMatches(forObservation(johnSmith()));
        assertThat(scored.getModel()).isEqualTo("v1");
        assertThat(scored.getShadowModel()).isEmpty();

        EstimateMatchModelResponse shadow = matching(tenant).estimateMatchModel(estimate(people.size(), true, ""));

        assertThat(shadow.getVersion()).isEqualTo(2);
        assertThat(shadow.getShadow()).isTrue();
        assertThat(shadow.getRecordsUsed()).isEqualTo(people.size());
        FindMatchesResponse shadowed = matching(tenant).findMatches(forObservation(johnSmith()));
        assertThat(shadowed.getModel()).as("the live model still scores").isEqualTo("v1");
        assertThat(shadowed.getShadowModel()).isEqualTo("v2");
        assertThat(shadowed.getCandidatesList()).allSatisfy(candidate -> {
            assertThat(candidate.getShadowDecision()).isNotEqualTo(MatchDecision.MATCH_DECISION_UNSPECIFIED);
            assertThat(candidate.getShadowMatchProbability()).isPositive();
        });
        assertThat(session.execute(SimpleStatement.newInstance("SELECT version, shadow FROM match_model WHERE tenant = ?",
                tenant)).all()).extracting(row -> row.getInt("version") + "/" + row.getBoolean("shadow"))
                .containsExactly("2/true", "1/false");

        matching(tenant).estimateMatchModel(estimate(0, false, ""));
        assertThat(matching(tenant).findMatches(forObservation(johnSmith())).getShadowModel())
                .as("a new live model ends the shadow run").isEmpty();
    }

    @Test
    void aShadowModelListsWhatItWouldDoDifferentlyAndChangesNoStoredRow() {
        String tenant = tenant("shadowed");
        String jon = resolve(tenant, jonSmyth(), crm("CRM-" + UUID.randomUUID())).getProfileId();
        findsEventually(tenant, forObservation(jonSmyth()), jon);
        // A shadow model that believes almost every candidate pair is one person: the same weights as
        // the default, a prior of 0.9999. John Smith of Leeds is far under the review threshold for the
        // live (default) model and far over it for this one.
        MatchModel credulous = new MatchModel(0.9999, models.readDefault().fields());
        session.execute(SimpleStatement.newInstance("INSERT INTO match_model (tenant, version, model, description,"
                + " created_at, shadow) VALUES (?, 1, ?, 'credulous', ?, true)", tenant, models.write(credulous),
                Instant.now()));

        ResolveResponse leeds = resolve(tenant, johnSmithOfLeeds(), loyalty("L-" + UUID.randomUUID()));

        assertThat(leeds.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CREATED);
        assertThat(leeds.getReviewItemId()).as("the live model suggests nothing").isEmpty();
        assertThat(leeds.getMergeId()).isEmpty();
        assertThat(leeds.getExplanation()).contains("no fuzzy match at or above the review threshold",
                "shadow (model v1) would have opened a review item with profile " + jon);
        findsEventually(tenant, forObservation(johnSmithOfLeeds()), leeds.getProfileId());
        Map<String, List<String>> before = storedRows(tenant);
        assertThat(before.get("review_item")).isEmpty();
        assertThat(before.get("identity_merge")).isEmpty();

        ScanDuplicatesResponse scan = matching(tenant).scanDuplicates(ScanDuplicatesRequest.getDefaultInstance());

        assertThat(scan.getShadowModel()).isEqualTo("v1");
        assertThat(scan.getShadowDifferences()).isEqualTo(1);
        assertThat(scan.getPairsList()).singleElement().satisfies(pair -> {
            assertThat(List.of(pair.getProfileId(), pair.getOtherProfileId()))
                    .containsExactlyInAnyOrder(jon, leeds.getProfileId());
            assertThat(pair.getDecision()).isEqualTo(MatchDecision.MATCH_DECISION_NONE);
            assertThat(pair.getMatchProbability()).isLessThan(0.9);
            assertThat(pair.getShadowDecision()).isEqualTo(MatchDecision.MATCH_DECISION_REVIEW);
            assertThat(pair.getShadowMatchProbability()).isGreaterThanOrEqualTo(0.9);
            assertThat(pair.getReviewItemId()).as("the shadow opens nothing, even on a real scan").isEmpty();
        });
        FindMatchesResponse found = matching(tenant).findMatches(forObservation(johnSmithOfLeeds()).toBuilder()
                .setMinProbability(0).build());
        assertThat(found.getShadowModel()).isEqualTo("v1");
        assertThat(found.getCandidatesList()).filteredOn(c -> c.getProfileId().equals(jon)).singleElement()
                .satisfies(candidate -> {
                    assertThat(candidate.getDecision()).isEqualTo(MatchDecision.MATCH_DECISION_NONE);
                    assertThat(candidate.getShadowDecision()).isEqualTo(MatchDecision.MATCH_DECISION_REVIEW);
                    assertAddsUp(candidate);
                });
        assertThat(storedRows(tenant)).as("no profile, link, merge or review item changed").isEqualTo(before);
    }

    @Test
    void badInputNamesTheFieldAndAnUnknownProfileIsNotFound() {
        MatchingServiceGrpc.MatchingServiceBlockingStub stub = matching("acme");
        assertThat(Failures.invalidFields(() -> stub.findMatches(FindMatchesRequest.getDefaultInstance())))
                .containsExactly("observation");
        assertThat(Failures.invalidFields(() -> stub.findMatches(forObservation(johnSmith()).toBuilder()
                .setMaxResults(101).setMinProbability(1.5).build())))
                .containsExactlyInAnyOrder("max_results", "min_probability");
        assertThat(Failures.invalidFields(() -> stub.findMatches(FindMatchesRequest.newBuilder()
                .setObservation(MatchObservation.newBuilder().addIdentifiers(identifier(
                        IdentifierKind.IDENTIFIER_KIND_EMAIL, "", "not an e-mail"))).build())))
                .containsExactly("observation.identifiers[0].value");
        assertThat(Failures.invalidFields(() -> stub.findMatches(forProfile("not-a-uuid"))))
                .containsExactly("profile.profile_id");
        assertThat(Failures.code(() -> stub.findMatches(forProfile(UUID.randomUUID().toString()))))
                .isEqualTo(Status.Code.NOT_FOUND);
    }
}
