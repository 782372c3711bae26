package io.inteli.proxy.http;

import java.nio.charset.StandardCharsets;

/**
 * The status lines the proxy writes, with the reason phrases of RFC 9110 section 15; a status without a registered
 * phrase gets an empty one, which RFC 9112 4 allows. Built once per status, so answering costs no formatting.
 */
public final class StatusLine {
    private static final byte[][] LINES = new byte[600][];

    static {
        String[] known = {
            "100 Continue", "101 Switching Protocols", "103 Early Hints",
            "200 OK", "201 Created", "202 Accepted", "203 Non-Authoritative Information", "204 No Content",
            "205 Reset Content", "206 Partial Content", "207 Multi-Status",
            "300 Multiple Choices", "301 Moved Permanently", "302 Found", "303 See Other", "304 Not Modified",
            "307 Temporary Redirect", "308 Permanent Redirect",
            "400 Bad Request", "401 Unauthorized", "402 Payment Required", "403 Forbidden", "404 Not Found",
            "405 Method Not Allowed", "406 Not Acceptable", "407 Proxy Authentication Required",
            "408 Request Timeout", "409 Conflict", "410 Gone", "411 Length Required", "412 Precondition Failed",
            "413 Content Too Large", "414 URI Too Long", "415 Unsupported Media Type", "416 Range Not Satisfiable",
            "417 Expectation Failed", "421 Misdirected Request", "422 Unprocessable Content", "425 Too Early",
            "426 Upgrade Required", "428 Precondition Required", "429 Too Many Requests",
            "431 Request Header Fields Too Large", "451 Unavailable For Legal Reasons",
            "500 Internal Server Error", "501 Not Implemented", "502 Bad Gateway", "503 Service Unavailable",
            "504 Gateway Timeout", "505 HTTP Version Not Supported", "507 Insufficient Storage",
            "511 Network Authentication Required"};
        for (String k : known) {
            LINES[Integer.parseInt(k.substring(0, 3))] = ("HTTP/1.1 " + k + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        for (int i = 100; i < LINES.length; i++) {
            if (LINES[i] == null) {
                LINES[i] = ("HTTP/1.1 " + i + " \r\n").getBytes(StandardCharsets.US_ASCII);
            }
        }
    }

    private StatusLine() {
    }

    /** "HTTP/1.1 status reason CRLF" as bytes; shared, never to be modified. */
    public static byte[] of(int status) {
        if (status < 100 || status >= LINES.length) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        return LINES[status];
    }

    /** The reason phrase alone, empty when none is registered. */
    public static String reason(int status) {
        byte[] line = of(status);
        return new String(line, 13, line.length - 15, StandardCharsets.US_ASCII);
    }
}
