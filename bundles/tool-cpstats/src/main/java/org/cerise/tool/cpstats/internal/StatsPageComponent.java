package org.cerise.tool.cpstats.internal;

import java.util.Hashtable;

import org.cerise.api.CeriseApp;
import org.cerise.tool.cpstats.RequestStatistics;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Mounts CherryPy's {@link StatsPage} when the configuration {@code org.cerise.tool.cpstats}
 * names a mount point ({@code page.mount = "/cpstats"}): it registers the page as an app
 * service with {@code cerise.app.mount}, and withdraws it when the mount point is removed or
 * the bundle stops. Nothing is mounted by default: the page shows every client's request line.
 */
@Component(configurationPid = StatsPageComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StatsPageComponent.PageConfig.class)
public final class StatsPageComponent {

    /** The configuration PID. */
    static final String PID = "org.cerise.tool.cpstats";

    /** The settings of the statistics page. */
    @ObjectClassDefinition(name = "Cerise cpstats",
            description = "CherryPy's statistics page (StatsPage) for the requests recorded by tools.cpstats")
    public @interface PageConfig {
        /**
         * @return the mount point, e.g. {@code /cpstats}; empty: the page is not mounted
         */
        @AttributeDefinition(name = "Mount point of the statistics page",
                description = "e.g. /cpstats; empty (the default): the page is not mounted", required = false)
        String page_mount() default "";
    }

    @Reference
    private RequestStatistics statistics;
    private BundleContext context;
    private ServiceRegistration<?> registration;
    private String mounted;

    @Activate
    synchronized void activate(BundleContext bundleContext, PageConfig config) {
        this.context = bundleContext;
        apply(config);
    }

    @Modified
    synchronized void modified(PageConfig config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        withdraw();
    }

    private void apply(PageConfig config) {
        String mount = config.page_mount() == null ? "" : config.page_mount().strip();
        if (mount.equals(mounted)) {
            return;
        }
        withdraw();
        if (!mount.isEmpty()) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(CeriseApp.MOUNT, mount);
            registration = context.registerService(StatsPage.class.getName(), new StatsPage(statistics), props);
            mounted = mount;
        }
    }

    private void withdraw() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
        mounted = null;
    }
}
