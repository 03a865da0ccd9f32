package io.tellonce.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.tellonce.profile.security.CallerRole;
import io.tellonce.profile.security.RpcPermissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every request body in the README's grpcurl walk-through parses as the request of the method it
 * calls, and every RPC of every service the README shows has an example.
 */
class ReadmeExamplesTest {
    private static final Pattern CALL = Pattern.compile(
            "grpcurl -plaintext ((?:-H \"[^\"]*\" )*)-d '(\\{.*?})'\\s*\\\\?\\s*127\\.0\\.0\\.1:50051 tellonce\\.v1\\.(\\w+)/(\\w+)",
            Pattern.DOTALL);
    private static final Pattern BEARER = Pattern.compile("-H \"authorization: Bearer \\$([A-Z_]+)_TOKEN\" ");
    private static final Pattern ROLE_ROW = Pattern.compile("^\\| `(\\w+Service/\\w+)` \\| ([a-z, -]+) \\|$", Pattern.MULTILINE);
    private final RpcPermissions permissions = new RpcPermissions();

    @Test
    void everyGrpcurlExampleIsAValidRequest() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher calls = CALL.matcher(readme);
        Map<String, Set<String>> shown = new TreeMap<>();
        while (calls.find()) {
            String json = calls.group(2);
            Descriptors.ServiceDescriptor service = service(calls.group(3));
            Descriptors.MethodDescriptor method = service.findMethodByName(calls.group(4));
            assertThat(method).as("README calls " + calls.group(3) + "/" + calls.group(4)).isNotNull();
            Matcher bearer = BEARER.matcher(calls.group(1));
            assertThat(bearer.matches()).as("README example for %s sends exactly one development token as"
                    + " -H \"authorization: Bearer $ROLE_TOKEN\"", method.getFullName()).isTrue();
            String role = bearer.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
            String rpc = service.getFullName() + "/" + method.getName();
            assertThat(permissions.rolesFor(rpc)).extracting(CallerRole::claimValue)
                    .as("roles allowed to call %s, which the README calls as %s", rpc, role)
                    .contains(role);
            shown.computeIfAbsent(service.getName(), s -> new TreeSet<>()).add(method.getName());
            assertThatCode(() -> JsonFormat.parser().merge(json, DynamicMessage.newBuilder(method.getInputType())))
                    .as("README example for " + method.getFullName() + ":\n" + json)
                    .doesNotThrowAnyException();
        }
        assertThat(shown).containsKeys("IdentityService", "ProfileService", "SearchService", "MatchingService");
        shown.forEach((name, methods) -> assertThat(methods).as("README examples of " + name)
                .containsAll(service(name).getMethods().stream().map(Descriptors.MethodDescriptor::getName).toList()));
    }

    @Test
    void theReadmeRoleTableIsTheOneTheServiceEnforces() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Map<String, String> documented = new TreeMap<>();
        Matcher rows = ROLE_ROW.matcher(readme);
        while (rows.find()) {
            documented.put("tellonce.v1." + rows.group(1), rows.group(2));
        }
        Map<String, String> enforced = new TreeMap<>();
        permissions.table().forEach((rpc, roles) -> enforced.put(rpc,
                roles.stream().map(CallerRole::claimValue).sorted().collect(Collectors.joining(", "))));
        assertThat(documented).isEqualTo(enforced);
    }

    /** The service's descriptor, from its generated stub class. */
    private static Descriptors.ServiceDescriptor service(String name) {
        try {
            Class<?> stubs = Class.forName("io.tellonce.proto.v1." + name + "Grpc");
            ServiceDescriptor service = (ServiceDescriptor) stubs.getMethod("getServiceDescriptor").invoke(null);
            return ((ProtoServiceDescriptorSupplier) service.getSchemaDescriptor()).getServiceDescriptor();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("README names an unknown service " + name, e);
        }
    }
}
