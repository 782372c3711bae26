package io.inteli.protocol;

import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

/**
 * Turns frames into {@link Message}s and back. Decoding validates every field, so a decoded message is
 * always well formed; whether it is allowed at this point of the conversation is the caller's concern.
 */
public final class MessageCodec {
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");
    // Looking the provider up is a service-loader scan: do it once.
    private static final JsonProvider JSON = JsonProvider.provider();

    private MessageCodec() {
    }

    public static boolean isValidAgentId(String agentId) {
        return agentId != null && AGENT_ID.matcher(agentId).matches();
    }

    static boolean isHex256(String value) {
        return value != null && HEX_256.matcher(value).matches();
    }

    public static String encode(Message message) {
        StringWriter out = new StringWriter(96);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.write("type", message.type());
            switch (message) {
            case Message.Challenge c -> json.write("version", c.version()).write("nonce", c.nonce());
            case Message.Auth a -> json.write("agentId", a.agentId()).write("signature", a.signature());
            case Message.Accepted a -> json.write("pingIntervalMs", a.pingIntervalMs());
            case Message.Start s -> {
                json.write("url", s.url()).write("weight", s.weight());
                json.writeStartArray("routes");
                s.routes().forEach(json::write);
                json.writeEnd();
            }
            case Message.Status s -> json.write("ready", s.ready());
            case Message.Started s -> { }
            case Message.Stop s -> { }
            case Message.Stopped s -> { }
            }
            json.writeEnd();
        }
        return out.toString();
    }

    /**
     * @throws ProtocolException with close code 1009 for an oversized frame, 1008 for anything else that is wrong
     */
    public static Message decode(String frame) throws ProtocolException {
        if (frame.length() > Protocol.MAX_FRAME_BYTES
                || frame.getBytes(StandardCharsets.UTF_8).length > Protocol.MAX_FRAME_BYTES) {
            throw new ProtocolException(Protocol.CLOSE_TOO_BIG, "frame larger than 16 KiB");
        }
        JsonObject object;
        try (var reader = JSON.createReader(new StringReader(frame))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProtocolException.violation("frame is not a JSON object");
            }
            object = value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw ProtocolException.violation("malformed JSON");
        }
        String type = requiredString(object, "type");
        return switch (type) {
        case "challenge" -> challenge(object);
        case "auth" -> auth(object);
        case "accepted" -> new Message.Accepted(positiveLong(object, "pingIntervalMs"));
        case "start" -> start(object);
        case "started" -> new Message.Started();
        case "status" -> new Message.Status(requiredBoolean(object, "ready"));
        case "stop" -> new Message.Stop();
        case "stopped" -> new Message.Stopped();
        default -> throw ProtocolException.violation("unknown type");
        };
    }

    private static Message challenge(JsonObject object) throws ProtocolException {
        int version = (int) positiveLong(object, "version");
        String nonce = requiredString(object, "nonce");
        if (!isHex256(nonce)) {
            throw ProtocolException.violation("nonce must be 64 lowercase hex digits");
        }
        return new Message.Challenge(version, nonce);
    }

    private static Message auth(JsonObject object) throws ProtocolException {
        String agentId = optionalString(object, "agentId");
        if (!isValidAgentId(agentId)) {
            throw ProtocolException.violation("invalid agentId");
        }
        String signature = optionalString(object, "signature");
        if (!isHex256(signature)) {
            // A malformed signature is a failed authentication like any other, with the same answer.
            throw ProtocolException.violation(Protocol.AUTHENTICATION_FAILED);
        }
        return new Message.Auth(agentId, signature);
    }

    private static Message start(JsonObject object) throws ProtocolException {
        String url = normalizeUrl(requiredString(object, "url"));
        int weight = 1;
        if (object.containsKey("weight")) {
            long w = integral(object, "weight");
            if (w < Message.Start.MIN_WEIGHT || w > Message.Start.MAX_WEIGHT) {
                throw ProtocolException.violation("weight must be between 1 and 1000");
            }
            weight = (int) w;
        }
        List<String> routes = List.of("/");
        if (object.containsKey("routes")) {
            routes = routes(object);
        }
        return new Message.Start(url, weight, routes);
    }

    private static List<String> routes(JsonObject object) throws ProtocolException {
        if (object.get("routes").getValueType() != JsonValue.ValueType.ARRAY) {
            throw ProtocolException.violation("routes must be an array of strings");
        }
        JsonArray array = object.getJsonArray("routes");
        if (array.isEmpty()) {
            throw ProtocolException.violation("routes must not be empty");
        }
        List<String> routes = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            if (value.getValueType() != JsonValue.ValueType.STRING) {
                throw ProtocolException.violation("routes must be an array of strings");
            }
            String route = ((JsonString) value).getString();
            if (!route.startsWith("/") || route.indexOf('?') >= 0 || route.indexOf('#') >= 0) {
                throw ProtocolException.violation("each route must start with /");
            }
            routes.add(route);
        }
        return routes;
    }

    /**
     * Accepts {@code http(s)://host[:port][/base-path]} only; returns it with a lower-case scheme and without a
     * trailing slash, so that the base path can be prefixed to request paths as is.
     */
    public static String normalizeUrl(String url) throws ProtocolException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProtocolException.violation("url is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ProtocolException.violation("url scheme must be http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getPort() > 65535 || uri.getPort() == 0) {
            throw ProtocolException.violation("url must be http(s)://host:port[/base-path]");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + uri.getRawAuthority() + path;
    }

    private static String requiredString(JsonObject object, String key) throws ProtocolException {
        String value = optionalString(object, key);
        if (value == null) {
            throw ProtocolException.violation(key + " must be a string");
        }
        return value;
    }

    private static String optionalString(JsonObject object, String key) {
        JsonValue value = object.get(key);
        return value != null && value.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) value).getString() : null;
    }

    private static boolean requiredBoolean(JsonObject object, String key) throws ProtocolException {
        JsonValue value = object.get(key);
        if (value != null && value.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (value != null && value.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw ProtocolException.violation(key + " must be true or false");
    }

    private static long integral(JsonObject object, String key) throws ProtocolException {
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) value).isIntegral()) {
            throw ProtocolException.violation(key + " must be an integer");
        }
        try {
            return ((JsonNumber) value).bigDecimalValue().longValueExact();
        } catch (ArithmeticException e) {
            throw ProtocolException.violation(key + " is out of range");
        }
    }

    private static long positiveLong(JsonObject object, String key) throws ProtocolException {
        long value = integral(object, key);
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw ProtocolException.violation(key + " must be a positive integer");
        }
        return value;
    }
}
