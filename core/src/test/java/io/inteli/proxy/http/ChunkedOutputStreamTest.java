package io.inteli.proxy.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ChunkedOutputStreamTest {
    @Test
    void writesOneChunkPerWriteInLowerCaseHexAndTheLastChunk() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream chunks = new ChunkedOutputStream(wire);
        chunks.write("hello".getBytes(StandardCharsets.ISO_8859_1));
        chunks.write(new byte[0]);
        chunks.write(new byte[26], 0, 26);
        chunks.finish();
        assertEquals("5\r\nhello\r\n1a\r\n" + "\0".repeat(26) + "\r\n0\r\n\r\n", wire.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void whatItWritesTheDecoderReadsBackExactly() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream chunks = new ChunkedOutputStream(wire);
        byte[] body = new byte[100_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        for (int at = 0, n = 1; at < body.length; at += n, n = Math.min(n * 3, body.length - at)) {
            chunks.write(body, at, Math.min(n, body.length - at));
        }
        chunks.finish();
        HttpInput in = new HttpInput(new ByteArrayInputStream(wire.toByteArray()), 8192);
        assertArrayEquals(body, new ChunkedInputStream(in).readAllBytes());
    }
}
