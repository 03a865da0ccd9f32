package io.tellonce.profile.grpc;

import static io.tellonce.profile.grpc.RequestFields.domain;
import static io.tellonce.profile.grpc.RequestFields.text;

import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.history.CaseStatus;
import io.tellonce.profile.history.Cases;
import io.tellonce.profile.history.Channel;
import io.tellonce.profile.history.HistoryWindow;
import io.tellonce.profile.history.Interaction;
import io.tellonce.proto.v1.ListInteractionsRequest;
import io.tellonce.proto.v1.ListOpenCasesRequest;
import io.tellonce.proto.v1.OpenCaseRequest;
import io.tellonce.proto.v1.UpdateCaseRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** Checks the requests of the history's listings and cases, naming every offending field. */
final class HistoryRequests {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_INTERACTION_PAGE = 500;
    static final int MAX_CASE_PAGE = 100;

    private HistoryRequests() {
    }

    record Listing(HistoryWindow window, Predicate<Interaction> filter, int pageSize) {
    }

    static Listing listing(ListInteractionsRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        int pageSize = RequestFields.pageSize(request.getPageSize(), "page_size", DEFAULT_PAGE, MAX_INTERACTION_PAGE,
                problems);
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (int i = 0; i < request.getChannelsCount(); i++) {
            Optional<Channel> channel = domain(request.getChannels(i), HistoryMessages.CHANNEL, Channel.class);
            if (channel.isPresent()) {
                channels.add(channel.get());
            } else {
                problems.add(new FieldViolation("channels[" + i + "]",
                        "must be one of the Channel values other than CHANNEL_UNSPECIFIED"));
            }
        }
        Optional<Instant> from = RequestFields.time(request.hasStartTime(), request.getStartTime(), "start_time", problems);
        Optional<Instant> until = RequestFields.time(request.hasEndTime(), request.getEndTime(), "end_time", problems);
        if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
            problems.add(new FieldViolation("end_time", "must be after start_time"));
        }
        Optional<UUID> caseId = RequestFields.uuid(request.getCaseId(), "case_id", "a case id", problems);
        String topic = text(request.getTopic(), "topic", false, problems).toLowerCase(Locale.ROOT);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        Optional<HistoryWindow.Position> after = request.getPageToken().isEmpty() ? Optional.empty()
                : Optional.of(position(request.getPageToken()));
        Predicate<Interaction> filter = i -> (channels.isEmpty() || channels.contains(i.channel()))
                && (caseId.isEmpty() || caseId.equals(i.caseId()))
                && (topic.isEmpty() || topic.equals(i.topic()));
        return new Listing(new HistoryWindow(from, until, after), filter, pageSize);
    }

    /** The position only: the gate seals it to this query and caller (PageTokenSeal). */
    static String nextPageToken(Optional<HistoryWindow.Position> next) {
        return next.map(p -> p.at().toEpochMilli() + "_" + p.id()).orElse("");
    }

    private static HistoryWindow.Position position(String text) {
        try {
            int split = text.indexOf('_');
            return new HistoryWindow.Position(Instant.ofEpochMilli(Long.parseLong(text.substring(0, split))),
                    UUID.fromString(text.substring(split + 1)));
        } catch (RuntimeException e) {
            throw new InvalidRequest("page_token", "is not a page token of this listing");
        }
    }

    record CasePage(int pageSize, int offset) {
    }

    static CasePage casePage(ListOpenCasesRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        int pageSize = RequestFields.pageSize(request.getPageSize(), "page_size", DEFAULT_PAGE, MAX_CASE_PAGE, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        if (request.getPageToken().isEmpty()) {
            return new CasePage(pageSize, 0);
        }
        try {
            return new CasePage(pageSize, Integer.parseInt(request.getPageToken()));
        } catch (NumberFormatException e) {
            throw new InvalidRequest("page_token", "is not a page token of this listing");
        }
    }

    static String nextCasePageToken(int nextOffset) {
        return Integer.toString(nextOffset);
    }

    record Opening(String title, String topic, String actor, String note) {
    }

    static Opening opening(OpenCaseRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        Opening opening = new Opening(text(request.getTitle(), "title", true, problems),
                text(request.getTopic(), "topic", false, problems).toLowerCase(Locale.ROOT),
                text(request.getActor(), "actor", true, problems),
                text(request.getNote(), "note", false, problems));
        ResolveRequestReader.checkKey(request.getIdempotencyKey(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return opening;
    }

    record Update(UUID caseId, Cases.Change change) {
    }

    static Update update(UpdateCaseRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        Optional<UUID> caseId = caseId(request.getCaseId(), problems);
        Optional<CaseStatus> status = Optional.empty();
        if (request.getStatusValue() != 0) {
            status = domain(request.getStatus(), HistoryMessages.CASE_STATUS, CaseStatus.class);
            if (status.isEmpty()) {
                problems.add(new FieldViolation("status", "is not a CaseStatus value"));
            }
        }
        Optional<UUID> interaction = RequestFields.uuid(request.getAddInteractionId(), "add_interaction_id",
                "an interaction id", problems);
        if (request.getStatusValue() == 0 && request.getAddInteractionId().isEmpty()) {
            problems.add(new FieldViolation("status", "name a new status, an add_interaction_id, or both"));
        }
        String actor = text(request.getActor(), "actor", true, problems);
        String note = text(request.getNote(), "note", false, problems);
        ResolveRequestReader.checkKey(request.getIdempotencyKey(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new Update(caseId.orElseThrow(), new Cases.Change(status, interaction, actor, note));
    }

    static UUID caseId(String text) {
        List<FieldViolation> problems = new ArrayList<>();
        Optional<UUID> id = caseId(text, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return id.orElseThrow();
    }

    private static Optional<UUID> caseId(String text, List<FieldViolation> problems) {
        if (text.isEmpty()) {
            problems.add(new FieldViolation("case_id", "is required"));
            return Optional.empty();
        }
        return RequestFields.uuid(text, "case_id", "a case id as returned by OpenCase", problems);
    }
}
