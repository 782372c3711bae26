import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Benchmark helper, not a product agent: registers backends with the proxy over protocol v1 and keeps their
 * sockets open (the JDK client answers the proxy's pings) until it is killed or its stdin closes.
 *
 * <pre>java bench/Register.java ws://127.0.0.1:18143/registry SECRET id1=http://127.0.0.1:18081 id2=...</pre>
 *
 * Plain ws:// only: the benchmark runs the control socket without TLS on loopback.
 */
public class Register {
    private static final Pattern NONCE = Pattern.compile("\"nonce\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !args[0].startsWith("ws://")) {
            System.err.println("usage: java Register.java ws://HOST:PORT/registry SECRET ID=URL ...");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0]);
        String secret = args[1];
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch started = new CountDownLatch(args.length - 2);
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] idAndUrl = args[i].split("=", 2);
            Agent agent = new Agent(idAndUrl[0], idAndUrl[1], secret, started);
            sockets.add(http.newWebSocketBuilder().subprotocols("inteli-v1").connectTimeout(Duration.ofSeconds(5))
                                .buildAsync(endpoint, agent).get(10, TimeUnit.SECONDS));
        }
        if (!started.await(15, TimeUnit.SECONDS)) {
            System.err.println("register: not every backend was started by the proxy");
            System.exit(1);
        }
        System.out.println("register: all started");
        System.out.flush();
        // hold the registrations until stdin closes (or the process is killed)
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }

    static String sign(String secret, String nonce, String agentId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(
                mac.doFinal(("inteli-v1\n" + nonce + "\n" + agentId).getBytes(StandardCharsets.UTF_8)));
    }

    static final class Agent implements WebSocket.Listener {
        private final String id;
        private final String url;
        private final String secret;
        private final CountDownLatch started;
        private final StringBuilder frame = new StringBuilder();

        Agent(String id, String url, String secret, CountDownLatch started) {
            this.id = id;
            this.url = url;
            this.secret = secret;
            this.started = started;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                String text = frame.toString();
                frame.setLength(0);
                handle(socket, text);
            }
            socket.request(1);
            return null;
        }

        private void handle(WebSocket socket, String text) {
            Matcher type = TYPE.matcher(text);
            if (!type.find()) {
                return;
            }
            try {
                switch (type.group(1)) {
                case "challenge" -> {
                    Matcher nonce = NONCE.matcher(text);
                    if (!nonce.find()) {
                        throw new IllegalStateException("challenge without nonce: " + text);
                    }
                    socket.sendText("{\"type\":\"auth\",\"agentId\":\"" + id + "\",\"signature\":\""
                                            + sign(secret, nonce.group(1), id) + "\"}", true);
                }
                case "accepted" -> socket.sendText("{\"type\":\"start\",\"url\":\"" + url
                                                           + "\",\"weight\":1,\"routes\":[\"/\"]}", true);
                case "started" -> {
                    System.out.println("register: " + id + " started (" + url + ")");
                    started.countDown();
                }
                default -> {
                }
                }
            } catch (Exception e) {
                System.err.println("register: " + id + ": " + e);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            System.err.println("register: " + id + " closed by the proxy: " + status + " " + reason);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            System.err.println("register: " + id + ": " + error);
        }
    }
}
