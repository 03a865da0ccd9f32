package io.tellonce.profile.security;

/**
 * Masks an identifier value so that a bot can confirm it with the customer ("the number ending
 * 1234?") without holding it: e-mail keeps the first letter and the domain, everything else keeps its
 * last four characters (fewer for short values, never more than a third of them).
 */
final class IdentifierMask {
    private static final char MASK = '*';

    private IdentifierMask() {
    }

    static String mask(String value) {
        int at = value.lastIndexOf('@');
        if (at > 0) {
            return value.charAt(0) + stars(at - 1) + value.substring(at);
        }
        int visible = Math.min(4, value.length() / 3);
        return stars(value.length() - visible) + value.substring(value.length() - visible);
    }

    private static String stars(int count) {
        return String.valueOf(MASK).repeat(Math.max(count, 0));
    }
}
