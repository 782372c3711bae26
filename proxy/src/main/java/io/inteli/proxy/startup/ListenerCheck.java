package io.inteli.proxy.startup;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.controlport.ControlPlaneSetup;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.Config;

/**
 * Right after Helidon started its server (priority {@code PLATFORM_AFTER + 100}) and before anything announces it
 * (the agent-settings banner, 4200): every listener must have a port. Helidon reports a listener that could not bind
 * only in its log and carries on with port -1; this stops the start instead, with one line naming the key.
 */
@ApplicationScoped
class ListenerCheck {
    /** The control plane's socket, as named in microprofile-config.properties. */
    private static final String CONTROL_SOCKET = "control";

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 101) @Initialized(ApplicationScoped.class)
               Object event, BeanManager beans, Config mpConfig) {
        ServerCdiExtension server = beans.getExtension(ServerCdiExtension.class);
        if (!HelidonLog.LISTENER_FAILURES.isEmpty()) {
            HelidonLog.ListenerFailure failure = HelidonLog.LISTENER_FAILURES.getFirst();
            int dataPort = mpConfig.getOptionalValue("server.port", Integer.class).orElse(-1);
            String key = failure.port() == dataPort ? "server.port" : ControlPlaneSetup.PORT.name();
            throw StartupFailure.of("cannot listen on " + failure.address(), failure.cause(), key);
        }
        ConfigValues config = new ConfigValues(mpConfig);
        if (server.port() < 0) {
            throw new StartupFailure("cannot listen on " + config.string("server.host").orElse("0.0.0.0") + ":"
                    + config.string("server.port").orElse("8080") + " (see the log): set server.port");
        }
        if (server.port(CONTROL_SOCKET) < 0) {
            throw new StartupFailure("cannot listen on " + config.string(ControlPlaneSetup.HOST).orElseThrow()
                    + ":" + config.string(ControlPlaneSetup.PORT).orElseThrow() + " (see the log): set "
                    + ControlPlaneSetup.PORT);
        }
    }
}
