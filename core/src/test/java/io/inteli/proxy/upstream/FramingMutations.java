package io.inteli.proxy.upstream;

import java.util.Random;

import io.inteli.proxy.upstream.ScriptedBackend.Reply;

/**
 * Backend answers with randomly mutated framing, each made from the request it answers ({@code /r/<id>}) and a
 * fixed seed, so that concurrent clients can each check the one invariant: the answer they get is the one to their
 * own request (its body starts with {@link #marker}) or a refusal, never bytes of another.
 */
public final class FramingMutations {
    public static final long SEED = 20261202L;

    /** What a mutated answer must come to. */
    public enum Expect {
        /** A well-framed answer: the client gets exactly its body. */
        BODY,
        /** Ambiguous or poisoned: refused, or (only where timing allows) its own body. */
        REFUSED_OR_OWN,
        /** Cannot be delimited: always refused. */
        REFUSED
    }

    public record Mutation(String name, Reply reply, String body, Expect expect) {
    }

    private FramingMutations() {
    }

    public static String marker(int id) {
        return "R" + id + "-";
    }

    /** The id in a request's target {@code /r/<id>}. */
    public static int id(String request) {
        int start = request.indexOf("/r/") + 3;
        int end = start;
        while (end < request.length() && Character.isDigit(request.charAt(end))) {
            end++;
        }
        return Integer.parseInt(request.substring(start, end));
    }

    public static Mutation forRequest(String request) {
        return mutation(id(request));
    }

    public static Mutation mutation(int id) {
        Random random = new Random(SEED * 31 + id);
        String body = marker(id) + "x".repeat(random.nextInt(200));
        String ok = "HTTP/1.1 200 OK\r\n";
        String stolen = "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nSTOLEN-" + (id + 1) % 10 + "!";
        String length = "Content-Length: " + body.length() + "\r\n";
        return switch (random.nextInt(14)) {
            case 0 -> new Mutation("length", Reply.of(ok + length + "\r\n" + body), body, Expect.BODY);
            case 1 -> new Mutation("chunked", Reply.of(ok + "Transfer-Encoding: chunked\r\n\r\n"
                    + chunks(body, random) + "0" + extension(random) + "\r\n" + trailers(random) + "\r\n"), body,
                                   Expect.BODY);
            case 2 -> new Mutation("length then a second response", Reply.of(ok + length + "\r\n" + body + stolen),
                                   body, Expect.REFUSED_OR_OWN);
            case 3 -> new Mutation("chunked then a second response", Reply.of(ok
                    + "Transfer-Encoding: chunked\r\n\r\n" + chunks(body, random) + "0\r\n\r\n" + stolen), body,
                                   Expect.REFUSED_OR_OWN);
            case 4 -> new Mutation("length and chunked", Reply.of(ok + length + "Transfer-Encoding: chunked\r\n\r\n"
                    + chunks(body, random) + "0\r\n\r\n"), body, Expect.REFUSED);
            case 5 -> new Mutation("two lengths", Reply.of(ok + length + "Content-Length: " + (body.length() - 1)
                    + "\r\n\r\n" + body), body, Expect.REFUSED);
            case 6 -> new Mutation("length too short", Reply.of(ok + "Content-Length: " + (body.length() - 2)
                    + "\r\n\r\n" + body), body, Expect.REFUSED_OR_OWN);
            case 7 -> new Mutation("chunk without CRLF", Reply.of(ok + "Transfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.length()) + "\r\n" + body + "XY0\r\n\r\n"), body, Expect.REFUSED);
            case 8 -> new Mutation("gzip coding", Reply.of(ok + "Transfer-Encoding: gzip\r\n\r\n" + body), body,
                                   Expect.REFUSED);
            // bytes sent late, once the connection sits idle, are the table's row "late bytes while idle": here the
            // pool may hand the connection on at once, and bytes that come while the next request is on its way
            // cannot be told from its answer by anyone (HTTP/1.1 has no request ids)
            case 9 -> new Mutation("length, HTTP/1.0", Reply.closing("HTTP/1.0 200 OK\r\n" + length + "\r\n" + body),
                                   body, Expect.BODY);
            case 10 -> new Mutation("204 with a body", Reply.of("HTTP/1.1 204 No Content\r\n\r\n" + stolen), "",
                                    Expect.REFUSED_OR_OWN);
            case 11 -> new Mutation("interim answers", Reply.of("HTTP/1.1 100 Continue\r\n\r\n"
                    + "HTTP/1.1 103 Early Hints\r\n\r\n" + ok + length + "\r\n" + body), body, Expect.BODY);
            case 12 -> new Mutation("connection close", Reply.closing(ok + "Connection: close\r\n" + length + "\r\n"
                    + body), body, Expect.BODY);
            default -> new Mutation("unsolicited 101", Reply.of("HTTP/1.1 101 Switching Protocols\r\n"
                    + "Upgrade: x\r\nConnection: upgrade\r\n\r\n" + stolen), body, Expect.REFUSED);
        };
    }

    private static String chunks(String body, Random random) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int n = 1 + random.nextInt(body.length() - at);
            out.append(Integer.toHexString(n)).append(extension(random)).append("\r\n")
                    .append(body, at, at + n).append("\r\n");
            at += n;
        }
        return out.toString();
    }

    private static String extension(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> ";a=1";
            case 1 -> " ; name=\"quoted ; \\\" value\"";
            default -> "";
        };
    }

    private static String trailers(Random random) {
        return random.nextBoolean() ? "X-Trailer: " + random.nextInt() + "\r\n" : "";
    }
}
