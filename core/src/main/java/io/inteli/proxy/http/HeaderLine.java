package io.inteli.proxy.http;

/** One header field as it appears on the wire; a header sent twice is two lines. */
public record HeaderLine(String name, String value) {
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
