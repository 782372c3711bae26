package io.inteli.protocol;

import java.util.List;

/**
 * One frame of protocol v1. Each record's fields are already validated by {@link MessageCodec#decode(String)}.
 */
public sealed interface Message {

    /** The value of the {@code type} field. */
    String type();

    /** proxy -> agent, as soon as the socket opens. */
    record Challenge(int version, String nonce) implements Message {
        public String type() {
            return "challenge";
        }
    }

    /** agent -> proxy: proof of the shared secret over the challenge's nonce and the agent id. */
    record Auth(String agentId, String signature) implements Message {
        public String type() {
            return "auth";
        }
    }

    /** proxy -> agent: authentication accepted; the proxy pings at this interval. */
    record Accepted(long pingIntervalMs) implements Message {
        public String type() {
            return "accepted";
        }
    }

    /** agent -> proxy: route requests to this backend. */
    record Start(String url, int weight, List<String> routes) implements Message {
        public static final int MIN_WEIGHT = 1;
        public static final int MAX_WEIGHT = 1000;

        public Start {
            routes = List.copyOf(routes);
        }

        public String type() {
            return "start";
        }
    }

    /** proxy -> agent: the backend is routable from now on. */
    record Started() implements Message {
        public String type() {
            return "started";
        }
    }

    /** agent -> proxy: readiness changed; false takes the backend out of rotation without unregistering it. */
    record Status(boolean ready) implements Message {
        public String type() {
            return "status";
        }
    }

    /** agent -> proxy: drain me and let me go. */
    record Stop() implements Message {
        public String type() {
            return "stop";
        }
    }

    /** proxy -> agent: drained; the proxy closes with 1000 next. */
    record Stopped() implements Message {
        public String type() {
            return "stopped";
        }
    }
}
