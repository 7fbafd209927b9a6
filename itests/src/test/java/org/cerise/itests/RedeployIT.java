package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.cerise.itests.apps.redeploy.VersionApp;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Replacing an app bundle while clients hammer it gives them only successful answers: a
 * request that arrives while the app is away is held for its next generation (at most
 * {@code engine.redeploy_hold}, 2 s by default) instead of answering 404. An app that does
 * not come back answers 503 with {@code Retry-After} during the grace period
 * ({@code engine.redeploy_grace}, 3 s by default) and 404 after it. Real bundles (built by
 * {@link AppBundles}), real HTTP, the container's defaults.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RedeployIT extends CeriseTestSupport {

    private static final int CLIENTS = 4;
    private static final int REPLACEMENTS = 10;

    private static InputStream jar(String symbolicName, String version, String mount) throws Exception {
        return AppBundles.jar(symbolicName, version, VersionApp.class, mount);
    }

    private Bundle install(String location, String symbolicName, String version, String mount) throws Exception {
        try (InputStream in = jar(symbolicName, version, mount)) {
            Bundle bundle = context().installBundle(location, in);
            bundle.start();
            return bundle;
        }
    }

    /** Clients that GET paths in a loop and record every answer that is not a 2xx. */
    private final class Hammer implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong longestNanos = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final Set<String> bodies = ConcurrentHashMap.newKeySet();
        final List<Thread> threads = new ArrayList<>();

        Hammer(String... paths) {
            for (int i = 0; i < CLIENTS; i++) {
                String path = paths[i % paths.length];
                Thread t = new Thread(() -> run(path), "redeploy-client-" + i);
                threads.add(t);
                t.start();
            }
        }

        private void run(String path) {
            // each client its own connection pool, as separate browsers would have
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).GET()
                    .build();
            while (!stop.get()) {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    if (r.statusCode() / 100 != 2) {
                        failures.add("GET " + path + " -> " + r.statusCode() + " " + r.body());
                    } else if (path.equals("/redeploy/")) {
                        bodies.add(r.body());
                    }
                } catch (Exception e) {
                    failures.add("GET " + path + " -> " + e);
                }
                longestNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                requests.incrementAndGet();
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join(15_000);
            }
        }
    }

    private static List<String> first(Hammer hammer) {
        return hammer.failures.stream().limit(10).collect(java.util.stream.Collectors.toList());
    }

    @Test
    public void updatingTheBundleTenTimesUnderLoadGivesOnlySuccessfulAnswers() throws Exception {
        Bundle app = install("itest:redeploy", "org.cerise.itests.redeploy", "1.0.0", "/redeploy");
        try {
            await("/redeploy/", r -> r.body().equals("1.0.0"), MOUNT_DEADLINE);
            long t0 = System.nanoTime();
            Hammer hammer = new Hammer("/redeploy/", "/redeploy/", "/redeploy/", "/tut01/");
            try (hammer) {
                for (int i = 1; i <= REPLACEMENTS; i++) {
                    String version = "1.0." + i;
                    // Bundle.update on the same location is what FileInstall does with a jar overwritten in deploy/
                    try (InputStream next = jar("org.cerise.itests.redeploy", version, "/redeploy")) {
                        app.update(next);
                    }
                    await("/redeploy/", r -> r.body().equals(version), MOUNT_DEADLINE);
                    Thread.sleep(50);
                }
            }
            System.out.printf("RedeployIT: %d updates, %d requests by %d clients in %d ms, longest request %d ms%n",
                    REPLACEMENTS, hammer.requests.get(), CLIENTS, (System.nanoTime() - t0) / 1_000_000,
                    hammer.longestNanos.get() / 1_000_000);
            assertEquals("answers other than 2xx (the first 10): " + first(hammer), 0, hammer.failures.size());
            assertTrue("the clients saw the versions change: " + hammer.bodies, hammer.bodies.size() >= REPLACEMENTS / 2);
            assertTrue(hammer.bodies.contains("1.0." + REPLACEMENTS));
            assertTrue("requests were sent all along: " + hammer.requests.get(), hammer.requests.get() > 100);
        } finally {
            app.uninstall();
        }
    }

    @Test
    public void replacingByUninstallAndInstallGivesOnlySuccessfulAnswers() throws Exception {
        // a deploy script that deletes app-1.jar and copies app-2.jar: another bundle, another location
        Bundle app = install("itest:replace-1", "org.cerise.itests.replace", "1.0.0", "/redeploy");
        try (Hammer hammer = new Hammer("/redeploy/")) {
            await("/redeploy/", r -> r.body().equals("1.0.0"), MOUNT_DEADLINE);
            for (int i = 2; i <= 4; i++) {
                String version = i + ".0.0";
                app.uninstall();
                Thread.sleep(200);
                app = install("itest:replace-" + i, "org.cerise.itests.replace", version, "/redeploy");
                await("/redeploy/", r -> r.body().equals(version), MOUNT_DEADLINE);
            }
            hammer.close();
            assertEquals("answers other than 2xx (the first 10): " + first(hammer), 0, hammer.failures.size());
            assertTrue(hammer.bodies.toString(), hammer.bodies.containsAll(List.of("2.0.0", "3.0.0", "4.0.0")));
        } finally {
            app.uninstall();
        }
    }

    @Test
    public void anAppGoneForGoodAnswers503DuringTheGracePeriodAnd404After() throws Exception {
        Bundle app = install("itest:gone", "org.cerise.itests.gone", "1.0.0", "/gone");
        await("/gone/", r -> r.statusCode() == 200, MOUNT_DEADLINE);
        long t0 = System.nanoTime();
        app.uninstall();

        // held for the hold time (2 s), then "come back later"
        HttpResponse<String> during = get("/gone/");
        long heldMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(during.body(), 503, during.statusCode());
        assertEquals("1", during.headers().firstValue("Retry-After").orElse(null));
        assertErrorPage(during, 503, "503 Service Unavailable", "The server is currently unable to handle the request "
                + "due to a temporary overloading or maintenance of the server.");
        assertTrue("held about the hold time: " + heldMs + " ms", heldMs >= 1800 && heldMs < 3500);
        assertEquals("the other apps are not held", "Hello world!", get("/tut01/").body());

        // the grace period (3 s) ends: gone for good, a bare 404 as for any path outside every mount
        HttpResponse<String> after = await("/gone/", r -> r.statusCode() == 404, Duration.ofSeconds(3));
        long goneMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("", after.body());
        assertTrue("404 only after the grace period: " + goneMs + " ms", goneMs >= 2900);
        System.out.printf("RedeployIT: uninstalled app: 503 after %d ms held, 404 after %d ms%n", heldMs, goneMs);
        long g0 = System.nanoTime();
        assertEquals(404, get("/gone/").statusCode());
        assertTrue("a mount point gone for good holds nobody", System.nanoTime() - g0 < 1_000_000_000L);
    }
}
