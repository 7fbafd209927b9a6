package org.cerise.core.internal.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * CherryPy's {@code Monitor} plugins and their {@code BackgroundTask}s: callbacks run
 * periodically while the engine is started, on one daemon thread shared by all. They start
 * with the engine (or at once if it runs), stop with it, and restart on {@code graceful}.
 */
final class Monitors {

    private final Logger log;
    private final List<Monitor> monitors = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService executor;

    Monitors(Logger log) {
        this.log = log;
    }

    /** One periodic callback. */
    final class Monitor implements AutoCloseable {
        final String name;
        final Runnable callback;
        final Duration frequency;
        private ScheduledFuture<?> running;

        Monitor(String name, Runnable callback, Duration frequency) {
            this.name = name;
            this.callback = callback;
            this.frequency = frequency;
        }

        synchronized void start(ScheduledExecutorService on) {
            if (running == null) {
                long ms = Math.max(1, frequency.toMillis());
                running = on.scheduleWithFixedDelay(this::runOnce, ms, ms, TimeUnit.MILLISECONDS);
                log.info("Started monitor thread '{}'.", name);
            }
        }

        synchronized void stop() {
            if (running != null) {
                running.cancel(false);
                running = null;
                log.info("Stopped thread '{}'.", name);
            }
        }

        private void runOnce() {
            try {
                callback.run();
            } catch (RuntimeException | LinkageError | AssertionError e) {
                // CherryPy's BackgroundTask logs and goes on
                log.error("Error in background task '{}'", name, e);
            }
        }

        @Override
        public void close() {
            stop();
            monitors.remove(this);
        }
    }

    synchronized Monitor add(String name, Runnable callback, Duration frequency, boolean engineStarted) {
        Monitor m = new Monitor(name, callback, frequency);
        monitors.add(m);
        if (engineStarted) {
            m.start(executor());
        }
        return m;
    }

    synchronized void startAll() {
        for (Monitor m : monitors) {
            m.start(executor());
        }
    }

    synchronized void stopAll() {
        for (Monitor m : monitors) {
            m.stop();
        }
        if (executor != null) {
            executor.shutdown();
            executor = null;
        }
    }

    private ScheduledExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cerise-monitor");
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }
}
