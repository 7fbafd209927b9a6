package org.cerise.examples.tut11.plugin.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.cerise.api.engine.CeriseEnginePlugin;
import org.cerise.api.engine.Engine;
import org.cerise.api.engine.EnginePlugin;
import org.cerise.examples.tut11.stock.Stock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tutorial 11's stock crew, the work that happens outside any request: an engine plugin
 * subscribed to {@code start} and {@code stop}. On {@code start} it fills every shelf and asks
 * the engine to run its restocking round periodically ({@link Engine#monitor}); on
 * {@code stop} it ends the round and empties the shelves. The same object is the
 * {@link Stock} service the store's tills take items from.
 *
 * <p>Nothing here knows the store app, nor the app this crew: the engine finds the crew as an
 * {@link EnginePlugin} service, the app finds the shelves as a {@link Stock} service.
 */
@Component(service = {EnginePlugin.class, Stock.class}, configurationPid = StockCrew.PID)
@CeriseEnginePlugin(channels = {"start", "stop"})
public final class StockCrew implements EnginePlugin, Stock {

    /** The configuration of the crew (a {@code deploy/org.cerise.examples.tut11.stock.cfg} file). */
    static final String PID = "org.cerise.examples.tut11.stock";

    /** What the store sells, in shelf order. */
    static final List<String> ITEMS = List.of("apples", "bread", "milk");

    private static final Logger LOG = LoggerFactory.getLogger(StockCrew.class);

    /**
     * The crew's settings, PID {@value StockCrew#PID}; DS turns {@code shelf_size} into the
     * property {@code shelf.size}, and so on.
     */
    @interface Config {
        /** @return how many of each item a full shelf holds */
        int shelf_size() default 50;

        /** @return a shelf with fewer items than this is refilled on the next round */
        int low_mark() default 10;

        /** @return seconds between two restocking rounds */
        long restock_seconds() default 2;
    }

    private final Engine engine;
    private final int shelfSize;
    private final int lowMark;
    private final Duration round;
    private final AtomicLong restocks = new AtomicLong();
    /** The shelves while the crew is at work; empty before start and after stop. */
    private volatile Map<String, AtomicInteger> shelves = Map.of();
    private AutoCloseable monitor;

    /**
     * @param engine the container's engine, which runs the restocking rounds
     * @param config the settings
     */
    @Activate
    public StockCrew(@Reference Engine engine, Config config) {
        if (config.shelf_size() < 1 || config.low_mark() < 0 || config.low_mark() > config.shelf_size()
                || config.restock_seconds() < 1) {
            // a configuration that would leave the shelves empty or the crew spinning: refuse it
            // loudly rather than run a store that cannot sell
            throw new IllegalArgumentException("PID " + PID + ": shelf.size must be at least 1, low.mark between 0 and "
                    + "shelf.size, restock.seconds at least 1; got shelf.size=" + config.shelf_size() + ", low.mark="
                    + config.low_mark() + ", restock.seconds=" + config.restock_seconds());
        }
        this.engine = engine;
        this.shelfSize = config.shelf_size();
        this.lowMark = config.low_mark();
        this.round = Duration.ofSeconds(config.restock_seconds());
    }

    @Override
    public synchronized void start() {
        Map<String, AtomicInteger> full = new LinkedHashMap<>();
        for (String item : ITEMS) {
            full.put(item, new AtomicInteger(shelfSize));
        }
        shelves = Collections.unmodifiableMap(full);
        restocks.set(0);
        monitor = engine.monitor("Stock crew", this::restock, round);
        LOG.info("Stock crew: shelves filled ({} of each of {}), restocking every {} s", shelfSize, ITEMS,
                round.toSeconds());
    }

    @Override
    public synchronized void stop() throws Exception {
        AutoCloseable m = monitor;
        monitor = null;
        if (m != null) {
            m.close();
        }
        shelves = Map.of();
        LOG.info("Stock crew: shelves emptied, the crew has gone home");
    }

    /** One restocking round: every shelf below the low mark is filled up again. */
    void restock() {
        for (Map.Entry<String, AtomicInteger> shelf : shelves.entrySet()) {
            int before = shelf.getValue().getAndUpdate(n -> n < lowMark ? shelfSize : n);
            if (before < lowMark) {
                restocks.incrementAndGet();
                LOG.info("Stock crew: restocked {} ({} -> {})", shelf.getKey(), before, shelfSize);
            }
        }
    }

    @Override
    public Map<String, Integer> levels() {
        Map<String, Integer> out = new TreeMap<>();
        shelves.forEach((item, count) -> out.put(item, count.get()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public int take(String item, int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("cannot take " + quantity + " " + item);
        }
        AtomicInteger shelf = shelves.get(item);
        if (shelf == null) {
            throw new NoSuchElementException(item);
        }
        while (true) {
            int on = shelf.get();
            int taken = Math.min(on, quantity);
            if (shelf.compareAndSet(on, on - taken)) {
                return taken;
            }
        }
    }

    @Override
    public long restocks() {
        return restocks.get();
    }
}
