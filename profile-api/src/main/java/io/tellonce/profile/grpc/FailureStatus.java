package io.tellonce.profile.grpc;

import co.elastic.clients.transport.TransportException;
import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ResourceInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.tellonce.identity.ClusterChangedException;
import io.tellonce.identity.ConcurrentResolutionException;
import io.tellonce.identity.MergeRefused;
import io.tellonce.identity.ProfileLockLost;
import io.tellonce.identity.UnidentifiableObservation;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.app.MergeNotFound;
import io.tellonce.profile.app.PreconditionFailed;
import io.tellonce.profile.app.RecordNotFound;
import io.tellonce.profile.app.ReviewItemNotFound;
import io.tellonce.profile.app.ProfileNotFound;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become gRPC statuses, with google.rpc details where they help the
 * caller. A store that cannot answer is UNAVAILABLE (retry later), never INTERNAL.
 */
@Singleton
public final class FailureStatus {
    private static final Logger LOG = LoggerFactory.getLogger(FailureStatus.class);
    private static final int MAX_VIOLATIONS = 10;
    private static final int MAX_FIELD_LENGTH = 100;
    private static final int MAX_DESCRIPTION_LENGTH = 200;
    private static final int MAX_MESSAGE_LENGTH = 500;

    public StatusRuntimeException of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StatusRuntimeException status) {
            return status;
        }
        if (cause instanceof InvalidRequest invalid) {
            return invalidArgument(invalid);
        }
        if (cause instanceof ProfileNotFound notFound) {
            return status(Code.NOT_FOUND, notFound.getMessage(), Any.pack(ResourceInfo.newBuilder()
                    .setResourceType("tellonce.v1.Profile").setResourceName(bounded(notFound.lookup(), MAX_FIELD_LENGTH))
                    .setDescription("no such profile in this tenant").build()));
        }
        if (cause instanceof MergeNotFound notFound) {
            return status(Code.NOT_FOUND, notFound.getMessage(), Any.pack(ResourceInfo.newBuilder()
                    .setResourceType("tellonce.v1.Merge").setResourceName(notFound.mergeId().toString())
                    .setDescription("no such merge in this tenant").build()));
        }
        if (cause instanceof ReviewItemNotFound notFound) {
            return status(Code.NOT_FOUND, notFound.getMessage(), Any.pack(ResourceInfo.newBuilder()
                    .setResourceType("tellonce.v1.ReviewItem").setResourceName(notFound.item().toString())
                    .setDescription("no such review item in this tenant").build()));
        }
        if (cause instanceof RecordNotFound notFound) {
            return status(Code.NOT_FOUND, notFound.getMessage(), Any.pack(ResourceInfo.newBuilder()
                    .setResourceType(notFound.resourceType()).setResourceName(bounded(notFound.name(), MAX_FIELD_LENGTH))
                    .setDescription("not found in this tenant").build()));
        }
        if (cause instanceof UnidentifiableObservation unidentifiable) {
            return invalidArgument(new InvalidRequest("identifiers", unidentifiable.getMessage()));
        }
        if (cause instanceof PreconditionFailed || cause instanceof MergeRefused) {
            return status(Code.FAILED_PRECONDITION, cause.getMessage());
        }
        // A lock that expired under its holder is a conflict like any other: what it meant to write was
        // refused or given back, and trying again is safe (ADR 21).
        if (cause instanceof ConcurrentResolutionException || cause instanceof ClusterChangedException
                || cause instanceof ProfileLockLost) {
            return status(Code.ABORTED, cause.getMessage() + "; retry the request");
        }
        if (cause instanceof RejectedExecutionException) {
            return status(Code.RESOURCE_EXHAUSTED, "too many merges and profile operations in flight; retry with back-off");
        }
        if (storeUnavailable(cause)) {
            LOG.warn("a store could not answer: {}", cause.toString());
            return status(Code.UNAVAILABLE, "a data store is unavailable; retry with back-off ("
                    + cause.getClass().getSimpleName() + ")");
        }
        String errorId = UUID.randomUUID().toString();
        LOG.error("internal error {}", errorId, cause);
        return status(Code.INTERNAL, "internal error " + errorId + "; the service log has the details");
    }

    private static boolean storeUnavailable(Throwable cause) {
        return cause instanceof AllNodesFailedException
                || cause instanceof DriverTimeoutException
                || cause instanceof ClosedConnectionException
                || cause instanceof HeartbeatException
                || cause instanceof UnavailableException
                || cause instanceof QueryConsistencyException
                || cause instanceof OverloadedException
                || cause instanceof TransportException
                || cause instanceof IOException;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static StatusRuntimeException invalidArgument(InvalidRequest invalid) {
        BadRequest.Builder details = BadRequest.newBuilder();
        List<FieldViolation> violations = invalid.violations();
        for (FieldViolation violation : violations.subList(0, Math.min(violations.size(), MAX_VIOLATIONS))) {
            details.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                    .setField(bounded(violation.field(), MAX_FIELD_LENGTH))
                    .setDescription(bounded(violation.description(), MAX_DESCRIPTION_LENGTH)));
        }
        String message = violations.size() > MAX_VIOLATIONS
                ? invalid.getMessage() + " (and " + (violations.size() - MAX_VIOLATIONS) + " more problems)"
                : invalid.getMessage();
        return status(Code.INVALID_ARGUMENT, message, Any.pack(details.build()));
    }

    /**
     * Statuses travel in HTTP/2 trailers, which clients cap (8 KiB in grpc-java): an answer that
     * quoted a caller's megabyte of input back would reach the caller as a protocol error instead.
     */
    private static String bounded(String text, int maxLength) {
        return text.length() <= maxLength ? text : text.substring(0, maxLength - 1) + "…";
    }

    private static StatusRuntimeException status(Code code, String message, Any... details) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber()).setMessage(bounded(message, MAX_MESSAGE_LENGTH));
        for (Any detail : details) {
            status.addDetails(detail);
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
