package io.inteli.proxy.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import io.inteli.protocol.Hmac;
import io.inteli.proxy.admin.AdminToken;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may see the dashboard: the holder of the admin token. After one check of the token (login form or
 * {@code ?token=}), the browser keeps a session cookie that is not the token itself but an HMAC of its issue time
 * keyed by the token: stateless, so a restart keeps sessions, and changing the token ends them all.
 */
@ApplicationScoped
class DashboardAccess {
    static final String COOKIE = "inteli_dashboard";
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final String PURPOSE = "inteli-dashboard-session\n";

    private final AdminToken token;
    private final byte[] key;
    private final Clock clock;

    @Inject
    DashboardAccess(AdminToken token) {
        this(token, Clock.systemUTC());
    }

    DashboardAccess(AdminToken token, Clock clock) {
        this.token = token;
        this.key = token.value().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** The same check as the admin API's bearer token. */
    boolean isToken(String candidate) {
        return token.matches(candidate);
    }

    String newSession() {
        String issued = Long.toString(clock.instant().getEpochSecond());
        return issued + "." + mac(issued);
    }

    boolean isSession(String cookie) {
        if (cookie == null) {
            return false;
        }
        int dot = cookie.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        String issued = cookie.substring(0, dot);
        Optional<Long> seconds = parseLong(issued);
        if (seconds.isEmpty()) {
            return false;
        }
        long age = clock.instant().getEpochSecond() - seconds.get();
        if (age < 0 || age > SESSION_LIFETIME.toSeconds()) {
            return false;
        }
        byte[] expected = mac(issued).getBytes(StandardCharsets.US_ASCII);
        return Hmac.sameBytes(expected, cookie.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    /** A session cookie (no Max-Age: it ends with the browser session; the HMAC's time bounds it anyway). */
    String setCookie(String session) {
        return COOKIE + "=" + session + "; Path=/dashboard; HttpOnly; Secure; SameSite=Strict";
    }

    String clearCookie() {
        return COOKIE + "=; Path=/dashboard; Max-Age=0; HttpOnly; Secure; SameSite=Strict";
    }

    private String mac(String issued) {
        return HexFormat.of().formatHex(Hmac.sha256(key, (PURPOSE + issued).getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
