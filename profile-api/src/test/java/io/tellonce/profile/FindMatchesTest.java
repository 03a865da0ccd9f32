package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.crm;
import static io.tellonce.profile.support.Requests.identifier;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.google.type.Date;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.matching.MatchModel;
import io.tellonce.matching.ModelJson;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.DuplicatePair;
import io.tellonce.proto.v1.FieldEvidence;
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

    @Inject
    CqlSession session;

    @Inject
    ModelJson models;

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
                .newBuilder().setPageSize(501).setPageToken("nonsense").build())))
                .containsExactlyInAnyOrder("page_size", "page_token");
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
