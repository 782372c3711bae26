package io.inteli.proxy.controlport;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.inteli.protocol.Protocol;
import io.inteli.proxy.control.AgentSecrets;
import io.inteli.proxy.control.RegistryEndpoint;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import org.eclipse.microprofile.config.Config;

/**
 * Logs, once the control socket is bound, what an agent needs to join: the proxy's URL, the certificate pin and
 * where the secret is. A configured secret is never logged, nor is a generated one (only its file).
 */
@ApplicationScoped
class AgentSettingsBanner {
    private static final System.Logger LOG = System.getLogger(AgentSettingsBanner.class.getName());

    void log(@Observes @Priority(4200) @Initialized(ApplicationScoped.class) Object event, BeanManager beans,
             ControlPlaneSetup setup, Config config) {
        int port = beans.getExtension(ServerCdiExtension.class).port(RegistryEndpoint.SOCKET);
        String host = config.getOptionalValue(ControlPlaneSetup.HOST.name(), String.class)
                .orElse(ControlPlaneSetup.HOST.defaultValue());
        StringBuilder text = new StringBuilder("agent settings for this proxy:\n");
        text.append("    inteli.agent.proxies=").append(setup.tls().isPresent() ? "wss" : "ws").append("://")
                .append(advertised(host)).append(':').append(port).append(Protocol.PATH).append('\n');
        setup.tls().ifPresent(tls -> text.append("    inteli.agent.tls.pin=").append(tls.fingerprint()).append('\n'));
        text.append("    inteli.secret=");
        setup.secrets().file().ifPresentOrElse(
                file -> text.append("<the content of ").append(file).append(">"),
                () -> text.append("<one of the secrets configured in ").append(AgentSecrets.KEY).append(">"));
        setup.adminToken().file().ifPresent(file -> text.append("\nadmin API token (Authorization: Bearer): in ")
                .append(file));
        LOG.log(System.Logger.Level.INFO, text.toString());
    }

    private static String advertised(String host) {
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.isBlank()) {
            return host.contains(":") ? "[" + host + "]" : host;
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
