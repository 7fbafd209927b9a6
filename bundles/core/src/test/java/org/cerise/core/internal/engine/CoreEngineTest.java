package org.cerise.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cerise.api.engine.ChannelFailures;
import org.cerise.api.engine.Engine;
import org.cerise.api.engine.EnginePlugin;
import org.junit.jupiter.api.Test;

/** The bus as CherryPy's wspbus behaves: priorities, failures collected, and OSGi's comings and goings. */
class CoreEngineTest {

    private final List<String> calls = new ArrayList<>();
    private final CoreEngine engine = new CoreEngine();

    private EnginePlugin plugin(String name) {
        return new EnginePlugin() {
            @Override
            public void start() {
                calls.add(name + ".start");
            }

            @Override
            public void stop() {
                calls.add(name + ".stop");
            }
        };
    }

    private static Map<String, Object> props(long id, Object channels, Object priority) {
        return priority == null ? Map.of("service.id", id, EnginePlugin.CHANNELS, channels)
                : Map.of("service.id", id, EnginePlugin.CHANNELS, channels, EnginePlugin.PRIORITY, priority);
    }

    @Test
    void startAndStopReachPluginsInPriorityOrder() {
        engine.addPlugin(plugin("late"), props(1, new String[] {"start", "stop"}, 70));
        engine.addPlugin(plugin("early"), props(2, "start,stop", 10));
        engine.addPlugin(plugin("default"), props(3, List.of("start"), null));
        assertEquals(Engine.State.STOPPED, engine.state());
        engine.start();
        assertEquals(Engine.State.STARTED, engine.state());
        engine.stop();
        assertEquals(Engine.State.STOPPED, engine.state());
        assertEquals(List.of("early.start", "default.start", "late.start", "early.stop", "late.stop"), calls);
    }

    @Test
    void aPluginArrivingWhileStartedStartsAtOnceAndStopsWhenItLeaves() {
        engine.start();
        EnginePlugin p = plugin("app");
        engine.addPlugin(p, props(7, "start,stop", null));
        assertEquals(List.of("app.start"), calls);
        engine.removePlugin(p, props(7, "start,stop", null));
        assertEquals(List.of("app.start", "app.stop"), calls);
        engine.stop();
        assertEquals(List.of("app.start", "app.stop"), calls, "a plugin that left gets nothing more");
    }

    @Test
    void aPluginNotListeningToStopIsNotStopped() {
        engine.start();
        EnginePlugin p = plugin("onlystart");
        engine.addPlugin(p, props(8, "start", null));
        engine.removePlugin(p, props(8, "start", null));
        assertEquals(List.of("onlystart.start"), calls);
    }

    @Test
    void failuresAreCollectedAfterEveryListenerRan() throws Exception {
        engine.subscribe("custom", args -> {
            throw new IllegalStateException("first");
        }, 10);
        engine.subscribe("custom", args -> calls.add("second:" + args[0]), 20);
        engine.subscribe("custom", args -> {
            throw new IllegalArgumentException("third");
        }, 30);
        ChannelFailures f = assertThrows(ChannelFailures.class, () -> engine.publish("custom", "x"));
        assertEquals(List.of("second:x"), calls);
        assertEquals(2, f.failures().size());
        assertEquals("first", f.failures().get(0).getMessage());
        assertEquals("custom", f.channel());
    }

    @Test
    void aFailingStartDoesNotKeepOthersFromStarting() {
        engine.addPlugin(new EnginePlugin() {
            @Override
            public void start() {
                throw new IllegalStateException("broken plugin");
            }
        }, props(1, "start", 10));
        engine.addPlugin(plugin("fine"), props(2, "start", 20));
        engine.start();
        assertEquals(List.of("fine.start"), calls);
        assertEquals(Engine.State.STARTED, engine.state());
    }

    @Test
    void unsubscribingStopsTheCallbacks() throws Exception {
        AutoCloseable s = engine.subscribe("main", args -> calls.add("tick"), 50);
        engine.publish("main");
        s.close();
        engine.publish("main");
        assertEquals(List.of("tick"), calls);
        assertEquals(List.of(), engine.publish("nobody-listens"));
    }

    @Test
    void otherChannelsReachThePluginsPublishMethod() throws Exception {
        List<String> seen = new ArrayList<>();
        engine.addPlugin(new EnginePlugin() {
            @Override
            public Object publish(String channel, Object... args) {
                seen.add(channel + args.length);
                return "ok";
            }
        }, props(1, "log", null));
        assertEquals(List.of("ok"), engine.publish("log", "message", 20));
        assertEquals(List.of("log2"), seen);
    }

    @Test
    void requestChannelsArePublishedOnlyWhileSomeoneListensAndTheEngineRuns() throws Exception {
        RequestChannels.before(); // nobody listens: nothing happens
        AutoCloseable before = engine.subscribe("before_request", args -> calls.add("before"), 50);
        AutoCloseable after = engine.subscribe("after_request", args -> calls.add("after"), 50);
        RequestChannels.before();
        assertEquals(List.of(), calls, "the engine is not started yet");
        engine.start();
        RequestChannels.before();
        RequestChannels.after();
        assertEquals(List.of("before", "after"), calls);
        before.close();
        after.close();
        RequestChannels.before();
        assertEquals(List.of("before", "after"), calls);
        engine.stop();
    }

    @Test
    void mainIsPublishedPeriodicallyWhileStarted() throws Exception {
        java.util.concurrent.CountDownLatch ticks = new java.util.concurrent.CountDownLatch(3);
        engine.subscribe("main", args -> {
            ticks.countDown();
            return null;
        }, 50);
        engine.start();
        try {
            org.junit.jupiter.api.Assertions.assertTrue(ticks.await(5, java.util.concurrent.TimeUnit.SECONDS),
                    "main is published every 100 ms");
        } finally {
            engine.stop();
        }
    }

    @Test
    void theEnginesMessagesGoToTheLogChannel() throws Exception {
        List<Object> logged = new ArrayList<>();
        engine.subscribe("log", args -> logged.add(args[0] + "@" + args[1]), 50);
        engine.start();
        engine.stop();
        assertEquals(List.of("Bus STARTING@20", "Bus STARTED@20", "Bus STOPPING@20", "Bus STOPPED@20"), logged);
    }
}
