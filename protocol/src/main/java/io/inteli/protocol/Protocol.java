package io.inteli.protocol;

/**
 * Constants of wire protocol v1, shared by the proxy and the agent (see docs/protocol.md).
 */
public final class Protocol {
    public static final String SUBPROTOCOL = "inteli-v1";
    public static final String PATH = "/registry";
    public static final int VERSION = 1;
    /** Frames are UTF-8 JSON text; anything larger is closed with {@link #CLOSE_TOO_BIG}. */
    public static final int MAX_FRAME_BYTES = 16 * 1024;

    public static final int CLOSE_NORMAL = 1000;
    public static final int CLOSE_GOING_AWAY = 1001;
    public static final int CLOSE_POLICY_VIOLATION = 1008;
    public static final int CLOSE_TOO_BIG = 1009;

    /** The only reason given for a failed authentication: anything more specific helps an attacker. */
    public static final String AUTHENTICATION_FAILED = "authentication failed";

    private Protocol() {
    }
}
