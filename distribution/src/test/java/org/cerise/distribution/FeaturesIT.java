package org.cerise.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The feature descriptors in {@code features/} are the one list of what the container runs, and
 * the assembled container agrees with them: {@code repository/} holds exactly the bundles the
 * features list (so distribution/pom.xml's dependencies, which fill it, are exactly those), the
 * launch list {@code cerise.features} names features that exist, {@code boot/} holds only
 * platform bundles, {@code deploy/} the examples, and the framework properties a feature sets are
 * the container's launch properties.
 */
class FeaturesIT {

    private static final Path HOME = Path.of(System.getProperty("cerise.home"));
    private static final Path FEATURES = Path.of(System.getProperty("cerise.features"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRepositoryHoldsExactlyTheBundlesOfEveryFeature() throws IOException {
        TreeSet<String> listed = new TreeSet<>();
        for (Path feature : featureFiles(FEATURES)) {
            for (JsonNode bundle : read(feature).path("bundles")) {
                String[] gav = bundle.path("id").asText().split(":");
                assertEquals(3, gav.length, feature + ": " + bundle);
                listed.add(gav[0].replace('.', '/') + "/" + gav[1] + "/" + gav[2] + "/" + gav[1] + "-" + gav[2] + ".jar");
            }
        }
        TreeSet<String> shipped = new TreeSet<>();
        Path repository = HOME.resolve("repository");
        try (Stream<Path> files = Files.walk(repository)) {
            // the jars; Maven's bookkeeping files (maven-metadata-local.xml, _remote.repositories) aside
            files.filter(p -> p.getFileName().toString().endsWith(".jar")).map(p -> repository.relativize(p).toString().replace('\\', '/'))
                    .forEach(shipped::add);
        }
        assertEquals(listed, shipped, "the bundles of features/*.json vs repository/ (distribution/pom.xml's "
                + "dependencies fill it: add or remove a bundle in both)");
    }

    @Test
    void theDistributionShipsTheFeatureFiles() throws IOException {
        TreeSet<String> source = new TreeSet<>();
        featureFiles(FEATURES).forEach(p -> source.add(p.getFileName().toString()));
        TreeSet<String> shipped = new TreeSet<>();
        featureFiles(HOME.resolve("features")).forEach(p -> shipped.add(p.getFileName().toString()));
        assertEquals(source, shipped, "features/*.json vs the distribution's features/");
    }

    @Test
    void theLaunchListNamesFeaturesThatExist() throws IOException {
        String list = launchProperties().getProperty("cerise.features");
        // bin/cerise fills ${cerise.shell.feature} with cerise-shell in a terminal, with nothing otherwise
        assertTrue(list.contains("${cerise.shell.feature}"), list);
        list = list.replace("${cerise.shell.feature}", "cerise-shell");
        TreeSet<String> known = new TreeSet<>();
        featureFiles(FEATURES).forEach(p -> known.add(read(p).path("id").asText().split(":")[1]));
        List<String> unknown = new ArrayList<>();
        for (String name : list.trim().split("[,\\s]+")) {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        assertEquals(List.of(), unknown, "cerise.features in etc/framework.properties names features missing from "
                + "features/ " + known);
        assertTrue(list.contains("cerise-platform") && list.contains("cerise-core"), list);
    }

    @Test
    void bootHoldsOnlyPlatformBundles() throws IOException {
        TreeSet<String> platform = new TreeSet<>(artifactIds("cerise-platform.json"));
        TreeSet<String> boot = jars(HOME.resolve("boot"));
        assertTrue(platform.containsAll(boot), "boot/ " + boot + " holds bundles cerise-platform.json does not list");
        assertTrue(boot.contains("cerise-features"), boot.toString());
    }

    @Test
    void examplesFeatureIsWhatDeployHolds() throws IOException {
        assertEquals(new TreeSet<>(artifactIds("cerise-examples.json")), jars(HOME.resolve("deploy")),
                "features/cerise-examples.json vs deploy/");
    }

    @Test
    void featureFrameworkPropertiesAreTheLaunchProperties() throws IOException {
        Properties launch = launchProperties();
        for (Path feature : featureFiles(FEATURES)) {
            Map<String, String> expected = new TreeMap<>();
            Map<String, String> actual = new TreeMap<>();
            read(feature).path("framework-properties").fields().forEachRemaining(e -> {
                expected.put(e.getKey(), e.getValue().asText());
                actual.put(e.getKey(), launch.getProperty(e.getKey()));
            });
            assertEquals(expected, actual, "framework-properties of " + feature + " vs etc/framework.properties");
        }
    }

    private static Properties launchProperties() throws IOException {
        Properties launch = new Properties();
        try (Reader in = Files.newBufferedReader(HOME.resolve("etc/framework.properties"))) {
            launch.load(in);
        }
        return launch;
    }

    private static List<Path> featureFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The artifact ids a feature lists. */
    private static List<String> artifactIds(String feature) {
        List<String> out = new ArrayList<>();
        for (JsonNode bundle : read(FEATURES.resolve(feature)).path("bundles")) {
            out.add(bundle.path("id").asText().split(":")[1]);
        }
        return out;
    }

    private static JsonNode read(Path feature) {
        try {
            return JSON.readTree(feature.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
