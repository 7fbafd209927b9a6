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
import org.ops4j.pax.exam.options.MavenArtifactProvisionOption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The container every integration test runs in: the bundles of the features the distribution
 * ships ({@code features/}), in a fresh Felix, with Jetty on 127.0.0.1 and a free port.
 */
final class CeriseContainer {

    /** Framework property that holds Jetty's port (read back by the tests). */
    static final String HTTP_PORT = "org.osgi.service.http.port";

    /** The features the container is made of, as the distribution ships them, in install order. */
    private static final List<String> FEATURES = List.of("cerise-platform.json", "cerise-core.json",
            "cerise-tools.json", "cerise-sessions.json", "cerise-jdbc.json", "cerise-admin.json", "cerise-shell.json",
            "cerise-examples.json");

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

                // every bundle of the features: the same container as the distribution
                composite(featureBundles()),
                // and the admin feature's framework properties (the Web Console's security provider)
                composite(featureFrameworkProperties("cerise-admin.json")),
                // the shell without a console, as bin/cerise starts it when stdin is not a terminal:
                // this JVM's stdin belongs to failsafe, and a shell reading it would stop the
                // framework at its end
                frameworkProperty("gosh.args").value("--nointeractive"),

                junitBundles());
    }

    /**
     * The bundles the features list ({@code features/*.json}, OSGi Feature descriptors):
     * third-party ones from the local Maven repository at the listed version, Cerise's own from
     * the files this build just made ({@code target/bundles}), so that the tests run what the
     * reactor built. A feature's {@code start-order} becomes the start level (pax-logging first).
     */
    private static Option[] featureBundles() {
        ObjectMapper json = new ObjectMapper();
        List<Option> options = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String feature : FEATURES) {
            Path file = Path.of(property("cerise.features"), feature);
            JsonNode bundles;
            try {
                bundles = json.readTree(file.toFile()).path("bundles");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the feature " + file, e);
            }
            for (JsonNode bundle : bundles) {
                if (!seen.add(bundle.path("id").asText())) {
                    continue; // a bundle two features need (Jackson) is installed once
                }
                String[] gav = bundle.path("id").asText().split(":");
                if (gav.length != 3) {
                    throw new IllegalStateException(file + " lists a bundle id that is not group:artifact:version: "
                            + bundle.path("id").asText());
                }
                if (gav[0].startsWith("org.cerise")) {
                    File built = new File(property("cerise.bundles.dir"), gav[1] + ".jar");
                    if (!built.isFile()) {
                        throw new IllegalStateException(built + " is missing: " + file + " lists " + gav[1] + "; add it "
                                + "to itests/pom.xml and run the tests through Maven (mvn verify), which copies the "
                                + "reactor's bundles there at pre-integration-test");
                    }
                    options.add(bundle(built.toURI().toString()));
                    continue;
                }
                MavenArtifactProvisionOption artifact = mavenBundle(gav[0], gav[1], gav[2]);
                if (bundle.has("start-order")) {
                    artifact.startLevel(Integer.parseInt(bundle.path("start-order").asText()));
                }
                options.add(artifact);
            }
        }
        return options.toArray(new Option[0]);
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
