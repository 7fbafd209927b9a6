package org.cerise.session.redis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.cerise.api.session.ExternalServer;
import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The built bundle in a real Felix with only DS and Config Admin: it resolves without gson,
 * org.json or resilience4j (its optional imports), its component is configured through Config
 * Admin, and the {@code redis} store it registers works against a real redis-server that needs
 * a password. The password, given as {@code .password}, is not a service property; a bad
 * setting leaves no store registered, and fixing it brings the store back.
 */
@SuppressWarnings("try") // locks held by try-with-resources, unreferenced in the body
class RedisBundleIT {

    private static final String PID = "org.cerise.session.redis";
    private static final String PASSWORD = "bundle-secret";

    private static ExternalServer server;
    private static Framework framework;
    private static Bundle store;
    private static ServiceTracker<SessionStore, SessionStore> stores;

    @BeforeAll
    static void boot() throws Exception {
        server = RedisServers.start("--requirepass", PASSWORD);
        Path storage = Path.of(System.getProperty("cerise.felix.storage", "target/felix-it"));
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // the test and the bundle share the SPI and slf4j: the system bundle exports them from the class path
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                "org.cerise.api.session;version=1.0.0,org.slf4j;version=2.0.17");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();
        for (String jar : List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
                "org.apache.felix.scr", "org.apache.felix.configadmin")) {
            context.installBundle(onClassPath(jar).toURI().toString()).start();
        }
        File built = new File(System.getProperty("cerise.redis.bundle"));
        assertTrue(built.isFile(), "the bundle is built first: " + built);
        store = context.installBundle(built.toURI().toString());
        store.start();
        stores = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + SessionStore.class.getName() + ")("
                        + SessionStore.NAME + "=redis))"), null);
        stores.open();
        configure(Map.of("host", "127.0.0.1", "port", String.valueOf(server.port()), "prefix", "bundle-it:",
                ".password", PASSWORD));
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (stores != null) {
            stores.close();
        }
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
        if (server != null) {
            server.close();
        }
    }

    /** @return the jar on the test class path whose file name starts with the artifact id */
    private static File onClassPath(String artifactId) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(File::new)
                .filter(f -> f.getName().startsWith(artifactId + "-") && f.getName().endsWith(".jar")).findFirst()
                .orElseThrow(() -> new AssertionError(artifactId + " is not on the test class path"));
    }

    /** Updates the configuration through Config Admin, whose API only the framework's bundles see. */
    private static void configure(Map<String, String> values) throws Exception {
        BundleContext context = framework.getBundleContext();
        // Config Admin registers itself a moment after its bundle starts. Its API is on the test
        // class path too (in its jar), so the system bundle sees its service only as "all services"
        ServiceTracker<Object, Object> admins = new ServiceTracker<>(context,
                context.createFilter("(objectClass=org.osgi.service.cm.ConfigurationAdmin)"), null);
        admins.open(true);
        ServiceReference<Object> ref;
        try {
            admins.waitForService(10_000);
            ref = admins.getServiceReference();
        } finally {
            admins.close();
        }
        assertNotNull(ref, "Config Admin runs");
        Object admin = context.getService(ref);
        Class<?> adminType = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Class<?> configurationType = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
        Method get = adminType.getMethod("getConfiguration", String.class, String.class);
        Object configuration = get.invoke(admin, PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>(values);
        configurationType.getMethod("update", Dictionary.class).invoke(configuration, properties);
        context.ungetService(ref);
    }

    /** @return the store once registered with the given prefix (a reconfiguration re-registers it) */
    private static ServiceReference<SessionStore> awaitStore(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ServiceReference<SessionStore> ref = stores.getServiceReference();
            if (ref != null && prefix.equals(ref.getProperty("prefix"))) {
                return ref;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no redis store with prefix " + prefix + " within 10 s; bundle state "
                + store.getState());
    }

    @Test
    void theBundleResolvesWithoutTheLibrariesItDoesNotUse() throws Exception {
        assertEquals(Bundle.ACTIVE, store.getState());
        List<String> wired = store.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package").stream()
                .map(w -> (String) w.getCapability().getAttributes().get("osgi.wiring.package")).toList();
        assertTrue(wired.contains("org.cerise.api.session"), wired.toString());
        for (String absent : List.of("com.google.gson", "org.json", "io.github.resilience4j.core",
                "redis.clients.jedis", "org.apache.commons.pool2")) {
            assertFalse(wired.contains(absent), absent + " is not imported from elsewhere: " + wired);
        }
        try (JarFile jar = new JarFile(System.getProperty("cerise.redis.bundle"))) {
            Manifest manifest = jar.getManifest();
            String exports = manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            assertNull(exports, "the embedded client stays private");
        }
    }

    @Test
    void theConfiguredStoreWorksWithAPasswordThatIsNotAServiceProperty() throws Exception {
        ServiceReference<SessionStore> ref = awaitStore("bundle-it:");
        assertNull(ref.getProperty(".password"), "private to the component");
        assertNull(ref.getProperty("password"));
        SessionStore redis = stores.getService(ref);
        redis.save("osgi", new byte[] {1, 2, 3}, Instant.now().plusSeconds(60));
        assertArrayEquals(new byte[] {1, 2, 3}, redis.load("osgi").data());
        try (SessionLock lock = redis.lock("osgi", Duration.ofSeconds(1))) {
            assertEquals(1, redis.count());
        }
        redis.delete("osgi");
        assertEquals(0, redis.count());
    }

    @Test
    void aBadSettingLeavesNoUsableStoreAndFixingItBringsItBack() throws Exception {
        awaitStore("bundle-it:");
        BundleContext context = framework.getBundleContext();
        try {
            configure(Map.of("host", "127.0.0.1", "port", "not-a-port", "prefix", "bundle-bad:",
                    ".password", PASSWORD));
            // SCR logs the constructor's message, which names the key; the service it may keep
            // registered gives no object
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean usable = true;
            while (usable && System.nanoTime() < deadline) {
                usable = false;
                for (ServiceReference<SessionStore> ref : context.getServiceReferences(SessionStore.class,
                        "(" + SessionStore.NAME + "=redis)")) {
                    SessionStore got = context.getService(ref);
                    if (got != null) {
                        usable = true;
                        context.ungetService(ref);
                    }
                }
                Thread.sleep(20);
            }
            assertFalse(usable, "no usable store with a bad port");
        } finally {
            configure(Map.of("host", "127.0.0.1", "port", String.valueOf(server.port()), "prefix", "bundle-it:",
                    ".password", PASSWORD));
        }
        SessionStore redis = stores.waitForService(10_000);
        assertNotNull(redis, "back once the setting is fixed");
        assertEquals("bundle-it:", stores.getServiceReference().getProperty("prefix"));
        assertFalse(redis.exists("osgi"));
    }

}
