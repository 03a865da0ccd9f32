package io.tellonce.profile.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import io.grpc.Status;
import io.tellonce.identity.ConcurrentResolutionException;
import io.tellonce.identity.ProfileLockLost;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.app.ProfileNotFound;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureStatusTest {
    private final FailureStatus failures = new FailureStatus();

    private Status.Code code(Throwable failure) {
        return failures.of(new CompletionException(failure)).getStatus().getCode();
    }

    @Test
    void storesThatCannotAnswerAreUnavailableNotInternal() {
        assertThat(code(new NoNodeAvailableException())).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(code(new DriverTimeoutException("timed out"))).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(code(new ConnectException("refused"))).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void domainFailuresKeepTheirMeaning() {
        assertThat(code(new InvalidRequest("identifiers", "must not be empty"))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(new ProfileNotFound("profile id x"))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(new ConcurrentResolutionException("busy"))).isEqualTo(Status.Code.ABORTED);
    }

    @Test
    void aLockThatExpiredUnderItsHolderIsARetryableConflict() {
        assertThat(code(new ProfileLockLost("the lock of profile x expired"))).isEqualTo(Status.Code.ABORTED);
    }

    @Test
    void anythingElseIsInternalWithoutLeakingDetails() {
        var status = failures.of(new IllegalStateException("secret detail")).getStatus();
        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).doesNotContain("secret detail").contains("internal error");
    }
}
