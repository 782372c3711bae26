package io.inteli.proxy.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The strict request head codec, the framing decision and the target rules, without a server. */
class RequestHeadTest {
    private static RequestHead read(String bytes) throws IOException {
        return RequestHead.read(new HttpInput(new ByteArrayInputStream(bytes.getBytes(StandardCharsets.ISO_8859_1)), 64),
                                100, 200);
    }

    /** CSV rows spell CR LF as the four characters backslash r backslash n, and name the odd bytes. */
    private static String unescape(String row) {
        return row.replace("\\r\\n", "\r\n").replace("<NUL>", "\u0000").replace("<CR>", "\r").replace("<E9>", "\u00e9");
    }

    private static int refusal(String bytes) {
        return assertThrows(HeadRefused.class, () -> read(bytes)).status();
    }

    @Test
    void readsMethodTargetVersionAndHeadersAsSent() throws IOException {
        RequestHead head = read("\r\nget /a%2F?q HTTP/1.0\r\nX-A:  caf\u00e9 \t\r\nHost: h\r\n\r\nrest");
        assertEquals("get", head.method());
        assertEquals("/a%2F?q", head.target());
        assertEquals(10, head.version());
        assertEquals(List.of(new HeaderLine("X-A", "caf\u00e9"), new HeaderLine("Host", "h")), head.headers());
    }

    @Test
    void theEndOfTheStreamBeforeARequestIsNoRequest() throws IOException {
        assertNull(read(""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "G@T / HTTP/1.1\\r\\n\\r\\n|400",
            "GET  / HTTP/1.1\\r\\n\\r\\n|400",
            "GET / HTTP/1.1 \\r\\n\\r\\n|400",
            "GET /<E9> HTTP/1.1\\r\\n\\r\\n|400",
            "GET / HTTP/1.x\\r\\n\\r\\n|400",
            "GET / HTTP/2.0\\r\\n\\r\\n|505",
            "GET / HTTP/1.1\\r\\nX-A : b\\r\\n\\r\\n|400",
            "GET / HTTP/1.1\\r\\nX-A: b\\r\\n folded\\r\\n\\r\\n|400",
            "GET / HTTP/1.1\\r\\nX-A: b<NUL>c\\r\\n\\r\\n|400",
            "GET / HTTP/1.1\\r\\nX-A: b<CR>c\\r\\n\\r\\n|400",
            "GET / HTTP/1.1\\r\\nHost: h\\r\\n|400"})
    void refusesWhatIsNotStrictHttp11(String bytes, int status) {
        assertEquals(status, refusal(unescape(bytes)));
    }

    @Test
    void aLongTargetIs414AndALargeHeaderSectionIs431() {
        assertEquals(414, refusal("GET /" + "a".repeat(100) + " HTTP/1.1\r\n\r\n"));
        assertEquals(414, refusal("GET /" + "a".repeat(1000) + " HTTP/1.1\r\n\r\n"));
        assertEquals(431, refusal("GET / HTTP/1.1\r\nX-A: " + "b".repeat(300) + "\r\n\r\n"));
        assertEquals(431, refusal("GET / HTTP/1.1\r\n" + "X-A: bbbbbbbbbb\r\n".repeat(20) + "\r\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Transfer-Encoding: chunked, identity|400",
            "Transfer-Encoding: identity, chunked|501",
            "Transfer-Encoding: gzip|501",
            "Transfer-Encoding: xchunked|501",
            "Transfer-Encoding: chunked;q=1|400",
            "Content-Length: 3\\r\\nTransfer-Encoding: chunked|400",
            "Content-Length: 3\\r\\nContent-Length: 4|400",
            "Content-Length: -1|400",
            "Transfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked|400"})
    void refusesAmbiguousFraming(String fields, int status) throws IOException {
        RequestHead head = read("POST / HTTP/1.1\r\n" + unescape(fields) + "\r\n\r\n");
        assertEquals(status, assertThrows(HeadRefused.class, () -> RequestFraming.of(head.headers(), 11)).status());
    }

    @Test
    void framingIsChunkedInAnyCaseOrTheDeclaredLength() throws IOException {
        assertEquals(RequestFraming.CHUNKED, RequestFraming.of(read("POST / HTTP/1.1\r\nTransfer-Encoding: CHUNKED\r\n\r\n").headers(), 11));
        assertEquals(new RequestFraming(false, 5), RequestFraming.of(read("POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n").headers(), 11));
        assertEquals(RequestFraming.NONE, RequestFraming.of(read("GET / HTTP/1.1\r\n\r\n").headers(), 11));
        assertEquals(400, assertThrows(HeadRefused.class, () -> RequestFraming.of(
                read("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n").headers(), 10)).status());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/a/b/../c|/a/c", "/a/./b|/a/b", "/a/b/..|/a/", "/a/.|/a/", "/a/%2e%2E/b|/b", "/a/.%2e/b|/b",
            "//x/../y|//y", "/a.b/c..d/...|/a.b/c..d/...", "/plain/path|/plain/path", "/|/"})
    void resolvesDotSegments(String path, String resolved) throws HeadRefused {
        assertEquals(resolved, RequestTarget.normalize(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/a/../..", "/%2e%2e/x", "*", "example.org:443", "ftp://h/x", "http:///x",
            "http://user@h/x", "/a#frag"})
    void refusesTargetsItWillNotRoute(String target) {
        assertEquals(400, assertThrows(HeadRefused.class, () -> RequestTarget.parse(target)).status());
    }

    @Test
    void anAbsoluteFormTargetCarriesItsAuthority() throws HeadRefused {
        assertEquals(new RequestTarget("example.com:81", "/p", "q=1"), RequestTarget.parse("HTTP://example.com:81/p?q=1"));
        assertEquals(new RequestTarget("h", "/", "x"), RequestTarget.parse("https://h?x"));
        assertEquals(new RequestTarget(null, "/a", ""), RequestTarget.parse("/a"));
    }

    @Test
    void statusLinesCarryTheRegisteredReasonPhrase() {
        assertEquals("Request Header Fields Too Large", StatusLine.reason(431));
        assertEquals("URI Too Long", StatusLine.reason(414));
        assertEquals("", StatusLine.reason(299));
    }
}
