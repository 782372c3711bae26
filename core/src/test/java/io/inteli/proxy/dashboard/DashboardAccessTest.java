package io.inteli.proxy.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.inteli.proxy.admin.AdminToken;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardAccessTest {
    private static final String TOKEN = "dashboard-test-token-0123456789abcdef";
    private final Instant now = Instant.parse("2026-11-25T20:00:00Z");
    private final DashboardAccess access = new DashboardAccess(new AdminToken(TOKEN, Optional.empty()), Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void acceptsOnlyTheToken() {
        assertTrue(access.isToken(TOKEN));
        assertFalse(access.isToken(TOKEN + "x"));
        assertFalse(access.isToken(""));
        assertFalse(access.isToken(null));
    }

    @Test
    void sessionIsNotTheTokenAndIsAccepted() {
        String session = access.newSession();

        assertFalse(session.contains(TOKEN));
        assertTrue(access.isSession(session));
    }

    @Test
    void refusesForgedOrMalformedSessions() {
        String session = access.newSession();
        String issued = session.substring(0, session.indexOf('.'));

        assertFalse(access.isSession(issued + ".00" + session.substring(session.indexOf('.') + 3)));
        assertFalse(access.isSession(session + "0"));
        assertFalse(access.isSession("garbage"));
        assertFalse(access.isSession(".abc"));
        assertFalse(access.isSession("x." + session.substring(session.indexOf('.') + 1)));
        assertFalse(access.isSession(null));
        assertFalse(new DashboardAccess(new AdminToken("another-token-0123456789abcdef0123", Optional.empty()),
                                        Clock.fixed(now, ZoneOffset.UTC))
                            .isSession(session), "a new token ends every session");
    }

    @Test
    void sessionExpiresAfterItsLifetime() {
        String session = access.newSession();
        Clock later = Clock.fixed(now.plus(DashboardAccess.SESSION_LIFETIME).plusSeconds(1), ZoneOffset.UTC);

        assertFalse(new DashboardAccess(new AdminToken(TOKEN, Optional.empty()), later).isSession(session));
    }

    @Test
    void cookieIsHttpOnlySecureAndStrict() {
        String cookie = access.setCookie(access.newSession());

        assertTrue(cookie.contains("; HttpOnly"));
        assertTrue(cookie.contains("; Secure"));
        assertTrue(cookie.contains("; SameSite=Strict"));
        assertTrue(cookie.contains("; Path=/dashboard"));
    }
}
