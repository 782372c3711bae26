package io.inteli.proxy.control;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.inteli.testsupport.TestAgent;

/**
 * A backend and its agent in a JVM of their own, for {@link DroppedConnectionTest} to kill with SIGKILL: answers
 * every request with its agent id, registers with the proxy, prints {@code STARTED} and waits to be killed.
 * Arguments: control port, state directory, secret, agent id.
 */
public final class KillableAgent {
    private KillableAgent() {
    }

    public static void main(String[] args) throws Exception {
        int controlPort = Integer.parseInt(args[0]);
        Path stateDir = Path.of(args[1]);
        String secret = args[2];
        String agentId = args[3];
        byte[] body = agentId.getBytes(StandardCharsets.UTF_8);
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        backend.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        backend.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        URI url = URI.create("http://127.0.0.1:" + backend.getAddress().getPort());
        TestAgent agent = TestAgent.register(controlPort, stateDir, secret, agentId, url);
        System.out.println("STARTED " + agentId);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        agent.close();
    }
}
