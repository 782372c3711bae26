package io.inteli.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.inteli.protocol.Message;
import io.inteli.testsupport.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's side of protocol v1 over real WebSocket connections (Tyrus client, Helidon server). */
class AgentTest {
    private static final String SECRET = "inteli-test-secret-0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    // Held: JUL keeps loggers weakly, and a collected one would lose the capturing handler.
    private final Logger proxyLinkLog = Logger.getLogger(ProxyLink.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private ServerSocket backendListener;
    private ScriptedProxy proxy;
    private Agent agent;

    @BeforeEach
    void setUp() throws IOException {
        // The agent waits until its backend's URL accepts connections: this is that listener.
        backendListener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        proxyLinkLog.addHandler(capture);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (agent != null) {
            agent.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
        backendListener.close();
        proxyLinkLog.removeHandler(capture);
    }

    private Agent agent(ScriptedProxy target, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        config.put("inteli.agent.proxies", target.url());
        config.put("inteli.secret", SECRET);
        config.put("inteli.agent.id", "orders-1");
        config.put("inteli.agent.url", "http://127.0.0.1:" + backendListener.getLocalPort() + "/shop");
        config.put("inteli.agent.weight", "5");
        config.put("inteli.agent.routes", "/orders,/carts");
        config.put("inteli.agent.backoff-max", "500ms");
        config.put("inteli.agent.readiness-interval", "50ms");
        config.putAll(extra);
        AgentSettings settings = AgentSettings.read(key -> Optional.ofNullable(config.get(key)));
        agent = new Agent(settings, events::add, ready::get);
        agent.start();
        return agent;
    }

    @Test
    void registersWithASignedAuthAndTheConfiguredStart() {
        proxy = new ScriptedProxy(SECRET);
        agent(proxy, Map.of());
        await("started", () -> kinds().contains(AgentEvent.Kind.REGISTERED));
        assertEquals("orders-1", proxy.received(Message.Auth.class).getFirst().agentId());
        assertEquals(List.of(new Message.Start("http://127.0.0.1:" + backendListener.getLocalPort() + "/shop", 5,
                List.of("/orders", "/carts"))), proxy.received(Message.Start.class));
        assertEquals(List.of(AgentEvent.Kind.REGISTERING, AgentEvent.Kind.REGISTERED), kinds());
        assertEquals(new AgentEvent(AgentEvent.Kind.REGISTERED, proxy.url(), "orders-1"), events.getLast());
    }

    @Test
    void reportsReadinessChangesToTheProxy() {
        proxy = new ScriptedProxy(SECRET);
        agent(proxy, Map.of());
        await("started", () -> kinds().contains(AgentEvent.Kind.REGISTERED));
        ready.set(false);
        await("status false", () -> proxy.received(Message.Status.class).equals(List.of(new Message.Status(false))));
        ready.set(true);
        await("status true", () -> proxy.received(Message.Status.class).equals(
                List.of(new Message.Status(false), new Message.Status(true))));
    }

    @Test
    void aBackendNotReadyWhenItRegistersSaysSoRightAfterStarted() {
        ready.set(false);
        proxy = new ScriptedProxy(SECRET);
        agent(proxy, Map.of());
        await("status false", () -> proxy.received(Message.Status.class).equals(List.of(new Message.Status(false))));
    }

    @Test
    void aBackendNotReadyWhenItRegistersIsToldReadyLaterEvenIfNoPollSawItNotReady() {
        // A long poll interval: the probe changes back before the agent's first poll, which sees "ready" as at the
        // start. The link sent "not ready" at registration, so it must still send "ready".
        ready.set(false);
        proxy = new ScriptedProxy(SECRET);
        agent(proxy, Map.of("inteli.agent.readiness-interval", "1s"));
        await("status false", () -> proxy.received(Message.Status.class).equals(List.of(new Message.Status(false))));
        ready.set(true);
        await("status true", () -> proxy.received(Message.Status.class).equals(
                List.of(new Message.Status(false), new Message.Status(true))));
    }

    @Test
    void readinessMayHaveChangedIsRelayedWithoutWaitingForThePoll() {
        proxy = new ScriptedProxy(SECRET);
        agent(proxy, Map.of("inteli.agent.readiness-interval", "1h"));
        await("started", () -> kinds().contains(AgentEvent.Kind.REGISTERED));
        ready.set(false);
        agent.readinessMayHaveChanged();
        await("status false", () -> proxy.received(Message.Status.class).equals(List.of(new Message.Status(false))));
    }

    @Test
    void stopWaitsUntilTheProxyAnswersStopped() {
        proxy = new ScriptedProxy(SECRET);
        proxy.answerStopAfter(700);
        agent(proxy, Map.of());
        await("started", () -> kinds().contains(AgentEvent.Kind.REGISTERED));
        long start = System.nanoTime();
        agent.stop();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        agent = null;
        assertTrue(tookMs >= 700, "stop returned after " + tookMs + " ms, before the proxy drained");
        assertEquals(1, proxy.received(Message.Stop.class).size());
        assertEquals(List.of(AgentEvent.Kind.REGISTERING, AgentEvent.Kind.REGISTERED, AgentEvent.Kind.DEREGISTERING,
                AgentEvent.Kind.DEREGISTERED), kinds());
    }

    @Test
    void stopGivesUpAtTheDrainTimeout() {
        proxy = new ScriptedProxy(SECRET);
        proxy.neverAnswerStop();
        agent(proxy, Map.of("inteli.agent.drain-timeout", "400ms"));
        await("started", () -> kinds().contains(AgentEvent.Kind.REGISTERED));
        long start = System.nanoTime();
        agent.stop();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        agent = null;
        assertTrue(tookMs >= 400 && tookMs < 5000, "stop took " + tookMs + " ms");
    }

    @Test
    void registersAgainAfterTheProxyDropsTheConnection() {
        proxy = new ScriptedProxy(SECRET);
        agent(proxy, Map.of());
        await("started", () -> proxy.received(Message.Start.class).size() == 1);
        proxy.dropConnection();
        await("started again", () -> kinds().stream().filter(AgentEvent.Kind.REGISTERED::equals).count() == 2);
        assertEquals(2, proxy.received(Message.Start.class).size());
        assertEquals(List.of(AgentEvent.Kind.REGISTERING, AgentEvent.Kind.REGISTERED, AgentEvent.Kind.DEREGISTERED,
                AgentEvent.Kind.REGISTERING, AgentEvent.Kind.REGISTERED), kinds());
    }

    @Test
    void wrongSecretIsLoggedClearlyAndRetried() {
        proxy = new ScriptedProxy("the-proxy-has-another-secret-0123456789");
        agent(proxy, Map.of());
        await("two refused attempts", () -> proxy.authFailures.get() >= 2);
        assertTrue(proxy.received(Message.Start.class).isEmpty());
        await(() -> "the error logged, not only " + logs.stream().map(r -> r.getLevel() + " " + format(r)).toList(), () -> logs.stream().anyMatch(r -> r.getLevel() == Level.SEVERE
                && format(r).equals(proxy.url() + " refused agent orders-1: close 1008 \"authentication failed\";"
                        + " check that inteli.secret matches a secret of the proxy")));
    }

    @Test
    void registersOnlyOnceTheBackendsOwnUrlAcceptsConnections() throws Exception {
        int port = backendListener.getLocalPort();
        backendListener.close();
        proxy = new ScriptedProxy(SECRET);
        agent(proxy, Map.of("inteli.agent.url", "http://127.0.0.1:" + port));
        backendListener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        long[] firstProbe = new long[1];
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try (var probe = backendListener.accept()) {
                firstProbe[0] = System.nanoTime();
            } catch (IOException ignored) {
                // closed by tearDown
            }
        });
        await("started once the listener is up", () -> proxy.received(Message.Start.class).size() == 1);
        acceptor.join();
        assertTrue(firstProbe[0] != 0 && firstProbe[0] <= proxy.firstConnectionAt(),
                "the agent connected to the proxy before its backend listened");
    }

    private List<AgentEvent.Kind> kinds() {
        return events.stream().map(AgentEvent::kind).toList();
    }

    private static String format(LogRecord record) {
        return java.text.MessageFormat.format(record.getMessage(), record.getParameters());
    }

    private static void await(String what, BooleanSupplier condition) {
        await(() -> what, condition);
    }

    private static void await(java.util.function.Supplier<String> what, BooleanSupplier condition) {
        Poll.until(what, WAIT, condition::getAsBoolean);
    }
}
