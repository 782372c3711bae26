package io.inteli.proxy.upstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.HttpInput;
import io.inteli.proxy.http.Tokens;

/**
 * A backend's status line and header section, read strictly: anything a proxy could misread (a bad status line,
 * a header without a name, obsolete line folding, an oversized section) is an {@link InvalidResponse}, which the
 * forwarding core answers with 502.
 */
record ResponseHead(int status, boolean http11, List<HeaderLine> headers) {

    static ResponseHead read(HttpInput in, int maxSize) throws IOException {
        String statusLine = in.readLine(maxSize);
        int status = parseStatusLine(statusLine);
        boolean http11 = statusLine.startsWith("HTTP/1.1");
        List<HeaderLine> headers = new ArrayList<>(16);
        int left = maxSize - statusLine.length();
        while (true) {
            String line;
            try {
                line = in.readLine(Math.max(0, left));
            } catch (HttpInput.LineTooLong e) {
                throw new InvalidResponse("header section larger than " + maxSize + " bytes");
            }
            if (line.isEmpty()) {
                return new ResponseHead(status, http11, headers);
            }
            left -= line.length() + 2;
            headers.add(parseField(line));
        }
    }

    private static int parseStatusLine(String line) throws InvalidResponse {
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new InvalidResponse("invalid status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidResponse("invalid status code");
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw new InvalidResponse("invalid status code");
        }
        return status;
    }

    private static HeaderLine parseField(String line) throws InvalidResponse {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new InvalidResponse("header line without a name");
        }
        String name = line.substring(0, colon);
        if (!Tokens.isToken(name)) {
            // also catches obsolete line folding (a line starting with whitespace) and "Name : value"
            throw new InvalidResponse("invalid header name");
        }
        int start = colon + 1;
        int end = line.length();
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if ((c < ' ' && c != '\t') || c == 127) {
                // a bare CR would let a backend split the response the client sees
                throw new InvalidResponse("control character in a header value");
            }
        }
        // optional whitespace around the value is not part of it (RFC 9110, 5.5); one substring, no strip() copy
        while (start < end && isOptionalWhitespace(line.charAt(start))) {
            start++;
        }
        while (end > start && isOptionalWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return new HeaderLine(name, line.substring(start, end));
    }

    private static boolean isOptionalWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** The response violates HTTP/1.1: the exchange fails and the connection is closed. */
    static final class InvalidResponse extends IOException {
        InvalidResponse(String message) {
            super("backend sent an invalid response: " + message);
        }
    }
}
