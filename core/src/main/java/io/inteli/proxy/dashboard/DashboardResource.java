package io.inteli.proxy.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.inteli.proxy.admin.ClientPeer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * The dashboard's page, its sign-in and sign-out, its assets, one snapshot as JSON and the live stream. The buttons'
 * actions are {@link DashboardBackendActions}. Public, as Jersey calls resource methods by reflection.
 */
@Path("/dashboard")
@ApplicationScoped
public class DashboardResource {
    private static final System.Logger LOG = System.getLogger(DashboardResource.class.getName());
    private static final Map<String, String> ASSETS = Map.of(
            "dashboard.css", "text/css; charset=UTF-8",
            "dashboard.js", "text/javascript; charset=UTF-8");
    private static final String HOME = "/dashboard";
    private static final String WRONG_TOKEN = "That token is not the admin token.";

    private final DashboardAccess access;
    private final LiveStream stream;

    @Inject
    public DashboardResource(DashboardAccess access, LiveStream stream) {
        this.access = access;
        this.stream = stream;
    }

    /** The page when signed in, else the login form; {@code ?token=} signs in once and drops the token. */
    @GET
    public Response page(@QueryParam("token") String token, @CookieParam(DashboardAccess.COOKIE) String session,
                         @Context ContainerRequestContext request) {
        if (token != null) {
            // once: the cookie takes over and the token leaves the address bar (and the history)
            return signIn(token, request);
        }
        if (access.isSession(session)) {
            return html(Response.Status.OK, resource("index.html"));
        }
        return loginPage(Response.Status.OK, "");
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("token") String token, @Context ContainerRequestContext request) {
        return signIn(token, request);
    }

    @POST
    @Path("logout")
    public Response logout() {
        return home().header(HttpHeaders.SET_COOKIE, access.clearCookie()).build();
    }

    @GET
    @Path("assets/{file}")
    public Response asset(@PathParam("file") String file) {
        String type = ASSETS.get(file);
        if (type == null) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return Response.ok(resource(file), type).header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }

    @GET
    @Path("snapshot")
    @SignedIn
    @Produces(MediaType.APPLICATION_JSON)
    public DashboardSnapshot snapshot() {
        return stream.current();
    }

    @GET
    @Path("events")
    @SignedIn
    @Produces(MediaType.SERVER_SENT_EVENTS + ";charset=UTF-8")
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        stream.start(sink, sse);
    }

    private Response signIn(String token, ContainerRequestContext request) {
        String peer = ClientPeer.of(request);
        if (!access.isToken(token)) {
            LOG.log(Level.WARNING, "dashboard: failed sign-in from {0}", peer);
            return loginPage(Response.Status.UNAUTHORIZED, WRONG_TOKEN);
        }
        LOG.log(Level.INFO, "dashboard: signed in from {0}", peer);
        return home().header(HttpHeaders.SET_COOKIE, access.setCookie(access.newSession())).build();
    }

    /** 303 to the page, with the Location as a relative path (a String, so that JAX-RS leaves it as it is). */
    private static Response.ResponseBuilder home() {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, HOME);
    }

    private static Response loginPage(Response.Status status, String message) {
        return html(status, resource("login.html").replace("<!--message-->", message));
    }

    private static Response html(Response.Status status, String body) {
        return Response.status(status)
                .type("text/html; charset=UTF-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
                .header("X-Frame-Options", "DENY")
                .entity(body)
                .build();
    }

    private static String resource(String name) {
        try (InputStream in = DashboardResource.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource /dashboard/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
