package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.cerise.api.tool.Tool;
import org.cerise.itests.apps.guard.GuardTool;
import org.cerise.itests.apps.guarded.GuardedApp;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * An app that turns a tool on is never served without it: while the tool's bundle is away the
 * app is out of service (503, Retry-After), and it is back, protected, when the bundle returns.
 * A client hammers the app without credentials the whole time; it must never get the page.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ToolLifecycleIT extends CeriseTestSupport {

    @Test
    public void anAppWaitsForItsToolAndIsNeverServedUnprotected() throws Exception {
        Bundle tool = installTool();
        Bundle app;
        try (InputStream jar = AppBundles.jar("org.cerise.itests.guarded", "1.0.0", GuardedApp.class, "/guarded")) {
            app = context().installBundle("itest:guarded", jar);
        }
        app.start();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
        Thread intruder = new Thread(() -> {
            HttpRequest unprotected = HttpRequest.newBuilder(URI.create(url("/guarded/")))
                    .timeout(Duration.ofSeconds(10)).build();
            while (running.get()) {
                try {
                    int status = client.send(unprotected, HttpResponse.BodyHandlers.discarding()).statusCode();
                    seen.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                } catch (Exception e) {
                    seen.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
                }
            }
        }, "intruder");
        try {
            await("/guarded/", r -> r.statusCode() == 401, MOUNT_DEADLINE);
            assertEquals("the secret", getWithPass().body());
            intruder.start();

            // the tool leaves: the app goes out of service, it is not served without its guard
            tool.uninstall();
            HttpResponse<String> waiting = await("/guarded/", r -> r.statusCode() == 503, MOUNT_DEADLINE);
            assertEquals("5", waiting.headers().firstValue("Retry-After").orElse(null));
            assertEquals(503, getWithPass().statusCode());

            // the tool comes back: protected again, and served to those who may
            tool = installTool();
            await("/guarded/", r -> r.statusCode() == 401, MOUNT_DEADLINE);
            assertEquals("the secret", getWithPass().body());
        } finally {
            running.set(false);
            intruder.join(10_000);
            app.uninstall();
            tool.uninstall();
        }
        assertTrue("the intruder asked: " + seen, seen.getOrDefault(401, new AtomicInteger()).get() > 0);
        assertTrue("the intruder asked: " + seen, seen.getOrDefault(503, new AtomicInteger()).get() > 0);
        assertEquals("the app was served without its guard: " + seen, null, seen.get(200));
        assertEquals("the intruder's requests failed: " + seen, null, seen.get(-1));
    }

    private Bundle installTool() throws Exception {
        Bundle tool;
        try (InputStream jar = AppBundles.serviceJar("org.cerise.itests.guard", GuardTool.class, Tool.class,
                "cerise.tool.name=guard")) {
            tool = context().installBundle("itest:guard:" + System.nanoTime(), jar);
        }
        tool.start();
        return tool;
    }

    private HttpResponse<String> getWithPass() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url("/guarded/"))).header("X-Pass", "open sesame")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
