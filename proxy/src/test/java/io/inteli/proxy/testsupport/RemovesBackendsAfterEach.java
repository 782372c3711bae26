package io.inteli.proxy.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import jakarta.enterprise.inject.spi.CDI;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * On a {@code @HelidonTest} class: after each test, every backend still registered is removed, so that the next test
 * of the class (which shares the proxy) starts from an empty registry. The registry is the running container's.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RemovesBackendsAfterEach.Extension.class)
public @interface RemovesBackendsAfterEach {
    /** Runs after the test's own {@code @AfterEach} methods, while the container still runs (it stops after all). */
    final class Extension implements AfterEachCallback {
        @Override
        public void afterEach(ExtensionContext context) {
            BackendRegistry registry = CDI.current().select(BackendRegistry.class).get();
            for (Backend b : registry.snapshot().all()) {
                registry.remove(b, "test over");
            }
        }
    }
}
