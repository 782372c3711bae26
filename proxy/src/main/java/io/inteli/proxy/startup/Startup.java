package io.inteli.proxy.startup;

import java.lang.System.Logger.Level;
import java.util.logging.Logger;

import io.helidon.logging.common.LogConfig;
import io.inteli.protocol.UnknownKeys;
import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the proxy or fails loudly: unknown {@code inteli.*} keys are logged once each as warnings; a bad value, an
 * unusable state directory, an unreadable keystore or a busy port ends the process with status 1 and one line on
 * standard error that names the cause and the key ({@code inteli-proxy: cannot listen on 0.0.0.0:8080 (address
 * already in use): set server.port}); the stack trace follows only with {@code inteli.log.stack-traces=true} or
 * debug logging of {@code io.inteli}.
 */
public final class Startup {
    static final String NAME = "inteli-proxy";
    private static final System.Logger LOG = System.getLogger(Startup.class.getName());

    private Startup() {
    }

    public static void run(String[] args) {
        boolean stackTraces = false;
        try {
            // Helidon's logging set-up (logging.properties, one line per record) before the first warning
            LogConfig.configureRuntime();
            Config config = ConfigProvider.getConfig();
            stackTraces = stackTraces(config);
            HelidonLog.install(stackTraces);
            for (String warning : UnknownKeys.warnings(config.getPropertyNames(), "inteli.",
                                                       ProxyKeys.DEFAULTS.keySet())) {
                LOG.log(Level.WARNING, warning);
            }
            ValueCheck.check(config);
            Preflight.check(new ConfigValues(config));
            io.helidon.Main.main(args);
        } catch (Throwable e) {
            System.err.println(NAME + ": " + line(e));
            if (stackTraces) {
                e.printStackTrace();
            }
            System.err.flush();
            System.exit(1);
        }
    }

    /** The first failure of ours in the causes, else the deepest cause in a few words. */
    static String line(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartupFailure || t instanceof InvalidConfigurationException) {
                return t.getMessage();
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof StartupFailure || suppressed instanceof InvalidConfigurationException) {
                    return suppressed.getMessage();
                }
            }
        }
        return "cannot start (" + StartupFailure.describe(e) + ")";
    }

    private static boolean stackTraces(Config config) {
        return config.getOptionalValue(ProxyKeys.STACK_TRACES.name(), String.class).map(String::trim)
                       .map("true"::equalsIgnoreCase).orElse(false)
                || Logger.getLogger("io.inteli").isLoggable(java.util.logging.Level.FINE);
    }
}
