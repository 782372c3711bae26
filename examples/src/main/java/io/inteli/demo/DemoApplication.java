package io.inteli.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The demo's JAX-RS application, at the root: the same class serves on Helidon and in a WAR on Open Liberty. */
@ApplicationScoped
@ApplicationPath("/")
public class DemoApplication extends Application {
}
