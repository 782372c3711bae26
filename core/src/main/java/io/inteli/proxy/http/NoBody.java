package io.inteli.proxy.http;

/**
 * Which answers have no body, whatever their fields say, and which of those may still carry a Content-Length: one
 * rule for the backend's answer (how it is read) and the client's (how it is framed).
 */
public final class NoBody {
    private NoBody() {
    }

    /** RFC 9112 6.3: an answer to HEAD, and every 1xx, 204 and 304, ends with its head. */
    public static boolean in(String requestMethod, int status) {
        return requestMethod.equals("HEAD") || status < 200 || status == 204 || status == 304;
    }

    /**
     * RFC 9110 8.6: a bodiless answer to HEAD, or a 304, may carry the length a GET would have had (passed on, never
     * used for framing); a 1xx or 204 never carries one.
     */
    public static boolean mayDeclareLength(int status) {
        return status >= 200 && status != 204;
    }
}
