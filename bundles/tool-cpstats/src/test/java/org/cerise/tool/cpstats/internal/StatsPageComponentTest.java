package org.cerise.tool.cpstats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;

import org.cerise.api.CeriseApp;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The page is an app service only while the configuration names a mount point. */
class StatsPageComponentTest {

    /** What the fake bundle context saw. */
    private final List<String> events = new ArrayList<>();

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("registerService") && args[0] instanceof String) {
                        Dictionary<?, ?> props = (Dictionary<?, ?>) args[2];
                        assertTrue(args[1] instanceof StatsPage);
                        String mount = (String) props.get(CeriseApp.MOUNT);
                        events.add("register " + args[0] + " at " + mount);
                        return Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {ServiceRegistration.class}, (p, rm, ra) -> {
                                    if (rm.getName().equals("unregister")) {
                                        events.add("unregister " + mount);
                                        return null;
                                    }
                                    throw new UnsupportedOperationException(rm.getName());
                                });
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private static StatsPageComponent.PageConfig config(String mount) {
        return (StatsPageComponent.PageConfig) Proxy.newProxyInstance(StatsPageComponentTest.class.getClassLoader(),
                new Class<?>[] {StatsPageComponent.PageConfig.class}, (proxy, m, args) -> {
                    if (m.getName().equals("page_mount")) {
                        return mount;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private static StatsPageComponent component() throws ReflectiveOperationException {
        StatsPageComponent c = new StatsPageComponent();
        Field f = StatsPageComponent.class.getDeclaredField("statistics");
        f.setAccessible(true);
        f.set(c, new StatsTool());
        return c;
    }

    @Test
    void mountedOnlyWhenConfiguredAndWithdrawnWithTheConfigOrTheComponent() throws Exception {
        StatsPageComponent c = component();
        c.activate(context(), config(""));
        assertEquals(List.of(), events, "no page by default");
        c.modified(config("/cpstats"));
        c.modified(config("/cpstats"));
        c.modified(config("/stats"));
        c.modified(config(""));
        c.modified(config("/cpstats"));
        c.deactivate();
        assertEquals(List.of("register " + StatsPage.class.getName() + " at /cpstats", "unregister /cpstats",
                "register " + StatsPage.class.getName() + " at /stats", "unregister /stats",
                "register " + StatsPage.class.getName() + " at /cpstats", "unregister /cpstats"), events);
    }
}
