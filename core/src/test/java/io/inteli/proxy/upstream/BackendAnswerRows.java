package io.inteli.proxy.upstream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.inteli.proxy.upstream.ScriptedBackend.Reply;

/**
 * The backend-answer conformance table: each row is the raw bytes a backend sends to client A's request and what
 * must come of it; client B's request, right after on another client connection, must then get its own answer
 * ({@link #B_ANSWER}) and never a byte of A's. Run at the upstream client ({@code BackendAnswerConformanceTest})
 * and through the whole proxy on both front doors ({@code BackendAnswersThroughProxy}).
 */
public final class BackendAnswerRows {
    /** What a smuggled second response says: seeing it anywhere is a failure. */
    public static final String STOLEN = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nX-Stolen: yes\r\n\r\nSTOLEN";
    public static final String B_BODY = "mine";
    public static final Reply B_ANSWER = Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n" + B_BODY);
    private static final String OK = "HTTP/1.1 200 OK\r\n";
    private static final String CHUNKED = OK + "Transfer-Encoding: chunked\r\n\r\n";

    /**
     * @param status     the status the client gets; 502 when the answer must be refused
     * @param body       the body the client gets (null when refused)
     * @param advertised the Content-Length the client gets, -1 for none (then chunked or close-delimited)
     * @param reused     whether the backend connection may carry B's request afterwards
     */
    public record Row(String name, String method, Reply reply, int status, String body, long advertised,
                      boolean reused) {
        public boolean refused() {
            return status == 502;
        }

        /** Whether the row's bad bytes come after the answer, once the connection is idle. */
        public boolean late() {
            return reply.later() != null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private BackendAnswerRows() {
    }

    private static Row ok(String name, String method, Reply reply, int status, String body, long advertised,
                          boolean reused) {
        return new Row(name, method, reply, status, body, advertised, reused);
    }

    private static Row refused(String name, String method, Reply reply) {
        return new Row(name, method, reply, 502, null, -1, false);
    }

    private static Row refused(String name, String text) {
        return refused(name, "GET", Reply.of(text));
    }

    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // answers that end cleanly: their connection is reused
        rows.add(ok("content-length", "GET", Reply.of(OK + "Content-Length: 5\r\n\r\nhello"), 200, "hello", 5, true));
        rows.add(ok("chunked with extensions", "GET",
                    Reply.of(CHUNKED + "5;a=1;b=\"q \\\" ;\"\r\nhello\r\n6 ;c\r\n world\r\n0;last\r\n\r\n"), 200,
                    "hello world", -1, true));
        rows.add(ok("chunked with trailers", "GET",
                    Reply.of(CHUNKED + "5\r\nhello\r\n0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n"), 200, "hello", -1,
                    true));
        rows.add(ok("transfer-coding in capitals", "GET", Reply.of(OK + "Transfer-Encoding: CHUNKED\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n"), 200, "hello", -1, true));
        rows.add(ok("interim answers skipped", "GET", Reply.of("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n" + OK
                + "Content-Length: 5\r\n\r\nhello"), 200, "hello", 5, true));
        rows.add(ok("304 with Content-Length 1234", "GET", Reply.of("HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n"
                + "Content-Length: 1234\r\n\r\n"), 304, "", 1234, true));
        rows.add(ok("HEAD with Content-Length 1234", "HEAD", Reply.of(OK + "Content-Length: 1234\r\n\r\n"), 200, "",
                    1234, true));
        rows.add(ok("HEAD of a chunked answer", "HEAD", Reply.of(OK + "Transfer-Encoding: chunked\r\n\r\n"), 200, "",
                    -1, true));
        rows.add(ok("204 with Content-Length 0", "GET", Reply.of("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"),
                    204, "", -1, true));
        rows.add(ok("Connection naming Content-Length", "GET",
                    Reply.of(OK + "Connection: Content-Length\r\nContent-Length: 5\r\n\r\nhello"), 200, "hello", 5,
                    true));
        rows.add(ok("HTTP/1.0 until close", "GET", Reply.closing("HTTP/1.0 200 OK\r\n\r\nuntil close"), 200,
                    "until close", -1, false));
        rows.add(ok("Connection: close", "GET", Reply.closing(OK + "Connection: close\r\nContent-Length: 2\r\n\r\nok"),
                    200, "ok", 2, false));
        rows.add(ok("late bytes while idle", "GET",
                    Reply.of(OK + "Content-Length: 5\r\n\r\nhello").then(Duration.ofMillis(300), STOLEN), 200, "hello",
                    5, false));
        // answers that cannot be delimited safely, or say more than one answer: 502, connection closed
        rows.add(refused("Content-Length then a second response", OK + "Content-Length: 5\r\n\r\nhello" + STOLEN));
        rows.add(refused("bytes after the last chunk", CHUNKED + "5\r\nhello\r\n0\r\n\r\n" + STOLEN));
        rows.add(refused("HEAD answered with a body", "HEAD", Reply.of(OK + "Content-Length: 5\r\n\r\nhello")));
        rows.add(refused("204 answered with a body", "HTTP/1.1 204 No Content\r\n\r\n" + STOLEN));
        rows.add(refused("304 answered with a body", "HTTP/1.1 304 Not Modified\r\nContent-Length: 6\r\n\r\nSTOLEN"));
        rows.add(refused("Content-Length with Transfer-Encoding",
                         OK + "Content-Length: 30\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n" + STOLEN));
        rows.add(refused("differing Content-Lengths", OK + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"));
        rows.add(refused("invalid Content-Length", OK + "Content-Length: 5x\r\n\r\nhello"));
        rows.add(refused("negative Content-Length", OK + "Content-Length: -1\r\n\r\nhello"));
        for (String coding : List.of("chunked, identity", "identity, chunked", "gzip, chunked", "gzip", "xchunked",
                                     "chunked\r\nTransfer-Encoding: chunked", "chunked\u000b")) {
            rows.add(refused("Transfer-Encoding: " + coding.replace("\r\n", " / "),
                             OK + "Transfer-Encoding: " + coding + "\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        }
        rows.add(refused("unsolicited 101", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\n\r\n" + STOLEN));
        rows.add(refused("chunk data not followed by CRLF", CHUNKED + "5\r\nhelloXX0\r\n\r\n"));
        rows.add(refused("chunk-size line ended by LF alone", CHUNKED + "5\nhello\r\n0\r\n\r\n"));
        rows.add(refused("chunk size over 15 hex digits", CHUNKED + "10000000000000000\r\nhello\r\n0\r\n\r\n"));
        rows.add(refused("invalid chunk extension", CHUNKED + "5;=x\r\nhello\r\n0\r\n\r\n"));
        rows.add(refused("too many interim answers", "HTTP/1.1 100 Continue\r\n\r\n".repeat(17) + OK
                + "Content-Length: 5\r\n\r\nhello"));
        rows.add(refused("body cut short", "GET", Reply.closing(OK + "Content-Length: 10\r\n\r\nhello")));
        byte[] longLine = (CHUNKED).getBytes(StandardCharsets.ISO_8859_1);
        byte[] huge = Arrays.copyOf(longLine, longLine.length + (64 << 20));
        Arrays.fill(huge, longLine.length, huge.length, (byte) '1');
        rows.add(refused("64 MiB chunk-size line", "GET", new Reply(huge, false)));
        return rows;
    }
}
