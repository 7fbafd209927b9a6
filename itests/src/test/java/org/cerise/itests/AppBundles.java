package org.cerise.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.cerise.itests.apps.AppActivator;
import org.cerise.itests.apps.ServiceActivator;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Builds app bundles at test time from one package of the test sources (the classes come out
 * of the test probe bundle, which carries target/test-classes): the app class's package, plus
 * {@link AppActivator}, which registers the app as a service with {@code cerise.app.mount}
 * taken from the jar's {@value #MOUNT_HEADER} manifest header, so that every test can mount
 * the same code where it likes.
 */
final class AppBundles {

    /** Manifest header the test apps' activators read their mount point from. */
    static final String MOUNT_HEADER = "Cerise-Test-Mount";

    private AppBundles() {
    }

    /**
     * @param symbolicName the bundle's symbolic name
     * @param version      the bundle's version
     * @param app          the app class; its whole package (of the test sources) is packed
     * @param mount        the mount point, e.g. {@code "/hot"}
     * @return the jar, ready for {@code installBundle} or {@code Bundle.update}
     */
    static InputStream jar(String symbolicName, String version, Class<?> app, String mount) throws IOException {
        return jar(symbolicName, version, app, mount, Map.of());
    }

    /**
     * As {@link #jar(String, String, Class, String)}, with more manifest headers. Every file of
     * the package's folder in the test probe goes into the jar: its classes and resources (an
     * app's config file, error page templates).
     *
     * @param headers further main manifest headers
     */
    static InputStream jar(String symbolicName, String version, Class<?> app, String mount,
            Map<String, String> headers) throws IOException {
        return jar(symbolicName, version, app, mount, headers, AppActivator.class);
    }

    /**
     * As {@link #jar(String, String, Class, String, Map)}, with more entries anywhere in the jar
     * (e.g. an app's {@code public/} folder of static files, or a config file written by the test).
     *
     * @param entries further entries by their path in the jar (no leading slash)
     */
    static InputStream jar(String symbolicName, String version, Class<?> app, String mount,
            Map<String, String> headers, Map<String, byte[]> entries) throws IOException {
        return jar(symbolicName, version, app, mount, headers, AppActivator.class, entries);
    }

    private static InputStream jar(String symbolicName, String version, Class<?> app, String mount,
            Map<String, String> headers, Class<?> activatorClass) throws IOException {
        return jar(symbolicName, version, app, mount, headers, activatorClass, Map.of());
    }

    private static InputStream jar(String symbolicName, String version, Class<?> app, String mount,
            Map<String, String> headers, Class<?> activatorClass, Map<String, byte[]> entries) throws IOException {
        String appPackage = app.getPackageName();
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Activator", AppActivator.class.getName());
        main.putValue("Cerise-Test-App", app.getName());
        main.putValue("Import-Package", "org.cerise.api;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\"");
        main.putValue(MOUNT_HEADER, mount);
        headers.forEach(main::putValue);

        Bundle probe = FrameworkUtil.getBundle(AppBundles.class);
        String dir = appPackage.replace('.', '/');
        Enumeration<URL> classes = probe.findEntries(dir, "*", false);
        if (classes == null) {
            throw new IllegalStateException("no classes of package " + appPackage + " in the test probe");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            String activator = activatorClass.getName().replace('.', '/') + ".class";
            jar.putNextEntry(new JarEntry(activator));
            try (InputStream in = probe.getEntry(activator).openStream()) {
                in.transferTo(jar);
            }
            jar.closeEntry();
            while (classes.hasMoreElements()) {
                URL url = classes.nextElement();
                String path = url.getPath();
                jar.putNextEntry(new JarEntry(dir + path.substring(path.lastIndexOf('/'))));
                try (InputStream in = url.openStream()) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    /**
     * A bundle that registers one service other than an app, e.g. a tool: the whole package of
     * {@code service} plus {@link ServiceActivator}.
     *
     * @param symbolicName the bundle's symbolic name
     * @param service      the service class (public no-argument constructor)
     * @param iface        the interface it is registered under
     * @param property     its one service property, {@code name=value}
     * @return the jar
     */
    static InputStream serviceJar(String symbolicName, Class<?> service, Class<?> iface, String property)
            throws IOException {
        Map<String, String> headers = Map.of("Bundle-Activator", ServiceActivator.class.getName(),
                "Cerise-Test-Service", service.getName(), "Cerise-Test-Interface", iface.getName(),
                "Cerise-Test-Property", property,
                "Import-Package", "org.cerise.api;version=\"[1.1,2)\",org.cerise.api.tool;version=\"[1.1,2)\","
                        + "org.cerise.api.engine;version=\"[1.0,2)\","
                        + "org.osgi.framework;version=\"[1.8,2)\"");
        return jar(symbolicName, "1.0.0", service, "-", headers, ServiceActivator.class);
    }
}
