package io.inteli.proxy.forwarding;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class CopyBodyTest {

    /** Keeps the arrays it is given without copying, as Helidon 4.2.6's client does with the first write. */
    private static final class KeepingStream extends OutputStream {
        final List<byte[]> arrays = new ArrayList<>();
        final List<int[]> ranges = new ArrayList<>();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            arrays.add(b);
            ranges.add(new int[] {off, len});
        }

        byte[] sent() {
            byte[] all = new byte[ranges.stream().mapToInt(r -> r[1]).sum()];
            int at = 0;
            for (int i = 0; i < arrays.size(); i++) {
                System.arraycopy(arrays.get(i), ranges.get(i)[0], all, at, ranges.get(i)[1]);
                at += ranges.get(i)[1];
            }
            return all;
        }
    }

    @Test
    void theFirstWriteKeepsItsBytesWhenTheStreamSendsItLater() throws Exception {
        byte[] body = new byte[100_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + i / 256);
        }
        KeepingStream out = new KeepingStream();
        Forwarder.copyBody(new ByteArrayInputStream(body), out);
        // the later writes may share one buffer, which holds the last piece read: only the first write, which
        // the client may still hold unsent, must be exact
        int[] first = out.ranges.getFirst();
        assertArrayEquals(Arrays.copyOfRange(body, 0, first[1]),
                          Arrays.copyOfRange(out.arrays.getFirst(), first[0], first[0] + first[1]));
    }
}
