package io.inteli.protocol;

/**
 * A frame that breaks protocol v1. Carries the WebSocket close code and reason the receiver closes with.
 */
public final class ProtocolException extends Exception {
    private final int closeCode;

    public ProtocolException(int closeCode, String reason) {
        super(reason);
        this.closeCode = closeCode;
    }

    static ProtocolException violation(String reason) {
        return new ProtocolException(Protocol.CLOSE_POLICY_VIOLATION, reason);
    }

    public int closeCode() {
        return closeCode;
    }

    /** The close reason; WebSocket limits it to 123 bytes, so it is kept short. */
    public String reason() {
        return getMessage();
    }
}
