package io.tellonce.profile.grpc;

import static io.tellonce.profile.grpc.RequestFields.domain;

import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.proto.v1.InteractionSearchFilter;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.SearchInteractionsRequest;
import io.tellonce.search.InteractionSearch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/** Checks an interaction search request and reads its filters, order and page; every problem names its field. */
final class InteractionSearchRequestReader {

    private InteractionSearchRequestReader() {
    }

    /** @param person the lookup of the one person to search, when the filter names one */
    record Read(InteractionSearch.Filters filters, Optional<ProfileLookup> person, InteractionSearch.Order order,
                SearchRequestReader.Page page) {
    }

    static Read read(SearchInteractionsRequest request, ProfileLookups lookups) {
        List<FieldViolation> problems = new ArrayList<>();
        InteractionSearchFilter filter = request.getFilter();
        Set<String> channels = names(filter.getChannelsCount(), i -> domain(filter.getChannels(i),
                HistoryMessages.CHANNEL, io.tellonce.profile.history.Channel.class), "filter.channels", "Channel",
                problems);
        Set<String> caseStatuses = names(filter.getCaseStatusesCount(), i -> domain(filter.getCaseStatuses(i),
                HistoryMessages.CASE_STATUS, io.tellonce.profile.history.CaseStatus.class), "filter.case_statuses",
                "CaseStatus", problems);
        Set<String> sentiments = names(filter.getSentimentsCount(), i -> domain(filter.getSentiments(i),
                HistoryMessages.SENTIMENT, io.tellonce.profile.history.Sentiment.class), "filter.sentiments",
                "Sentiment", problems);
        Optional<Instant> from = RequestFields.time(filter.hasStartTime(), filter.getStartTime(), "filter.start_time",
                problems);
        Optional<Instant> until = RequestFields.time(filter.hasEndTime(), filter.getEndTime(), "filter.end_time",
                problems);
        if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
            problems.add(new FieldViolation("filter.end_time", "must be after filter.start_time"));
        }
        String topic = RequestFields.text(filter.getTopic(), "filter.topic", false, problems)
                .toLowerCase(Locale.ROOT);
        Optional<ProfileLookup> person = Optional.empty();
        if (filter.hasPerson()) {
            lookups.read(filter.getPerson(), "filter.person", problems);
            person = Optional.of(filter.getPerson());
        }
        InteractionSearch.Filters filters = new InteractionSearch.Filters(channels, from, until,
                topic.isEmpty() ? Optional.empty() : Optional.of(topic), caseStatuses, sentiments, Optional.empty());
        if (request.getQuery().isBlank() && filters.isEmpty() && person.isEmpty()) {
            problems.add(new FieldViolation("query", "give a query, a filter, or both"));
        }
        InteractionSearch.Order order = switch (request.getOrder()) {
            case INTERACTION_SEARCH_ORDER_UNSPECIFIED, INTERACTION_SEARCH_ORDER_RELEVANCE -> InteractionSearch.Order.RELEVANCE;
            case INTERACTION_SEARCH_ORDER_NEWEST_FIRST -> InteractionSearch.Order.NEWEST_FIRST;
            case UNRECOGNIZED -> {
                problems.add(new FieldViolation("order", "is not an InteractionSearchOrder value"));
                yield InteractionSearch.Order.RELEVANCE;
            }
        };
        int size = request.getPageSize() == 0 ? SearchRequestReader.DEFAULT_PAGE_SIZE : request.getPageSize();
        if (size < 1 || size > SearchRequestReader.MAX_PAGE_SIZE) {
            problems.add(new FieldViolation("page_size", "must be between 1 and " + SearchRequestReader.MAX_PAGE_SIZE));
        }
        int offset = SearchRequestReader.offset(request.getPageToken(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new Read(filters, person, order, new SearchRequestReader.Page(offset, size));
    }

    /** The domain names of repeated wire enum values; values the domain lacks (UNSPECIFIED, unknown numbers) are problems. */
    private static Set<String> names(int count, IntFunction<Optional<? extends Enum<?>>> value, String field,
                                     String type, List<FieldViolation> problems) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            Optional<? extends Enum<?>> domain = value.apply(i);
            if (domain.isPresent()) {
                names.add(domain.get().name());
            } else {
                problems.add(new FieldViolation(field + "[" + i + "]", "is not a " + type
                        + " value this search can filter on"));
            }
        }
        return names;
    }
}
