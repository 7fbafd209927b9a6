package org.cerise.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The feature descriptors in {@code features/} and the assembled container agree: every bundle
 * a feature lists is shipped (platform, core, tools, sessions, JDBC, admin and shell in {@code bundle/} and {@code boot/}, examples
 * in {@code deploy/}), nothing else is, and the framework properties a feature sets are the
 * container's launch properties.
 */
class FeaturesIT {

    private static final Path HOME = Path.of(System.getProperty("cerise.home"));
    private static final Path FEATURES = Path.of(System.getProperty("cerise.features"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void platformCoreAndToolsFeaturesAreTheBundlesTheContainerStarts() throws IOException {
        // bundle/ keeps versions in the file names (artifactId-version.jar); boot/ does not
        TreeSet<String> listed = new TreeSet<>();
        bundles("cerise-platform.json").forEach((a, v) -> listed.add(a + "-" + v));
        bundles("cerise-core.json").forEach((a, v) -> listed.add(a + "-" + v));
        bundles("cerise-tools.json").forEach((a, v) -> listed.add(a + "-" + v));
        bundles("cerise-sessions.json").forEach((a, v) -> listed.add(a + "-" + v));
        bundles("cerise-jdbc.json").forEach((a, v) -> listed.add(a + "-" + v));
        bundles("cerise-admin.json").forEach((a, v) -> listed.add(a + "-" + v));
        bundles("cerise-shell.json").forEach((a, v) -> listed.add(a + "-" + v));
        TreeSet<String> shipped = new TreeSet<>();
        try (Stream<Path> files = Files.list(HOME.resolve("bundle"))) {
            files.map(p -> p.getFileName().toString().replaceFirst("\\.jar$", "")).forEach(shipped::add);
        }
        jars(HOME.resolve("boot")).forEach(a -> shipped.add(a + "-" + bundles("cerise-platform.json").get(a)));
        assertEquals(listed, shipped, "features/cerise-platform.json + cerise-core.json + cerise-tools.json + cerise-sessions.json + cerise-jdbc.json + cerise-admin.json + cerise-shell.json vs bundle/ and boot/");
    }

    @Test
    void examplesFeatureIsWhatDeployHolds() throws IOException {
        assertEquals(new TreeSet<>(bundles("cerise-examples.json").keySet()), new TreeSet<>(jars(HOME.resolve("deploy"))),
                "features/cerise-examples.json vs deploy/");
    }

    @Test
    void featureFrameworkPropertiesAreTheLaunchProperties() throws IOException {
        Properties launch = new Properties();
        try (Reader in = Files.newBufferedReader(HOME.resolve("etc/framework.properties"))) {
            launch.load(in);
        }
        for (String name : new String[] {"cerise-platform.json", "cerise-admin.json", "cerise-shell.json"}) {
            Map<String, String> expected = new TreeMap<>();
            Map<String, String> actual = new TreeMap<>();
            read(name).path("framework-properties").fields().forEachRemaining(e -> {
                expected.put(e.getKey(), e.getValue().asText());
                actual.put(e.getKey(), launch.getProperty(e.getKey()));
            });
            assertEquals(expected, actual, "framework-properties of features/" + name + " vs etc/framework.properties");
        }
    }

    /** The artifact ids a feature lists, with their versions. */
    private static Map<String, String> bundles(String feature) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode bundle : read(feature).path("bundles")) {
            String[] gav = bundle.path("id").asText().split(":");
            out.put(gav[1], gav[gav.length - 1]);
        }
        return out;
    }

    private static JsonNode read(String feature) {
        try {
            return JSON.readTree(FEATURES.resolve(feature).toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The artifact ids of the jars in a folder, with or without a version in the file name. */
    private static TreeSet<String> jars(Path dir) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .map(n -> n.substring(0, n.length() - 4).replaceFirst("-\\d[\\w.-]*$", ""))
                    .forEach(out::add);
        }
        return out;
    }
}
