package io.inteli.proxy.forwarding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** curl (built with nghttp2 here) as a second, independent HTTP/2 client. */
final class Http2Support {
    private Http2Support() {
    }

    /** Runs curl with the arguments; returns its standard output, failing on a non-zero exit. */
    static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("curl did not finish: " + command);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("curl exited " + p.exitValue() + ": " + err + " (" + command + ")");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
