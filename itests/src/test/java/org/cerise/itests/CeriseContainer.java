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

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The container every integration test runs in: the distribution's, built the same way. Pax Exam
 * installs only what the distribution's launcher starts ({@code boot/}: pax-logging, jackson-core
 * and the feature manager); the feature manager then installs the features of the distribution's
 * launch list ({@code cerise.features}) plus {@code cerise-examples} from a local repository
 * (Maven layout, {@code target/repository}, filled with this module's dependencies), in a fresh
 * Felix, with Jetty on 127.0.0.1 and a free port.
 */
final class CeriseContainer {

    /** Framework property that holds Jetty's port (read back by the tests). */
    static final String HTTP_PORT = "org.osgi.service.http.port";

    /** Framework property: the features the manager installs at launch. */
    static final String FEATURES = "cerise.features";

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
                frameworkProperty("felix.fileinstall.enableConfigSave").value("false"),
                frameworkProperty("felix.fileinstall.filter").value(".*\\.(jar|cfg|config|json)"),

                // the features: the distribution's launch list, and the examples (which the
                // distribution ships in deploy/ instead)
                // (with the shell, as bin/cerise in a terminal: ShellIT types into it)
                frameworkProperty(FEATURES).value(launchProperty(FEATURES).replace("${cerise.shell.feature}", "cerise-shell")
                        + " cerise-examples"),
                frameworkProperty("cerise.features.dir").value(property("cerise.features")),
                frameworkProperty("cerise.repository").value(property("cerise.repository")),
                frameworkProperty("cerise.features.state").value(new File(work, "features.properties").getPath()),
                composite(bootBundles()),
                // and the admin feature's framework properties (the Web Console's security provider)
                composite(featureFrameworkProperties("cerise-admin.json")),
                // the shell without a console, as bin/cerise starts it when stdin is not a terminal:
                // this JVM's stdin belongs to failsafe, and a shell reading it would stop the
                // framework at its end
                frameworkProperty("gosh.args").value("--nointeractive"),

                junitBundles());
    }

    /**
     * What the distribution's launcher starts before the features ({@code boot/}): pax-logging and
     * Config Admin at start level 1, jackson-core, and the feature manager as this build just made it
     * ({@code target/bundles}).
     */
    private static Option[] bootBundles() {
        File manager = new File(property("cerise.bundles.dir"), "cerise-features.jar");
        if (!manager.isFile()) {
            throw new IllegalStateException(manager + " is missing: run the tests through Maven (mvn verify), which "
                    + "copies the reactor's bundles there at pre-integration-test");
        }
        List<Option> options = new ArrayList<>();
        options.add(mavenBundle("org.ops4j.pax.logging", "pax-logging-api").versionAsInProject().startLevel(1));
        options.add(mavenBundle("org.ops4j.pax.logging", "pax-logging-log4j2").versionAsInProject().startLevel(1));
        // before pax-logging resolves: its optional import of org.osgi.service.cm must find it
        options.add(mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject().startLevel(1));
        options.add(mavenBundle("com.fasterxml.jackson.core", "jackson-core").versionAsInProject());
        options.add(bundle(manager.toURI().toString()));
        return options.toArray(new Option[0]);
    }

    /** A launch property of the distribution ({@code etc/framework.properties}). */
    static String launchProperty(String name) {
        Properties launch = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(property("cerise.framework.properties")))) {
            launch.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = launch.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("the distribution's etc/framework.properties has no " + name);
        }
        return value;
    }

    /** The {@code framework-properties} a feature lists. */
    private static Option[] featureFrameworkProperties(String feature) {
        Path file = Path.of(property("cerise.features"), feature);
        List<Option> options = new ArrayList<>();
        try {
            new ObjectMapper().readTree(file.toFile()).path("framework-properties").fields().forEachRemaining(
                    e -> options.add(frameworkProperty(e.getKey()).value(e.getValue().asText())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feature " + file, e);
        }
        return options.toArray(new Option[0]);
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
