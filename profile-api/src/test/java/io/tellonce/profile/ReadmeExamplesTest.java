package io.tellonce.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every request body in the README's grpcurl walk-through parses as the request of the method it
 * calls, and every RPC of every service the README shows has an example.
 */
class ReadmeExamplesTest {
    private static final Pattern CALL = Pattern.compile(
            "-d '(\\{.*?})'\\s*\\\\?\\s*127\\.0\\.0\\.1:50051 tellonce\\.v1\\.(\\w+)/(\\w+)", Pattern.DOTALL);

    @Test
    void everyGrpcurlExampleIsAValidRequest() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher calls = CALL.matcher(readme);
        Map<String, Set<String>> shown = new TreeMap<>();
        while (calls.find()) {
            String json = calls.group(1);
            Descriptors.ServiceDescriptor service = service(calls.group(2));
            Descriptors.MethodDescriptor method = service.findMethodByName(calls.group(3));
            assertThat(method).as("README calls " + calls.group(2) + "/" + calls.group(3)).isNotNull();
            shown.computeIfAbsent(service.getName(), s -> new TreeSet<>()).add(method.getName());
            assertThatCode(() -> JsonFormat.parser().merge(json, DynamicMessage.newBuilder(method.getInputType())))
                    .as("README example for " + method.getFullName() + ":\n" + json)
                    .doesNotThrowAnyException();
        }
        assertThat(shown).containsKeys("IdentityService", "ProfileService", "SearchService", "MatchingService");
        shown.forEach((name, methods) -> assertThat(methods).as("README examples of " + name)
                .containsAll(service(name).getMethods().stream().map(Descriptors.MethodDescriptor::getName).toList()));
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
