package org.cerise.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.ops4j.pax.exam.Option;

/**
 * The container every integration test runs in: the same bundles as the distribution
 * ({@code distribution/pom.xml}), in a fresh Felix, with Jetty on 127.0.0.1 and a free port.
 *
 * <p>Third-party bundles come from the local Maven repository at the versions of the itests
 * POM; Cerise's own bundles are the files this build just made, copied to
 * {@code target/bundles} by the POM.
 */
final class CeriseContainer {

    /** Framework property that holds Jetty's port (read back by the tests). */
    static final String HTTP_PORT = "org.osgi.service.http.port";

    /** Cerise's bundles, in install order (file names as copy-dependencies writes them). */
    private static final String[] CERISE_BUNDLES = {
        "cerise-api", "cerise-core", "cerise-dispatch-tree", "cerise-tool-trailing-slash", "cerise-http-jetty",
        "cerise-example-tut01", "cerise-example-tut02", "cerise-example-tut03", "cerise-example-tut04",
    };

    private CeriseContainer() {
    }

    /** @return the options of a container listening on a port nobody else uses right now */
    static Option[] container() {
        String port = String.valueOf(freePort());
        File work = new File(property("cerise.work.dir"), "felix-" + port);
        // FileInstall creates its folder; nothing is deployed through it here
        File deploy = new File(work, "deploy");
        return options(
                workingDirectory(work.getPath()),
                frameworkProperty(HTTP_PORT).value(port),
                frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                // the distribution's HTTP settings (Server header, idle timeout, URI compliance,
                // the Jetty customizer hook), from its own launch properties
                composite(distributionHttpProperties()),
                // the distribution's logging; the output goes to target/failsafe-reports/*-output.txt
                frameworkProperty("org.ops4j.pax.logging.property.file").value(property("cerise.log.config")),
                frameworkProperty("felix.fileinstall.dir").value(deploy.getPath()),
                frameworkProperty("felix.fileinstall.poll").value("200"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),

                // logging first; pax-logging exports SLF4J 2 itself (no service-loader mediator)
                mavenBundle("org.ops4j.pax.logging", "pax-logging-api").versionAsInProject().startLevel(1),
                mavenBundle("org.ops4j.pax.logging", "pax-logging-log4j2").versionAsInProject().startLevel(1),

                mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.fileinstall").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.log").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.metatype").versionAsInProject(),
                mavenBundle("commons-io", "commons-io").versionAsInProject(),
                mavenBundle("commons-fileupload", "commons-fileupload").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.http.servlet-api").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.http.jetty12").versionAsInProject(),

                composite(ceriseBundles()),

                junitBundles());
    }

    private static Option[] ceriseBundles() {
        Option[] options = new Option[CERISE_BUNDLES.length];
        for (int i = 0; i < options.length; i++) {
            File jar = new File(property("cerise.bundles.dir"), CERISE_BUNDLES[i] + ".jar");
            if (!jar.isFile()) {
                throw new IllegalStateException(jar + " is missing: run the tests through Maven (mvn verify),"
                        + " which copies the reactor's bundles there at pre-integration-test");
            }
            options[i] = bundle(jar.toURI().toString());
        }
        return options;
    }

    /** The distribution's launch properties that shape HTTP: Felix HTTP's and Jetty's. */
    private static Option[] distributionHttpProperties() {
        Properties launch = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(property("cerise.framework.properties")))) {
            launch.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Option> options = new ArrayList<>();
        for (String key : launch.stringPropertyNames()) {
            if (key.startsWith("org.apache.felix.http.") || key.startsWith("org.apache.felix.proxy.")
                    || key.startsWith("org.eclipse.jetty.")) {
                options.add(frameworkProperty(key).value(launch.getProperty(key)));
            }
        }
        return options.toArray(new Option[0]);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run the tests through Maven");
        }
        return value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
