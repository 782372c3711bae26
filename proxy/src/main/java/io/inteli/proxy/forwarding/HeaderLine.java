package io.inteli.proxy.forwarding;

/** One header field as it appears on the wire; a header sent twice is two lines. */
public record HeaderLine(String name, String value) {
    boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
