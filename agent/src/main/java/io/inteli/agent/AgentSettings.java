package io.inteli.agent;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.inteli.protocol.Durations;
import io.inteli.protocol.Message;
import io.inteli.protocol.MessageCodec;
import io.inteli.protocol.ProtocolException;
import io.inteli.protocol.Signatures;

/**
 * The agent's configuration, read and validated once at start-up. Every getter returns a valid value; anything
 * invalid fails {@link #read} with an {@link InvalidSettingException} naming the key.
 */
record AgentSettings(boolean enabled,
                     List<URI> proxies,
                     String secret,
                     String agentId,
                     String url,
                     int weight,
                     List<String> routes,
                     List<String> pins,
                     Optional<Path> truststore,
                     Optional<String> truststorePassword,
                     Duration drainTimeout,
                     Duration backoffMax,
                     Duration readinessInterval,
                     Duration dnsRefresh) {

    static final String ENABLED = "inteli.agent.enabled";
    static final String PROXIES = "inteli.agent.proxies";
    static final String SECRET = "inteli.secret";
    static final String ID = "inteli.agent.id";
    static final String URL = "inteli.agent.url";
    static final String WEIGHT = "inteli.agent.weight";
    static final String ROUTES = "inteli.agent.routes";
    static final String PIN = "inteli.agent.tls.pin";
    static final String TRUSTSTORE = "inteli.agent.tls.truststore";
    static final String TRUSTSTORE_PASSWORD = "inteli.agent.tls.truststore-password";
    static final String DRAIN_TIMEOUT = "inteli.agent.drain-timeout";
    static final String BACKOFF_MAX = "inteli.agent.backoff-max";
    static final String READINESS_INTERVAL = "inteli.agent.readiness-interval";
    static final String DNS_REFRESH = "inteli.agent.dns-refresh";

    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(10);
    static final Duration DEFAULT_READINESS_INTERVAL = Duration.ofSeconds(2);
    static final Duration DEFAULT_DNS_REFRESH = Duration.ofSeconds(10);

    /**
     * @param config the application's configuration, one optional value per key
     * @throws InvalidSettingException for the first invalid value, naming its key
     */
    static AgentSettings read(Function<String, Optional<String>> config) {
        Function<String, Optional<String>> values = key -> config.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        boolean enabled = bool(values, ENABLED, true);
        List<URI> proxies = enabled ? proxies(values.apply(PROXIES).orElse("")) : List.of();
        if (proxies.isEmpty()) {
            // Nothing to register with: the rest is not needed, so it cannot stop the application either.
            return new AgentSettings(enabled, proxies, "", "", "", 1, List.of("/"), List.of(),
                    Optional.empty(), Optional.empty(), DEFAULT_DRAIN_TIMEOUT, DEFAULT_BACKOFF_MAX,
                    DEFAULT_READINESS_INTERVAL, DEFAULT_DNS_REFRESH);
        }
        String secret = values.apply(SECRET).orElse("");
        if (secret.isEmpty()) {
            throw new InvalidSettingException(SECRET, "is required to register with " + PROXIES);
        }
        if (secret.length() < Signatures.MIN_SECRET_LENGTH) {
            throw new InvalidSettingException(SECRET, "must be at least " + Signatures.MIN_SECRET_LENGTH
                    + " characters");
        }
        String url = url(values);
        String agentId = values.apply(ID).orElseGet(() -> defaultAgentId(URI.create(url).getPort()));
        if (!MessageCodec.isValidAgentId(agentId)) {
            throw new InvalidSettingException(ID, "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -");
        }
        int weight = weight(values);
        List<String> routes = routes(values.apply(ROUTES).orElse("/"));
        List<String> pins = pins(values.apply(PIN).orElse(""));
        Optional<Path> truststore = values.apply(TRUSTSTORE).map(Path::of);
        if (truststore.isPresent() && !Files.isReadable(truststore.get())) {
            throw new InvalidSettingException(TRUSTSTORE, "cannot read " + truststore.get());
        }
        if (truststore.isPresent() && !pins.isEmpty()) {
            throw new InvalidSettingException(PIN, "set either " + PIN + " or " + TRUSTSTORE + ", not both");
        }
        return new AgentSettings(enabled, proxies, secret, agentId, url, weight, routes, pins, truststore,
                config.apply(TRUSTSTORE_PASSWORD), duration(values, DRAIN_TIMEOUT, DEFAULT_DRAIN_TIMEOUT),
                duration(values, BACKOFF_MAX, DEFAULT_BACKOFF_MAX),
                duration(values, READINESS_INTERVAL, DEFAULT_READINESS_INTERVAL),
                duration(values, DNS_REFRESH, DEFAULT_DNS_REFRESH));
    }

    boolean active() {
        return enabled && !proxies.isEmpty();
    }

    Message.Start start() {
        return new Message.Start(url, weight, routes);
    }

    private static boolean bool(Function<String, Optional<String>> values, String key, boolean defaultValue) {
        Optional<String> value = values.apply(key).map(v -> v.toLowerCase(Locale.ROOT));
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get()) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new InvalidSettingException(key, "must be true or false, not '" + value.get() + "'");
        };
    }

    private static List<URI> proxies(String list) {
        List<URI> proxies = new ArrayList<>();
        for (String item : list.split(",")) {
            String text = item.trim();
            if (text.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new InvalidSettingException(PROXIES, "'" + text + "' is not a URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!List.of("wss", "ws", "dns+wss", "dns+ws").contains(scheme) || uri.getHost() == null) {
                throw new InvalidSettingException(PROXIES, "'" + text + "' must be wss://host:port/registry"
                        + " (or dns+wss://name:port/registry for every address of name)");
            }
            if (DnsName.isDns(uri) && (uri.getPort() < 0 || uri.getUserInfo() != null || uri.getQuery() != null
                    || uri.getFragment() != null)) {
                throw new InvalidSettingException(PROXIES, "'" + text + "' must name its port: dns+wss://name:port/registry");
            }
            if (!proxies.contains(uri)) {
                proxies.add(uri);
            }
        }
        return List.copyOf(proxies);
    }

    /** The backend's own URL: configured, or derived from the server's host and port where the runtime has them. */
    private static String url(Function<String, Optional<String>> values) {
        Optional<String> configured = values.apply(URL);
        String url;
        if (configured.isPresent()) {
            url = configured.get();
        } else {
            Optional<String> port = values.apply("server.port");
            if (port.isEmpty() || port.get().equals("0")) {
                throw new InvalidSettingException(URL, "is required: no fixed server.port to derive it from");
            }
            url = "http://" + advertisedHost(values.apply("server.host").orElse("")) + ":" + port.get();
        }
        try {
            url = MessageCodec.normalizeUrl(url);
        } catch (ProtocolException e) {
            throw new InvalidSettingException(URL, "'" + url + "': " + e.reason());
        }
        if (URI.create(url).getPort() < 0) {
            throw new InvalidSettingException(URL, "'" + url + "' must name its port");
        }
        return url;
    }

    private static String advertisedHost(String serverHost) {
        if (!serverHost.isEmpty() && !serverHost.equals("0.0.0.0") && !serverHost.equals("::")
                && !serverHost.equals("[::]")) {
            return serverHost.contains(":") && !serverHost.startsWith("[") ? "[" + serverHost + "]" : serverHost;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String defaultAgentId(int port) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "backend";
        }
        host = host.replaceAll("[^A-Za-z0-9._:-]", "-");
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        String id = host + "-" + port + "-" + HexFormat.of().formatHex(suffix);
        return id.length() <= 128 ? id : id.substring(id.length() - 128);
    }

    private static int weight(Function<String, Optional<String>> values) {
        String text = values.apply(WEIGHT).orElse("1");
        try {
            int weight = Integer.parseInt(text);
            if (weight >= Message.Start.MIN_WEIGHT && weight <= Message.Start.MAX_WEIGHT) {
                return weight;
            }
        } catch (NumberFormatException ignored) {
            // same message as out of range
        }
        throw new InvalidSettingException(WEIGHT, "must be an integer from 1 to 1000, not '" + text + "'");
    }

    private static List<String> routes(String list) {
        List<String> routes = new ArrayList<>();
        for (String item : list.split(",")) {
            String route = item.trim();
            if (route.isEmpty()) {
                continue;
            }
            if (!route.startsWith("/") || route.indexOf('?') >= 0 || route.indexOf('#') >= 0) {
                throw new InvalidSettingException(ROUTES, "each route must start with /, not '" + route + "'");
            }
            routes.add(route);
        }
        if (routes.isEmpty()) {
            throw new InvalidSettingException(ROUTES, "must name at least one route");
        }
        return List.copyOf(routes);
    }

    /** A comma list: one pin per proxy certificate to trust (several proxies, or a certificate being replaced). */
    private static List<String> pins(String list) {
        List<String> pins = new ArrayList<>();
        for (String item : list.split(",")) {
            if (!item.isBlank()) {
                pins.add(pin(item.trim()));
            }
        }
        return List.copyOf(pins);
    }

    /** Accepts the proxy's logged form ({@code AB:CD:...}) and plain hex, any case; keeps plain lower-case hex. */
    static String pin(String text) {
        String hex = text.replace(":", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new InvalidSettingException(PIN, "must be the SHA-256 fingerprint the proxy logs (64 hex digits,"
                    + " colons allowed)");
        }
        return hex;
    }

    private static Duration duration(Function<String, Optional<String>> values, String key, Duration defaultValue) {
        Optional<String> text = values.apply(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Durations.parsePositive(text.get());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, e.getMessage());
        }
    }
}
