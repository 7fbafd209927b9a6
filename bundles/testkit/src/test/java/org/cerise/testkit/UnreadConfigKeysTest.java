package org.cerise.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cerise.api.Cerise;
import org.cerise.api.Expose;
import org.cerise.testkit.internal.LogBuffer;
import org.junit.jupiter.api.Test;

/**
 * A config key that nothing reads is warned of; a key whose namespace arrives a moment after the
 * app is not. In the embedded container the vhost dispatcher (whose namespace reads
 * {@code vhost.*}) is an optional bundle that starts after the apps mount: the same order as a
 * namespace's bundle that starts after the app's in the distribution.
 */
@InProcess
class UnreadConfigKeysTest extends CPWebCase {

    /** An app of this test alone, so that its lines are told apart in the shared log. */
    public static class UnreadKeysApp {
        /** @return a greeting */
        @Expose
        public String index() {
            return "read";
        }
    }

    static void setupServer() {
        Cerise.mount(new UnreadKeysApp(), "/", Map.of("/", Map.of(
                "vhost.domains", Map.of("www.example.com", ""),
                "nosuch.key", 1)));
    }

    /** This app's "nothing reads" lines since the container started (before this test too). */
    private static List<String> unreadKeyLines() {
        return LogBuffer.ERROR.from(0).stream()
                .filter(l -> l.contains("App 'UnreadKeysApp': nothing reads the config key")).toList();
    }

    @Test
    void onlyAKeyNothingEverReadsIsWarnedOf() throws InterruptedException {
        // No request first: the optional bundles start by themselves a second after the apps
        // mount, about when a fixed one-second delay would warn of vhost.domains.
        long end = System.nanoTime() + 15_000_000_000L;
        while (unreadKeyLines().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        Thread.sleep(1_500); // a second warning of the same key, or a late one of vhost.domains, would be here by now
        List<String> lines = unreadKeyLines();
        assertEquals(1, lines.size(), "the key nothing reads, once, and not vhost.domains, read once its namespace came: "
                + lines);
        assertTrue(lines.get(0).contains("WARN") && lines.get(0).contains("'nosuch.key' (no config namespace 'nosuch' is installed)"),
                lines.get(0));
        getPage("/");
        assertStatus(200);
        assertBody("read");
    }
}
