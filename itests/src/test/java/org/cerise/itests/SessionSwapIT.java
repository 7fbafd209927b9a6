package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cerise.api.session.SessionStore;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The default session store switched while clients keep using their sessions: ram → file →
 * memcached → redis → ram (real memcached and Redis servers). Each client has its own session
 * and a value only it knows; every answer must be its value, and no request may fail. After each
 * switch, every session is in the new store and none is left in the old one.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SessionSwapIT extends CeriseTestSupport {

    private static final Class<?> APP = org.cerise.itests.apps.sessions.SessionApp.class;
    private static final Pattern ID = Pattern.compile("session_id=([0-9a-f]{40});");
    private static final int CLIENTS = 8;
    private static final Duration MOVE_DEADLINE = Duration.ofSeconds(20);

    @Override
    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return OptionUtils.combine(CeriseContainer.container(),
                frameworkProperty(SessionServers.MEMCACHED_PORT).value(String.valueOf(SessionServers.memcachedPort())),
                frameworkProperty(SessionServers.REDIS_PORT).value(String.valueOf(SessionServers.redisPort())));
    }

    private ConfigurationAdmin configurationAdmin() {
        return context().getService(context().getServiceReference(ConfigurationAdmin.class));
    }

    private void configure(String pid, Object... keysAndValues) throws Exception {
        Configuration c = configurationAdmin().getConfiguration(pid, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        c.update(props);
    }

    /** The registered store of a name, waiting for it to come. */
    private SessionStore store(String name) throws Exception {
        long deadline = System.nanoTime() + MOVE_DEADLINE.toNanos();
        while (true) {
            Collection<ServiceReference<SessionStore>> refs = context().getServiceReferences(SessionStore.class,
                    "(" + SessionStore.NAME + "=" + name + ")");
            if (!refs.isEmpty()) {
                return context().getService(refs.iterator().next());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no session store '" + name + "' registered");
            }
            Thread.sleep(20);
        }
    }

    private static long count(SessionStore store) {
        try {
            return store.count();
        } catch (Exception e) {
            return -1;
        }
    }

    private void awaitMoved(String from, String to) throws Exception {
        SessionStore source = store(from);
        SessionStore target = store(to);
        long deadline = System.nanoTime() + MOVE_DEADLINE.toNanos();
        while (count(target) < CLIENTS || count(source) != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sessions not moved from " + from + " to " + to + " in time: " + count(source)
                        + " left in " + from + ", " + count(target) + " in " + to);
            }
            Thread.sleep(20);
        }
    }

    @Test
    public void everyClientKeepsItsSessionWhileTheStoreIsSwitchedFourTimes() throws Exception {
        configure("org.cerise.session.memcached", "servers", "127.0.0.1:" + context().getProperty(SessionServers.MEMCACHED_PORT),
                "prefix", "itest-swap.");
        configure("org.cerise.session.redis", "host", "127.0.0.1", "port",
                context().getProperty(SessionServers.REDIS_PORT), "prefix", "itest-swap:");
        configure("org.cerise.session", "store", "ram");
        Bundle app;
        try (InputStream jar = AppBundles.jar("org.cerise.itests.swap", "1.0.0", APP, "/swap")) {
            app = context().installBundle("itest:swap", jar);
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger requests = new AtomicInteger();
        try {
            app.start();
            await("/swap/get", r -> r.statusCode() == 200, MOUNT_DEADLINE);
            List<String> ids = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                HttpResponse<String> r = get("/swap/put?value=client" + c);
                Matcher m = ID.matcher(r.headers().firstValue("Set-Cookie").orElse(""));
                assertTrue(m.find());
                ids.add(m.group(1));
            }
            List<Future<?>> running_ = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String id = ids.get(c);
                String value = "client" + c;
                running_.add(clients.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("/swap/get")))
                                    .header("Cookie", "session_id=" + id));
                            requests.incrementAndGet();
                            if (r.statusCode() != 200 || !r.body().equals(value)) {
                                failures.add(value + ": " + r.statusCode() + " " + r.body().substring(0,
                                        Math.min(200, r.body().length())));
                            }
                        } catch (Exception e) {
                            failures.add(value + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            String[] stages = {"ram", "file", "memcached", "redis", "ram"};
            for (int i = 1; i < stages.length; i++) {
                int before = requests.get();
                configure("org.cerise.session", "store", stages[i]);
                awaitMoved(stages[i - 1], stages[i]);
                // clients go on reading from the new store for a moment
                while (requests.get() < before + 4 * CLIENTS) {
                    Thread.sleep(5);
                }
            }
            // a store that is not installed: refused, nothing moves, clients notice nothing
            int before = requests.get();
            configure("org.cerise.session", "store", "nosuch");
            while (requests.get() < before + 8 * CLIENTS) {
                Thread.sleep(5);
            }
            assertEquals(CLIENTS + 1, count(store("ram")));
            running.set(false);
            for (Future<?> f : running_) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals("no request failed and every client read its own value", List.of(), new ArrayList<>(failures));
            assertTrue("clients kept asking: " + requests.get(), requests.get() > 16 * CLIENTS);
            // the clients' sessions, and the one the readiness probe (await) opened
            assertEquals(CLIENTS + 1, count(store("ram")));
        } finally {
            running.set(false);
            clients.shutdownNow();
            app.uninstall();
            configure("org.cerise.session", "store", "ram");
        }
    }
}
