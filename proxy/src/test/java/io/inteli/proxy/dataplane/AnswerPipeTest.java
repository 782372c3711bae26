package io.inteli.proxy.dataplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipe between the JAX-RS container's writer thread and the client connection that frames the answer. */
class AnswerPipeTest {

    private static byte[] readAll(AnswerPipe pipe) throws IOException {
        return pipe.input.readAllBytes();
    }

    @Test
    void whatIsWrittenCanBeReadAtOnceAndTheEndFollowsTheLastByte() throws Exception {
        AnswerPipe pipe = new AnswerPipe(-1);
        pipe.output.write("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(3, pipe.input.available(), "no flush needed: a written piece is there for the connection");
        byte[] three = new byte[10];
        assertEquals(3, pipe.input.read(three, 0, 10));
        pipe.finish();
        assertEquals(-1, pipe.input.read(three, 0, 10));
    }

    @Test
    void aBodyLargerThanThePipeFlowsThroughAWriterThatWaitsForTheReader() throws Exception {
        byte[] body = new byte[1 << 20];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 7);
        }
        AnswerPipe pipe = new AnswerPipe(body.length);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int at = 0; at < body.length; at += 10_000) {
                    pipe.output.write(body, at, Math.min(10_000, body.length - at));
                }
                pipe.finish();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertArrayEquals(body, readAll(pipe)));
        writer.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aBodyEndingShortOfItsContentLengthIsAFailedReadNotAnEnd() throws Exception {
        AnswerPipe pipe = new AnswerPipe(10);
        pipe.output.write(new byte[4]);
        pipe.finish();
        byte[] buffer = new byte[16];
        assertEquals(4, pipe.input.read(buffer, 0, 16));
        assertThrows(IOException.class, () -> pipe.input.read(buffer, 0, 16));
    }

    @Test
    void writingPastTheContentLengthFailsTheWriter() throws Exception {
        AnswerPipe pipe = new AnswerPipe(3);
        assertThrows(IOException.class, () -> pipe.output.write(new byte[4]));
    }

    @Test
    void aFailedWriterFailsTheReaderSoTheAnswerIsCut() throws Exception {
        AnswerPipe pipe = new AnswerPipe(-1);
        pipe.output.write(new byte[2]);
        pipe.fail(new IllegalStateException("backend failed mid-body"));
        byte[] buffer = new byte[16];
        assertEquals(2, pipe.input.read(buffer, 0, 16), "what was written still goes out");
        assertThrows(IOException.class, () -> pipe.input.read(buffer, 0, 16));
    }

    @Test
    void aWriterBlockedOnAFullPipeFailsWhenTheConnectionStopsReading() throws Exception {
        AnswerPipe pipe = new AnswerPipe(-1);
        CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
            try {
                pipe.output.write(new byte[1 << 20]);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        // the writer fills the pipe and waits
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pipe.input.available() < 64 * 1024 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        pipe.abort();
        assertTrue(writer.get(5, TimeUnit.SECONDS) instanceof IOException);
    }

    @Test
    void anInterruptedReaderStopsWaitingAndTheWriterFails() throws Exception {
        AnswerPipe pipe = new AnswerPipe(-1);
        Thread reader = Thread.currentThread();
        Thread interrupter = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                return;
            }
            reader.interrupt();
        });
        assertThrows(java.io.InterruptedIOException.class, () -> pipe.input.read(new byte[4], 0, 4));
        assertTrue(Thread.interrupted(), "the interrupt is kept");
        interrupter.join();
        assertThrows(IOException.class, () -> pipe.output.write(1));
    }
}
