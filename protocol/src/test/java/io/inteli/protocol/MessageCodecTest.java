package io.inteli.protocol;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageCodecTest {
    private static final String NONCE = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String SIG = "d775e3b9dd0c25ab3cd9520c7878243bf67c1af0ab0b83555cf26f2c08835734";

    @Test
    void roundTripsEveryMessage() throws ProtocolException {
        List<Message> all = List.of(new Message.Challenge(1, NONCE), new Message.Auth("orders-1", SIG),
                new Message.Accepted(5000), new Message.Start("http://127.0.0.1:8081/base", 3, List.of("/", "/api")),
                new Message.Started(), new Message.Status(false), new Message.Status(true), new Message.Stop(),
                new Message.Stopped());
        for (Message m : all) {
            assertEquals(m, MessageCodec.decode(MessageCodec.encode(m)));
        }
    }

    @Test
    void encodesTheDocumentedShapes() {
        assertEquals("{\"type\":\"challenge\",\"version\":1,\"nonce\":\"" + NONCE + "\"}",
                MessageCodec.encode(new Message.Challenge(1, NONCE)));
        assertEquals("{\"type\":\"accepted\",\"pingIntervalMs\":2000}", MessageCodec.encode(new Message.Accepted(2000)));
        assertEquals("{\"type\":\"started\"}", MessageCodec.encode(new Message.Started()));
    }

    @Test
    void ignoresUnknownFieldsAndAppliesStartDefaults() throws ProtocolException {
        Message m = MessageCodec.decode("{\"type\":\"start\",\"url\":\"HTTP://h:1/\",\"extra\":{\"a\":1}}");
        assertEquals(new Message.Start("http://h:1", 1, List.of("/")), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "\"start\"", "{}", "{\"type\":7}", "{\"type\":\"hello\"}",
            "{\"type\":\"start\"}", "{\"type\":\"start\",\"url\":\"ftp://h:1\"}",
            "{\"type\":\"start\",\"url\":\"ws://h:1\"}", "{\"type\":\"start\",\"url\":\"/relative\"}",
            "{\"type\":\"start\",\"url\":\"http://h:1?q=1\"}", "{\"type\":\"start\",\"url\":\"http://u@h:1\"}",
            "{\"type\":\"start\",\"url\":\"http://h:1\",\"weight\":0}",
            "{\"type\":\"start\",\"url\":\"http://h:1\",\"weight\":1001}",
            "{\"type\":\"start\",\"url\":\"http://h:1\",\"weight\":1.5}",
            "{\"type\":\"start\",\"url\":\"http://h:1\",\"weight\":\"2\"}",
            "{\"type\":\"start\",\"url\":\"http://h:1\",\"routes\":[\"api\"]}",
            "{\"type\":\"start\",\"url\":\"http://h:1\",\"routes\":[]}",
            "{\"type\":\"start\",\"url\":\"http://h:1\",\"routes\":\"/\"}",
            "{\"type\":\"start\",\"url\":\"http://h:1\",\"routes\":[1]}",
            "{\"type\":\"auth\",\"agentId\":\"bad id\",\"signature\":\"" + SIG + "\"}",
            "{\"type\":\"auth\",\"agentId\":\"\",\"signature\":\"" + SIG + "\"}",
            "{\"type\":\"auth\",\"agentId\":\"a\",\"signature\":\"xyz\"}",
            "{\"type\":\"status\",\"ready\":\"yes\"}", "{\"type\":\"status\"}",
            "{\"type\":\"challenge\",\"version\":1,\"nonce\":\"ABC\"}"})
    void rejectsInvalidFramesWithPolicyViolation(String frame) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decode(frame));
        assertEquals(Protocol.CLOSE_POLICY_VIOLATION, e.closeCode(), e.reason());
    }

    @Test
    void rejectsAnAgentIdLongerThan128Characters() throws ProtocolException {
        String ok = "a".repeat(128);
        assertEquals(ok, ((Message.Auth) MessageCodec.decode(auth(ok))).agentId());
        assertThrows(ProtocolException.class, () -> MessageCodec.decode(auth(ok + "a")));
    }

    @Test
    void givesNoDetailForAMalformedSignature() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> MessageCodec.decode("{\"type\":\"auth\",\"agentId\":\"a\",\"signature\":\"00\"}"));
        assertEquals(Protocol.AUTHENTICATION_FAILED, e.reason());
    }

    @Test
    void rejectsFramesOver16KibWithTooBig() {
        String big = "{\"type\":\"stop\",\"pad\":\"" + "x".repeat(Protocol.MAX_FRAME_BYTES) + "\"}";
        assertEquals(Protocol.CLOSE_TOO_BIG,
                assertThrows(ProtocolException.class, () -> MessageCodec.decode(big)).closeCode());
        // multi-byte characters count as bytes, not chars
        String wide = "{\"type\":\"stop\",\"pad\":\"" + "é".repeat(Protocol.MAX_FRAME_BYTES / 2) + "\"}";
        assertEquals(Protocol.CLOSE_TOO_BIG,
                assertThrows(ProtocolException.class, () -> MessageCodec.decode(wide)).closeCode());
    }

    private static String auth(String agentId) {
        return "{\"type\":\"auth\",\"agentId\":\"" + agentId + "\",\"signature\":\"" + SIG + "\"}";
    }
}
