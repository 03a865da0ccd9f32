package io.tellonce.profile.cassandra;

import io.tellonce.profile.app.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One page over several node partitions at once, newest first. Each partition is read in its own
 * clustering order and only a prefix of it is taken, so the page token can remember, per node,
 * exactly where that node's partition stopped, whatever order Java gives to ties between nodes.
 */
final class MergedPages {
    private MergedPages() {
    }

    /**
     * @param perNode    each node's rows in its partition's order (read with one row more than needed)
     * @param newestFirst which head to take first
     * @param positions  where each node stopped before; updated with the last row taken from each node
     * @return the page, and whether rows remain after it
     */
    static <R> Page<R> take(Map<UUID, List<R>> perNode, Comparator<R> newestFirst, int pageSize,
                            Map<UUID, R> positions) {
        Map<UUID, Integer> next = new HashMap<>();
        perNode.keySet().forEach(node -> next.put(node, 0));
        List<R> page = new ArrayList<>();
        while (page.size() < pageSize) {
            UUID from = null;
            R best = null;
            for (Map.Entry<UUID, List<R>> node : perNode.entrySet()) {
                int index = next.get(node.getKey());
                if (index < node.getValue().size()) {
                    R head = node.getValue().get(index);
                    if (best == null || newestFirst.compare(head, best) < 0) {
                        best = head;
                        from = node.getKey();
                    }
                }
            }
            if (best == null) {
                break;
            }
            page.add(best);
            positions.put(from, best);
            next.merge(from, 1, Integer::sum);
        }
        boolean more = perNode.entrySet().stream().anyMatch(node -> next.get(node.getKey()) < node.getValue().size());
        return new Page<>(page, more);
    }

    record Page<R>(List<R> rows, boolean more) {
    }

    /** An opaque token: a header (e.g. the day being read) and one position per node. */
    static String token(String header, Map<UUID, String> positions) {
        StringBuilder text = new StringBuilder(header);
        positions.forEach((node, position) -> text.append('\n').append(node).append(' ').append(position));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    record Token(String header, Map<UUID, String> positions) {
    }

    static InvalidRequest badToken() {
        return new InvalidRequest("page_token", "is not a token from a previous page of this listing");
    }

    static Token parse(String token) {
        try {
            String[] lines = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
            Map<UUID, String> positions = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int space = lines[i].indexOf(' ');
                positions.put(UUID.fromString(lines[i].substring(0, space)), lines[i].substring(space + 1));
            }
            return new Token(lines[0], positions);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw badToken();
        }
    }
}
