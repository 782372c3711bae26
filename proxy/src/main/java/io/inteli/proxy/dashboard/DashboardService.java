package io.inteli.proxy.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.inteli.proxy.admin.AdminActions;
import io.inteli.proxy.admin.AdminToken;
import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.registry.RegistryListener;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.microprofile.server.RoutingName;
import io.helidon.microprofile.server.RoutingPath;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The dashboard, on the control socket only: the page, its login, the live stream (server-sent events, one JSON
 * snapshot a second and at once on every registry change), and the actions behind its buttons. A plain Helidon
 * route rather than JAX-RS, so that the stream is a loop writing to the response.
 */
@ApplicationScoped
@RoutingName(value = "control", required = true)
@RoutingPath("/dashboard")
class DashboardService implements HttpService {
    private static final System.Logger LOG = System.getLogger(DashboardService.class.getName());
    private static final Map<String, String> ASSETS = Map.of(
            "dashboard.css", "text/css; charset=UTF-8",
            "dashboard.js", "text/javascript; charset=UTF-8");

    private final BackendRegistry registry;
    private final DataPlaneTraffic traffic;
    private final TrafficHistory history;
    private final AdminActions actions;
    private final DashboardAccess access;

    @Inject
    DashboardService(BackendRegistry registry, DataPlaneTraffic traffic, TrafficHistory history, AdminActions actions,
                     AdminToken token) {
        this.registry = registry;
        this.traffic = traffic;
        this.history = history;
        this.actions = actions;
        this.access = new DashboardAccess(token, Clock.systemUTC());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::page)
                .post("/login", this::login)
                .post("/logout", this::logout)
                .get("/assets/{file}", this::asset)
                .get("/snapshot", this::snapshot)
                .get("/events", this::events)
                .post("/api/backends/{id}/drain", this::drain)
                .post("/api/backends/{id}/disable", this::disable)
                .post("/api/backends/{id}/enable", this::enable)
                .put("/api/backends/{id}/weight", this::weight);
    }

    private void page(ServerRequest req, ServerResponse res) {
        Optional<String> token = req.query().first("token").asOptional();
        if (token.isPresent()) {
            // once: the cookie takes over and the token leaves the address bar (and the history)
            if (startSession(req, res, token.get())) {
                res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, "/dashboard").send();
            } else {
                loginPage(res, Status.UNAUTHORIZED_401, "That token is not the admin token.");
            }
            return;
        }
        if (signedIn(req)) {
            html(res, Status.OK_200, resource("index.html"));
        } else {
            loginPage(res, Status.OK_200, "");
        }
    }

    private void login(ServerRequest req, ServerResponse res) {
        String token = formValue(req.content().as(String.class), "token");
        if (startSession(req, res, token)) {
            res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, "/dashboard").send();
        } else {
            loginPage(res, Status.UNAUTHORIZED_401, "That token is not the admin token.");
        }
    }

    private void logout(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.SET_COOKIE, access.clearCookie());
        res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, "/dashboard").send();
    }

    private void asset(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        String type = ASSETS.get(file);
        if (type == null) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, type).header(HeaderNames.CACHE_CONTROL, "no-cache").send(resource(file));
    }

    private void snapshot(ServerRequest req, ServerResponse res) {
        if (refused(req, res)) {
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json").header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(currentSnapshot());
    }

    private void events(ServerRequest req, ServerResponse res) throws InterruptedException {
        if (refused(req, res)) {
            return;
        }
        Semaphore changed = new Semaphore(0);
        RegistryListener listener = (event, snapshot) -> changed.release();
        registry.addListener(listener);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=UTF-8")
                .header(HeaderNames.CACHE_CONTROL, "no-store");
        try (OutputStream out = res.outputStream()) {
            while (true) {
                out.write(("data: " + currentSnapshot() + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                // a tick a second, sooner when a backend comes, changes or goes
                if (changed.tryAcquire(1, TimeUnit.SECONDS)) {
                    changed.drainPermits();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.DEBUG, "dashboard stream ended: {0}", e.getMessage());
        } finally {
            registry.removeListener(listener);
        }
    }

    private void drain(ServerRequest req, ServerResponse res) {
        act(req, res, id -> actions.drain(id, peer(req)));
    }

    private void disable(ServerRequest req, ServerResponse res) {
        act(req, res, id -> actions.disable(id, peer(req)));
    }

    private void enable(ServerRequest req, ServerResponse res) {
        act(req, res, id -> actions.enable(id, peer(req)));
    }

    private void weight(ServerRequest req, ServerResponse res) {
        if (refused(req, res)) {
            return;
        }
        int weight;
        try {
            weight = AdminActions.parseWeight(req.content().as(String.class));
        } catch (IllegalArgumentException e) {
            res.status(Status.BAD_REQUEST_400).header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send(AdminActions.error(e.getMessage()));
            return;
        }
        answer(res, actions.setWeight(req.path().pathParameters().get("id"), weight, peer(req)));
    }

    private void act(ServerRequest req, ServerResponse res,
                     java.util.function.Function<String, Optional<Backend>> action) {
        if (refused(req, res)) {
            return;
        }
        answer(res, action.apply(req.path().pathParameters().get("id")));
    }

    private static void answer(ServerResponse res, Optional<Backend> backend) {
        if (backend.isEmpty()) {
            res.status(Status.NOT_FOUND_404).header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send(AdminActions.error("no backend with that id"));
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(AdminActions.describe(backend.get()));
    }

    private boolean startSession(ServerRequest req, ServerResponse res, String token) {
        if (!access.isToken(token)) {
            LOG.log(Level.WARNING, "dashboard: failed sign-in from {0}", peer(req));
            return false;
        }
        res.header(HeaderNames.SET_COOKIE, access.setCookie(access.newSession()));
        LOG.log(Level.INFO, "dashboard: signed in from {0}", peer(req));
        return true;
    }

    private boolean signedIn(ServerRequest req) {
        return access.isSession(req.headers().cookies().first(DashboardAccess.COOKIE).orElse(null));
    }

    /** Sends 401 and returns true when the request carries no valid session. */
    private boolean refused(ServerRequest req, ServerResponse res) {
        if (signedIn(req)) {
            return false;
        }
        res.status(Status.UNAUTHORIZED_401).header(HeaderNames.CACHE_CONTROL, "no-store").send("sign in at /dashboard first");
        return true;
    }

    private String currentSnapshot() {
        return DashboardSnapshot.of(registry.snapshot(), traffic, history, java.time.Instant.now()).toString();
    }

    private void loginPage(ServerResponse res, Status status, String message) {
        html(res, status, resource("login.html").replace("<!--message-->", message));
    }

    private static void html(ServerResponse res, Status status, String body) {
        res.status(status)
                .header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .header(HeaderNames.create("Content-Security-Policy"),
                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
                .header(HeaderNames.create("X-Frame-Options"), "DENY")
                .send(body);
    }

    private static String formValue(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static String peer(ServerRequest req) {
        return req.remotePeer().address().toString();
    }

    private static String resource(String name) {
        try (InputStream in = DashboardService.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource /dashboard/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
