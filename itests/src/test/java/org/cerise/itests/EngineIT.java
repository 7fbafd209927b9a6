package org.cerise.itests;

import static org.junit.Assert.assertEquals;

import java.io.InputStream;

import org.cerise.api.engine.Engine;
import org.cerise.api.engine.EnginePlugin;
import org.cerise.itests.apps.engine.RecordingPlugin;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The engine bus in a real container: it is started once the core is up, and an
 * {@link EnginePlugin} bundle dropped in while it runs gets {@code start} at once and
 * {@code stop} when it is uninstalled; channels it did not subscribe to never reach it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EngineIT extends CeriseTestSupport {

    @Test
    public void aPluginStartsWhenItArrivesAndStopsWhenItLeaves() throws Exception {
        ServiceReference<Engine> ref = context().getServiceReference(Engine.class);
        Engine engine = context().getService(ref);
        assertEquals(Engine.State.STARTED, engine.state());

        System.clearProperty(RecordingPlugin.RECORD);
        Bundle plugin;
        try (InputStream jar = AppBundles.serviceJar("org.cerise.itests.engine", RecordingPlugin.class,
                EnginePlugin.class, EnginePlugin.CHANNELS + "=start,stop")) {
            plugin = context().installBundle("itest:engine", jar);
        }
        plugin.start();
        assertEquals("start;", System.getProperty(RecordingPlugin.RECORD));

        engine.graceful(); // the plugin did not subscribe to it
        assertEquals("start;", System.getProperty(RecordingPlugin.RECORD));

        plugin.uninstall();
        assertEquals("start;stop;", System.getProperty(RecordingPlugin.RECORD));
        context().ungetService(ref);
    }
}
