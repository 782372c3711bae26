package io.inteli.proxy.upstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.HttpInput;
import io.inteli.proxy.http.Tokens;

/**
 * A backend's status line and header section, read strictly: anything a proxy could misread (a bad status line,
 * a header without a name, obsolete line folding, an oversized section) is an invalid answer
 * ({@link BackendException.Kind#INVALID_ANSWER}), which the forwarding core answers with 502.
 *
 * @param headers the fields but Content-Length and Transfer-Encoding, which are in {@code framing}: the proxy
 *                frames what it sends itself, so those never travel on as they came
 */
record ResponseHead(int status, boolean http11, List<HeaderLine> headers, List<HeaderLine> framing) {

    static ResponseHead read(HttpInput in, int maxSize) throws IOException {
        String statusLine;
        try {
            statusLine = in.readLine(maxSize);
        } catch (HttpInput.LineTooLong e) {
            throw BackendException.invalid("status line longer than " + maxSize + " bytes");
        }
        int status = parseStatusLine(statusLine);
        boolean http11 = statusLine.startsWith("HTTP/1.1");
        List<HeaderLine> headers = new ArrayList<>(16);
        List<HeaderLine> framing = new ArrayList<>(2);
        int left = maxSize - statusLine.length();
        while (true) {
            String line;
            try {
                line = in.readLine(Math.max(0, left));
            } catch (HttpInput.LineTooLong e) {
                throw BackendException.invalid("header section larger than " + maxSize + " bytes");
            }
            if (line.isEmpty()) {
                return new ResponseHead(status, http11, headers, framing);
            }
            left -= line.length() + 2;
            HeaderLine field = parseField(line);
            (field.is("content-length") || field.is("transfer-encoding") ? framing : headers).add(field);
        }
    }

    private static int parseStatusLine(String line) throws BackendException {
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw BackendException.invalid("invalid status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw BackendException.invalid("invalid status code");
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw BackendException.invalid("invalid status code");
        }
        return status;
    }

    private static HeaderLine parseField(String line) throws BackendException {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw BackendException.invalid("header line without a name");
        }
        String name = line.substring(0, colon);
        if (!Tokens.isToken(name)) {
            // also catches obsolete line folding (a line starting with whitespace) and "Name : value"
            throw BackendException.invalid("invalid header name");
        }
        int start = colon + 1;
        int end = line.length();
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if ((c < ' ' && c != '\t') || c == 127) {
                // a bare CR would let a backend split the response the client sees
                throw BackendException.invalid("control character in a header value");
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
}
