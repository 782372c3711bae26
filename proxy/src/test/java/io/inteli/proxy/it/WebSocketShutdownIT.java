package io.inteli.proxy.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.inteli.proxy.forwarding.WebSocketBackend;
import io.inteli.testsupport.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to the packaged proxy with a WebSocket tunnel open: the shutdown waits for it like any request in flight
 * (the tunnel keeps working), then, when inteli.proxy.shutdown-timeout runs out, closes it with one log line.
 */
class WebSocketShutdownIT {
    private static final String SECRET = "ws-shutdown-it-secret-0123456789abcdef";
    private WebSocketBackend backend;
    private ProxyProcess proxy;
    private TestAgent agent;

    @AfterEach
    void stop() throws Exception {
        Teardown.close(agent, proxy, backend);
    }

    @Test
    void anOpenTunnelIsClosedWhenTheShutdownTimeoutRunsOut() throws Exception {
        backend = new WebSocketBackend("chat");
        proxy = ProxyProcess.startWithLauncher(List.of("inteli.secret=" + SECRET, "inteli.proxy.shutdown-timeout=2s"))
                .awaitListening();
        agent = TestAgent.register(proxy.controlPort, proxy.stateDir, SECRET, "chat-1", backend.url());
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + proxy.dataPort + "/"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        messages.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        ended.complete(null);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        ended.complete(null);
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("before", true);
        assertEquals("before", messages.poll(10, TimeUnit.SECONDS));

        long start = System.nanoTime();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return proxy.terminate(Duration.ofSeconds(60));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(700);
        assertFalse(ended.isDone(), "the shutdown waits for the open tunnel");
        ws.sendText("while shutting down", true);
        assertEquals("while shutting down", messages.poll(10, TimeUnit.SECONDS));

        ended.get(20, TimeUnit.SECONDS);
        long closedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(closedAfter >= 1500, "closed " + closedAfter + " ms after SIGTERM");
        int code = exit.get(60, TimeUnit.SECONDS);
        assertTrue(code == 0 || code == 143, "exit code " + code);
        String log = proxy.log();
        assertTrue(log.contains("closing the WebSocket tunnel from 127.0.0.1 to backend chat-1: the proxy is "
                                        + "shutting down"), log);
        assertFalse(log.contains("Exception"), log);
    }
}
