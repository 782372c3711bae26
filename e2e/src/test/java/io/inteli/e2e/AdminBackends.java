package io.inteli.e2e;

import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** Reads {@code GET /admin/backends}: agent id to state. */
final class AdminBackends {
    private AdminBackends() {
    }

    static Map<String, String> parse(String body) {
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            value = reader.readValue();
        }
        JsonArray array = value.getValueType() == JsonValue.ValueType.ARRAY ? value.asJsonArray()
                : value.asJsonObject().getJsonArray("backends");
        Map<String, String> backends = new TreeMap<>();
        for (JsonValue item : array) {
            JsonObject backend = item.asJsonObject();
            backends.put(backend.getString("id"), backend.getString("state"));
        }
        return backends;
    }
}
