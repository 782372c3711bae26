package io.inteli.proxy.http;

/**
 * A request-target as the proxy routes and forwards it (RFC 9112 3.2): origin-form, or absolute-form with an http or
 * https scheme whose authority then replaces Host. The path's dot-segments are resolved (RFC 3986 5.2.4), encoded
 * dots ({@code %2e}) counted as dots since many backends decode them; a path that climbs above the root is refused.
 * Other forms (authority-form, asterisk-form) are not routed.
 *
 * @param authority the absolute-form's authority, null for origin-form
 * @param query     without '?', empty when there is none
 */
public record RequestTarget(String authority, String path, String query) {

    public static RequestTarget parse(String target) throws HeadRefused {
        String authority = null;
        String rest = target;
        if (!target.startsWith("/")) {
            int scheme = schemeEnd(target);
            if (scheme < 0) {
                throw new HeadRefused(400, "Bad Request");
            }
            int start = scheme + 3;
            int end = start;
            while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?'
                    && target.charAt(end) != '#') {
                end++;
            }
            authority = target.substring(start, end);
            if (authority.isEmpty() || authority.indexOf('@') >= 0) {
                throw new HeadRefused(400, "Bad Request");
            }
            rest = end == target.length() || target.charAt(end) != '/' ? "/" + target.substring(end) : target.substring(end);
        }
        if (rest.indexOf('#') >= 0) {
            throw new HeadRefused(400, "Bad Request");
        }
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        return new RequestTarget(authority, normalize(path), query);
    }

    /** The index of "://" after an http or https scheme (any case), else -1. */
    private static int schemeEnd(String target) {
        if (target.regionMatches(true, 0, "http://", 0, 7)) {
            return 4;
        }
        if (target.regionMatches(true, 0, "https://", 0, 8)) {
            return 5;
        }
        return -1;
    }

    /**
     * The path without dot-segments; the path itself (no copy) when it has none, which is the usual case.
     *
     * @throws HeadRefused 400 when a ".." segment would climb above the root
     */
    public static String normalize(String path) throws HeadRefused {
        if (!hasDotSegment(path)) {
            return path;
        }
        String[] segments = path.substring(1).split("/", -1);
        StringBuilder out = new StringBuilder(path.length());
        int[] starts = new int[segments.length + 1];
        int depth = 0;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            int dots = dots(segment);
            if (dots == 1) {
                if (last) {
                    out.append('/');
                }
                continue;
            }
            if (dots == 2) {
                if (depth == 0) {
                    throw new HeadRefused(400, "Bad Request");
                }
                depth--;
                out.setLength(starts[depth]);
                if (last) {
                    out.append('/');
                }
                continue;
            }
            starts[depth++] = out.length();
            out.append('/').append(segment);
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    private static boolean hasDotSegment(String path) {
        int start = 0;
        int n = path.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                if (i > start && dots(path, start, i) > 0) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static int dots(String segment) {
        return dots(segment, 0, segment.length());
    }

    /** 1 for ".", 2 for "..", with "%2e" in either case counting as a dot; 0 for any other segment. */
    private static int dots(String s, int from, int to) {
        int count = 0;
        int i = from;
        while (i < to) {
            if (s.charAt(i) == '.') {
                i++;
            } else if (i + 3 <= to && s.regionMatches(true, i, "%2e", 0, 3)) {
                i += 3;
            } else {
                return 0;
            }
            count++;
        }
        return count <= 2 ? count : 0;
    }
}
