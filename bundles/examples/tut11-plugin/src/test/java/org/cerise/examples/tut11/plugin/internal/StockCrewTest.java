package org.cerise.examples.tut11.plugin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.cerise.api.engine.Engine;
import org.junit.jupiter.api.Test;

/** The crew's work, with an engine that records the monitor instead of running it. */
class StockCrewTest {

    /** Records the one monitor the crew asks for, so the test runs its rounds by hand. */
    static final class FakeEngine implements Engine {
        Runnable round;
        Duration frequency;
        boolean closed;

        @Override
        public State state() {
            return State.STARTED;
        }

        @Override
        public AutoCloseable subscribe(String channel, Listener listener, int priority) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Object> publish(String channel, Object... args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AutoCloseable monitor(String name, Runnable callback, Duration frequency) {
            this.round = callback;
            this.frequency = frequency;
            return () -> closed = true;
        }

        @Override
        public void graceful() {
        }

        @Override
        public void exit() {
        }
    }

    private static StockCrew.Config config(int size, int low, long seconds) {
        return new StockCrew.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StockCrew.Config.class;
            }

            @Override
            public int shelf_size() {
                return size;
            }

            @Override
            public int low_mark() {
                return low;
            }

            @Override
            public long restock_seconds() {
                return seconds;
            }
        };
    }

    private final FakeEngine engine = new FakeEngine();
    private final StockCrew crew = new StockCrew(engine, config(50, 10, 2));

    @Test
    void theShelvesAreEmptyUntilTheCrewStartsAndAfterItStops() throws Exception {
        assertEquals(Map.of(), crew.levels());
        assertThrows(NoSuchElementException.class, () -> crew.take("apples", 1));
        crew.start();
        assertEquals(Map.of("apples", 50, "bread", 50, "milk", 50), crew.levels());
        assertNotNull(engine.round);
        assertEquals(Duration.ofSeconds(2), engine.frequency);
        crew.stop();
        assertTrue(engine.closed, "the restocking rounds end with the crew");
        assertEquals(Map.of(), crew.levels());
    }

    @Test
    void takingLeavesFewerAndNeverBelowZero() throws Exception {
        crew.start();
        assertEquals(3, crew.take("apples", 3));
        assertEquals(47, crew.levels().get("apples"));
        assertEquals(47, crew.take("apples", 100));
        assertEquals(0, crew.take("apples", 1));
        assertThrows(NoSuchElementException.class, () -> crew.take("caviar", 1));
        assertThrows(IllegalArgumentException.class, () -> crew.take("bread", -1));
    }

    @Test
    void aRoundRefillsOnlyTheShelvesBelowTheLowMark() throws Exception {
        crew.start();
        crew.take("apples", 41); // 9 left: below 10
        crew.take("bread", 40); // 10 left: not below
        engine.round.run();
        assertEquals(Map.of("apples", 50, "bread", 10, "milk", 50), crew.levels());
        assertEquals(1, crew.restocks());
    }

    @Test
    void aSettingThatCouldNotServeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StockCrew(engine, config(5, 10, 2)));
        assertTrue(e.getMessage().contains("low.mark=10"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
