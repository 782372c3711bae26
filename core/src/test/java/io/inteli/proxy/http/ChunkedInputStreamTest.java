package io.inteli.proxy.http;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chunked decoder used for request bodies and backend answers alike: what it accepts and what it refuses. */
class ChunkedInputStreamTest {

    private static HttpInput input(String bytes) {
        return new HttpInput(new ByteArrayInputStream(bytes.getBytes(StandardCharsets.ISO_8859_1)), 16 * 1024);
    }

    private static String decode(HttpInput in) throws IOException {
        return new String(new ChunkedInputStream(in).readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void decodesValidBodiesWithExtensionsAndTrailersAndStopsExactlyAtTheirEnd() throws Exception {
        List<String[]> valid = List.of(
                new String[] {"5\r\nhello\r\n0\r\n\r\n", "hello"},
                new String[] {"0\r\n\r\n", ""},
                new String[] {"000005\r\nhello\r\n0000\r\n\r\n", "hello"},
                new String[] {"A\r\n0123456789\r\n0\r\n\r\n", "0123456789"},
                new String[] {"a\r\n0123456789\r\n1\r\n!\r\n0\r\n\r\n", "0123456789!"},
                new String[] {"5;name\r\nhello\r\n0\r\n\r\n", "hello"},
                new String[] {"5 ; name = value ;x=\"quoted \\\" ; string\"\r\nhello\r\n0;last\r\n\r\n", "hello"},
                new String[] {"5\t;a=b\r\nhello\r\n0\r\n\r\n", "hello"},
                new String[] {"5\r\nhello\r\n0\r\nX-Trailer: t\r\nChecksum: abc \t def\r\n\r\n", "hello"});
        for (String[] row : valid) {
            HttpInput in = input(row[0] + "NEXT");
            assertEquals(row[1], decode(in), row[0]);
            assertEquals(4, in.buffered(), "nothing past the body was consumed: " + row[0]);
        }
    }

    @Test
    void refusesMalformedFramingAsMalformedBody() {
        String[] invalid = {
                "5\r\nhelloXX0\r\n\r\n",            // data not followed by CRLF
                "5\r\nhello\n0\r\n\r\n",            // LF alone after the data
                "5\nhello\r\n0\r\n\r\n",            // size line ended by LF alone
                "5\r\r\nhello\r\n0\r\n\r\n",        // CR inside the size line
                "\r\nhello\r\n0\r\n\r\n",           // no size
                "-5\r\nhello\r\n0\r\n\r\n",
                "+5\r\nhello\r\n0\r\n\r\n",
                "0x5\r\nhello\r\n0\r\n\r\n",
                " 5\r\nhello\r\n0\r\n\r\n",         // whitespace before the size
                "5 5\r\nhello\r\n0\r\n\r\n",
                "g\r\n",
                "1000000000000000\r\n",             // 16 significant hex digits: over the limit, no overflow
                "ffffffffffffffffff\r\n",
                "5;\r\nhello\r\n0\r\n\r\n",          // extension without a name
                "5;a=\r\nhello\r\n0\r\n\r\n",        // '=' without a value
                "5;a=\"open\r\nhello\r\n0\r\n\r\n",  // unterminated quoted string
                "5;a b\r\nhello\r\n0\r\n\r\n",
                "5;" + "e".repeat(5000) + "\r\nhello\r\n0\r\n\r\n", // size line over 4 KiB
                "0\r\nno colon\r\n\r\n",             // invalid trailer field
                "0\r\nBad Name: x\r\n\r\n",
                "0\r\n folded: x\r\n\r\n",
                "0\r\nX: a\u0001b\r\n\r\n",
                "0\r\n" + "X-T: 1\r\n".repeat(101) + "\r\n",       // too many trailer fields
                "0\r\nX-Big: " + "x".repeat(4000) + "\r\n".repeat(1) + "X-Big: " + "x".repeat(4000) + "\r\n"
                        + "X-Big: " + "x".repeat(4000) + "\r\n" + "X-Big: " + "x".repeat(4000) + "\r\n"
                        + "X-Big: " + "x".repeat(4000) + "\r\n\r\n", // trailer section over 16 KiB
                "0\r\n\n",                          // final line ended by LF alone
        };
        for (String body : invalid) {
            IOException e = assertThrows(IOException.class, () -> decode(input(body)), body);
            assertInstanceOf(MalformedBodyException.class, e, body + ": " + e);
        }
    }

    @Test
    void aBodyCutShortIsAnEndOfStreamNotAMalformedOne() {
        for (String body : new String[] {"5\r\nhel", "5\r\nhello", "5\r\nhello\r\n", "5\r\nhello\r\n0\r\n",
                "5\r\nhello\r\n0\r\nX: 1\r\n", "5"}) {
            assertThrows(EOFException.class, () -> decode(input(body)), body);
        }
    }

    @Test
    void aSixtyFourMebibyteSizeLineIsRefusedAfterReadingAboutFourKibibytes() {
        long[] consumed = {0};
        InputStream endlessDigits = new InputStream() {
            private long left = 64L << 20;

            @Override
            public int read() {
                return left-- > 0 ? consumed[0]++ >= 0 ? '1' : -1 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = (int) Math.min(len, left);
                if (n <= 0) {
                    return -1;
                }
                java.util.Arrays.fill(b, off, off + n, (byte) '1');
                left -= n;
                consumed[0] += n;
                return n;
            }
        };
        HttpInput in = new HttpInput(endlessDigits, 16 * 1024);
        assertThrows(MalformedBodyException.class, () -> new ChunkedInputStream(in).read(new byte[10]));
        assertTrue(consumed[0] <= 2 * 16 * 1024, "read " + consumed[0] + " bytes of a 64 MiB line");
    }

    @Test
    void aReadReturnsTheBufferedPartOfAChunkWithoutWaitingForTheRest() throws Exception {
        SynchronousQueue<byte[]> pieces = new SynchronousQueue<>();
        InputStream source = new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    byte[] piece = pieces.poll(10, TimeUnit.SECONDS);
                    if (piece == null) {
                        throw new IOException("test timed out");
                    }
                    System.arraycopy(piece, 0, b, off, piece.length);
                    return piece.length;
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        ChunkedInputStream chunks = new ChunkedInputStream(new HttpInput(source, 1024));
        Thread.ofVirtual().start(() -> {
            try {
                pieces.put("a\r\nhello".getBytes(StandardCharsets.ISO_8859_1));
                pieces.put("world\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } catch (InterruptedException ignored) {
                // the test failed already
            }
        });
        byte[] buffer = new byte[100];
        int n = chunks.read(buffer);
        assertEquals("hello", new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        assertEquals(0, chunks.available(), "nothing more at hand");
        n = chunks.read(buffer);
        assertEquals("world", new String(buffer, 0, n, StandardCharsets.ISO_8859_1),
                     "the chunk's end was returned before its CRLF was read");
        assertEquals(-1, chunks.read(buffer));
        assertTrue(chunks.ended());
    }

    @Test
    void availableCountsOnlyTheCurrentChunksBufferedData() throws Exception {
        ChunkedInputStream chunks = new ChunkedInputStream(input("a\r\n0123456789\r\n0\r\n\r\n"));
        assertEquals(0, chunks.available(), "no chunk started yet");
        assertEquals('0', chunks.read());
        assertEquals(9, chunks.available());
    }
}
