package io.inteli.proxy.http;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's head read strictly by RFC 9112 (sections 2-5): one request line of method, target and version separated
 * by single spaces, then header fields whose names are tokens followed directly by a colon and whose values hold no
 * control character but HTAB. Bytes are read as ISO-8859-1, so obs-text (0x80-0xFF) passes through unchanged. Any
 * deviation is a {@link HeadRefused}: the caller answers it and closes the connection, never guessing where the
 * message ends.
 *
 * @param version 10 for HTTP/1.0, 11 for HTTP/1.1 (and later 1.x minors, answered as 1.1)
 */
public record RequestHead(String method, String target, int version, List<HeaderLine> headers) {
    /** Empty lines accepted before a request line (RFC 9112 2.2: a client may send one after a body). */
    private static final int MAX_LEADING_EMPTY_LINES = 4;
    /** Room for the method and the version around the target on the request line. */
    private static final int REQUEST_LINE_SLACK = 64;

    /**
     * Reads the next request head.
     *
     * @param maxTarget        longest request-target (414 beyond)
     * @param maxHeaderSection largest header section, counted as on the wire (431 beyond)
     * @return null when the connection ended before a request line started (or inside it): nothing to answer
     */
    public static RequestHead read(HttpInput in, int maxTarget, int maxHeaderSection) throws IOException {
        String line;
        try {
            line = in.readLine(maxTarget + REQUEST_LINE_SLACK);
            for (int i = 0; line.isEmpty(); i++) {
                if (i == MAX_LEADING_EMPTY_LINES) {
                    throw new HeadRefused(400, "Bad Request");
                }
                line = in.readLine(maxTarget + REQUEST_LINE_SLACK);
            }
        } catch (HttpInput.LineTooLong e) {
            throw new HeadRefused(414, "URI Too Long");
        } catch (EOFException e) {
            return null;
        }
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
            throw new HeadRefused(400, "Bad Request");
        }
        String method = line.substring(0, sp1);
        if (!Tokens.isToken(method)) {
            throw new HeadRefused(400, "Bad Request");
        }
        if (sp2 - sp1 - 1 > maxTarget) {
            throw new HeadRefused(414, "URI Too Long");
        }
        if (sp2 == sp1 + 1 || !visible(line, sp1 + 1, sp2)) {
            throw new HeadRefused(400, "Bad Request");
        }
        int version = version(line, sp2 + 1);
        String target = line.substring(sp1 + 1, sp2);
        List<HeaderLine> headers = new ArrayList<>(16);
        int left = maxHeaderSection;
        while (true) {
            String field;
            try {
                field = in.readLine(left);
            } catch (HttpInput.LineTooLong e) {
                throw new HeadRefused(431, "Request Header Fields Too Large");
            } catch (EOFException e) {
                // a head cut short: nothing can be answered that the client would still read as this request's
                throw new HeadRefused(400, "Bad Request");
            }
            if (field.isEmpty()) {
                break;
            }
            left -= field.length() + 2;
            if (left < 0) {
                throw new HeadRefused(431, "Request Header Fields Too Large");
            }
            headers.add(field(field));
        }
        return new RequestHead(method, target, version, headers);
    }

    private static HeaderLine field(String line) throws HeadRefused {
        int colon = line.indexOf(':');
        // no whitespace between name and colon (RFC 9112 5.1), no obs-fold (5.2): both refused with 400
        if (colon <= 0 || !Tokens.isToken(line.substring(0, colon))) {
            throw new HeadRefused(400, "Bad Request");
        }
        int start = colon + 1;
        int end = line.length();
        while (start < end && isOws(line.charAt(start))) {
            start++;
        }
        while (end > start && isOws(line.charAt(end - 1))) {
            end--;
        }
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new HeadRefused(400, "Bad Request");
            }
        }
        return new HeaderLine(line.substring(0, colon), line.substring(start, end));
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** Visible US-ASCII only: a target carries no whitespace, control or non-ASCII byte (RFC 3986). */
    private static boolean visible(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static int version(String line, int at) throws HeadRefused {
        if (line.length() - at != 8 || !line.startsWith("HTTP/", at) || line.charAt(at + 6) != '.') {
            throw new HeadRefused(400, "Bad Request");
        }
        char major = line.charAt(at + 5);
        char minor = line.charAt(at + 7);
        if (major < '0' || major > '9' || minor < '0' || minor > '9') {
            throw new HeadRefused(400, "Bad Request");
        }
        if (major != '1') {
            throw new HeadRefused(505, "HTTP Version Not Supported");
        }
        return minor == '0' ? 10 : 11;
    }
}
