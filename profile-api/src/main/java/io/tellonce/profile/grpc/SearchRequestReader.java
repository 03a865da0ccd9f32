package io.tellonce.profile.grpc;

import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.proto.v1.ProfileSearchFilter;
import io.tellonce.proto.v1.SearchProfilesRequest;
import io.tellonce.search.ProfileSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a search request and reads its filters and page; every problem names its field. */
final class SearchRequestReader {
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    /** Elasticsearch's default result window: deep paging is not what an agent's typeahead needs. */
    static final int MAX_RESULTS = 10_000;

    private SearchRequestReader() {
    }

    record Read(ProfileSearch.Filters filters, Page page) {
    }

    /**
     * A page: its offset and size. The token carries the offset only: the gate seals it to this
     * search and caller, so it cannot be replayed against another (PageTokenSeal).
     */
    record Page(int offset, int size) {
        Optional<String> next(long total) {
            int next = offset + size;
            if (next >= total || next + size > MAX_RESULTS) {
                return Optional.empty();
            }
            return Optional.of(Integer.toString(next));
        }
    }

    static Read read(SearchProfilesRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        ProfileSearchFilter filter = request.getFilter();
        ProfileSearch.Filters filters = new ProfileSearch.Filters(text(filter.getLocality(), "filter.locality", problems),
                text(filter.getPostalCode(), "filter.postal_code", problems),
                filter.hasHasOpenCase() ? Optional.of(filter.getHasOpenCase()) : Optional.empty(),
                text(filter.getChannel(), "filter.channel", problems));
        if (request.getQuery().isBlank() && filters.isEmpty()) {
            problems.add(new FieldViolation("query", "give a query, a filter, or both"));
        }
        int size = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
        if (size < 1 || size > MAX_PAGE_SIZE) {
            problems.add(new FieldViolation("page_size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        int offset = offset(request.getPageToken(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new Read(filters, new Page(offset, size));
    }

    private static Optional<String> text(String value, String field, List<FieldViolation> problems) {
        RequestFields.text(value, field, false, problems);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** The offset a page token holds (opened by the gate, so one this service issued for this search). */
    static int offset(String token, List<FieldViolation> problems) {
        if (token.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(token);
            if (offset > 0 && offset < MAX_RESULTS) {
                return offset;
            }
        } catch (NumberFormatException malformed) {
            // falls through to the violation below
        }
        problems.add(new FieldViolation("page_token", "is not a token from a previous response to this same search"));
        return 0;
    }
}
