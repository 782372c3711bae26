package io.inteli.proxy.admin;

/** The answer to a refused admin or dashboard action: {@code {"error": "..."}}. */
public record AdminError(String error) {
}
