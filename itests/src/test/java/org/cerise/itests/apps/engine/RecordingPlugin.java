package org.cerise.itests.apps.engine;

import org.cerise.api.engine.EnginePlugin;

/** Writes every channel it gets into a system property, which the test in the same JVM reads. */
public class RecordingPlugin implements EnginePlugin {

    /** The system property holding what the plugin got, e.g. {@code start;stop;}. */
    public static final String RECORD = "cerise.itests.engine.record";

    @Override
    public void start() {
        record("start");
    }

    @Override
    public void stop() {
        record("stop");
    }

    @Override
    public void graceful() {
        record("graceful");
    }

    private static synchronized void record(String channel) {
        System.setProperty(RECORD, System.getProperty(RECORD, "") + channel + ";");
    }
}
