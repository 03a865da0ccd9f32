package io.tellonce.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.tellonce.proto.v1.BatchCheckConsentRequest;
import io.tellonce.proto.v1.CheckConsentRequest;
import io.tellonce.proto.v1.DecideReviewItemRequest;
import io.tellonce.proto.v1.GetConsentHistoryRequest;
import io.tellonce.proto.v1.GetConsentsRequest;
import io.tellonce.proto.v1.QueryAuditRequest;
import io.tellonce.proto.v1.SetConsentRequest;
import io.tellonce.proto.v1.GetIdentityGraphRequest;
import io.tellonce.proto.v1.ListReviewItemsRequest;
import io.tellonce.proto.v1.MoveIdentifierRequest;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import io.tellonce.proto.v1.ResolveRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every request body in the README's grpcurl walk-through parses as the request of the method it calls. */
class ReadmeExamplesTest {
    private static final Pattern CALL = Pattern.compile(
            "-d '(\\{.*?})'\\s*\\\\?\\s*127\\.0\\.0\\.1:50051 tellonce\\.v1\\.\\w+/(\\w+)", Pattern.DOTALL);
    private static final Map<String, Supplier<Message.Builder>> REQUESTS = Map.ofEntries(
            Map.entry("Resolve", ResolveRequest::newBuilder),
            Map.entry("GetProfile", GetProfileRequest::newBuilder),
            Map.entry("GetIdentityGraph", GetIdentityGraphRequest::newBuilder),
            Map.entry("MergeProfiles", MergeProfilesRequest::newBuilder),
            Map.entry("UnmergeProfile", UnmergeProfileRequest::newBuilder),
            Map.entry("ListReviewItems", ListReviewItemsRequest::newBuilder),
            Map.entry("DecideReviewItem", DecideReviewItemRequest::newBuilder),
            Map.entry("MoveIdentifier", MoveIdentifierRequest::newBuilder),
            Map.entry("SetConsent", SetConsentRequest::newBuilder),
            Map.entry("CheckConsent", CheckConsentRequest::newBuilder),
            Map.entry("BatchCheckConsent", BatchCheckConsentRequest::newBuilder),
            Map.entry("GetConsents", GetConsentsRequest::newBuilder),
            Map.entry("GetConsentHistory", GetConsentHistoryRequest::newBuilder),
            Map.entry("QueryAudit", QueryAuditRequest::newBuilder));

    @Test
    void everyGrpcurlExampleIsAValidRequest() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher calls = CALL.matcher(readme);
        List<String> methods = new ArrayList<>();
        while (calls.find()) {
            String json = calls.group(1);
            String method = calls.group(2);
            methods.add(method);
            assertThat(REQUESTS).as("README calls " + method).containsKey(method);
            assertThatCode(() -> JsonFormat.parser().merge(json, REQUESTS.get(method).get()))
                    .as("README example for " + method + ":\n" + json)
                    .doesNotThrowAnyException();
        }
        assertThat(methods).containsAll(REQUESTS.keySet());
    }
}
