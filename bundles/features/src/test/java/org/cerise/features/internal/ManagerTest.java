package org.cerise.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import org.apache.felix.framework.Felix;
import org.cerise.features.FeatureException;
import org.cerise.features.FeatureInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * The feature manager in a real Felix, with real (generated) bundles in a Maven-layout
 * repository on disk and real descriptor files.
 */
class ManagerTest {

    @TempDir
    Path dir;
    private Path features;
    private Path repository;
    private Path stateFile;
    private Framework framework;

    @BeforeEach
    void setUp() throws Exception {
        features = Files.createDirectories(dir.resolve("features"));
        repository = Files.createDirectories(dir.resolve("repository"));
        stateFile = dir.resolve("data/features.properties");
        bundle("b1", null, null);
        bundle("b2", "pkg.two", null);
        bundle("b3", null, "pkg.two");
        bundle("b4", null, "no.such.pkg");
        bundle("b5", null, "pkg.five");
        feature("fa", "b1", "b2");
        feature("fb", "b2", "b3");
        framework = start("one");
    }

    @AfterEach
    void tearDown() throws Exception {
        stop(framework);
    }

    private Framework start(String name) throws Exception {
        Framework f = new Felix(Map.of(Constants.FRAMEWORK_STORAGE, dir.resolve("cache-" + name).toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        f.start();
        return f;
    }

    private static void stop(Framework f) throws Exception {
        f.stop();
        f.waitForStop(10_000);
    }

    private Manager manager() throws IOException {
        return new Manager(framework.getBundleContext(), features, List.of(repository), stateFile);
    }

    /** A bundle org.example.NAME 1.0.0 in the repository as org.example:NAME:1.0.0. */
    private Path bundle(String name, String exports, String imports) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, "org.example." + name);
        a.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        if (exports != null) {
            a.putValue(Constants.EXPORT_PACKAGE, exports);
        }
        if (imports != null) {
            a.putValue(Constants.IMPORT_PACKAGE, imports);
        }
        Path jar = repository.resolve("org/example/" + name + "/1.0.0/" + name + "-1.0.0.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }

    private Path feature(String name, String... bundles) throws IOException {
        String list = Arrays.stream(bundles).map(b -> "    { \"id\": \"org.example:" + b + ":1.0.0\" }")
                .collect(Collectors.joining(",\n"));
        return Files.writeString(features.resolve(name + ".json"), "{\n  \"feature-resource-version\": \"1.0\",\n"
                + "  // a comment, as chapter 159 allows\n  \"id\": \"org.example:" + name + ":1.0.0\",\n"
                + "  \"bundles\": [\n" + list + "\n  ]\n}\n");
    }

    /** The symbolic names of the installed bundles, without the framework's. */
    private TreeSet<String> installedBundles() {
        return installedBundles(framework.getBundleContext());
    }

    private static TreeSet<String> installedBundles(BundleContext context) {
        return Arrays.stream(context.getBundles()).filter(b -> b.getBundleId() != 0).map(Bundle::getSymbolicName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aBundleStaysWhileAnotherInstalledFeatureNeedsIt() throws Exception {
        Manager m = manager();
        FeatureInfo fa = m.install("fa");
        assertEquals(FeatureInfo.State.INSTALLED, fa.state());
        assertEquals("ACTIVE", fa.bundles().get(0).state());
        m.install("org.example:fb:1.0.0");
        assertEquals(new TreeSet<>(List.of("org.example.b1", "org.example.b2", "org.example.b3")), installedBundles());
        assertEquals(List.of("org.example:fa:1.0.0", "org.example:fb:1.0.0"),
                m.installed().stream().filter(f -> f.id().equals("org.example:fb:1.0.0")).findFirst().get()
                        .bundles().get(0).features());

        FeatureInfo removed = m.remove("fa");
        assertEquals(FeatureInfo.State.AVAILABLE, removed.state());
        assertEquals(new TreeSet<>(List.of("org.example.b2", "org.example.b3")), installedBundles(),
                "b1 goes, b2 stays: fb lists it");
        assertEquals(Bundle.ACTIVE, bundleNamed("org.example.b2").getState());

        m.remove("fb");
        assertEquals(new TreeSet<>(), installedBundles());
        assertEquals(List.of(), m.installed());
    }

    @Test
    void aMissingBundleRollsBackTheWholeFeatureAndIsNamed() throws Exception {
        feature("fc", "b1", "b9");
        Manager m = manager();
        FeatureException e = assertThrows(FeatureException.class, () -> m.install("fc"));
        assertEquals(FeatureException.Reason.FAILED, e.reason());
        assertTrue(e.getMessage().contains("org.example:b9:1.0.0 is not in the local repository"), e.getMessage());
        assertTrue(e.getMessage().contains(repository.resolve("org/example/b9/1.0.0/b9-1.0.0.jar").toString()),
                e.getMessage());
        assertEquals(new TreeSet<>(), installedBundles(), "b1, installed first, was uninstalled again");
        assertEquals(List.of(), m.installed());
    }

    @Test
    void anUnresolvableRequirementRollsBackAndIsNamed() throws Exception {
        feature("fd", "b1", "b4");
        Manager m = manager();
        FeatureException e = assertThrows(FeatureException.class, () -> m.install("fd"));
        assertTrue(e.getMessage().contains("org.example:b4:1.0.0 (org.example.b4 1.0.0) cannot be resolved"),
                e.getMessage());
        assertTrue(e.getMessage().contains("osgi.wiring.package=no.such.pkg"), e.getMessage());
        assertEquals(new TreeSet<>(), installedBundles());
    }

    @Test
    void aRequirementMissingTwoBundlesDownIsNamed() throws Exception {
        bundle("b6", "pkg.five", "no.such.pkg");
        feature("fe", "b5", "b6");
        FeatureException e = assertThrows(FeatureException.class, () -> manager().install("fe"));
        assertTrue(e.getMessage().contains("it needs org.example.b6, which requires osgi.wiring.package")
                && e.getMessage().contains("no.such.pkg"), e.getMessage());
        assertEquals(new TreeSet<>(), installedBundles());
    }

    @Test
    void aFailureLeavesWhatOtherFeaturesHadInstalled() throws Exception {
        Manager m = manager();
        m.install("fa");
        feature("ff", "b2", "b4");
        assertThrows(FeatureException.class, () -> m.install("ff"));
        assertEquals(new TreeSet<>(List.of("org.example.b1", "org.example.b2")), installedBundles());
        assertEquals(List.of("org.example:fa:1.0.0"), m.installed().get(0).bundles().get(1).features());
    }

    @Test
    void installingTwiceOrRemovingWhatIsNotInstalledIsRefused() throws Exception {
        Manager m = manager();
        m.install("fa");
        assertEquals(FeatureException.Reason.CONFLICT, assertThrows(FeatureException.class, () -> m.install("fa")).reason());
        assertEquals(FeatureException.Reason.CONFLICT, assertThrows(FeatureException.class, () -> m.remove("fb")).reason());
        FeatureException unknown = assertThrows(FeatureException.class, () -> m.install("nope"));
        assertEquals(FeatureException.Reason.UNKNOWN, unknown.reason());
        assertTrue(unknown.getMessage().contains("available: [fa, fb]"), unknown.getMessage());
    }

    @Test
    void malformedDescriptorsNameFileAndKeyAndInstallNothing() throws Exception {
        Path bad = Files.writeString(features.resolve("bad.json"), "{\n  \"id\": \"org.example:bad:1.0.0\",\n"
                + "  \"bundles\": [\n    { \"id\": \"org.example:b1:1.0.0\" },\n    { \"id\": \"b2\" }\n  ]\n}\n");
        Files.writeString(features.resolve("notjson.json"), "{ \"id\": \"org.example:x:1\", \"bundles\": [ }");
        Files.writeString(features.resolve("noid.json"), "{ \"bundles\": [] }");
        Files.writeString(features.resolve("order.json"),
                "{ \"id\": \"org.example:o:1\", \"bundles\": [ { \"id\": \"org.example:b1:1.0.0\", \"start-order\": \"first\" } ] }");
        Manager m = manager();

        FeatureException e = assertThrows(FeatureException.class, () -> m.install("bad"));
        assertEquals(FeatureException.Reason.INVALID, e.reason());
        assertEquals(bad + ": key 'bundles[1].id' must be Maven coordinates groupId:artifactId[:type[:classifier]]:version,"
                + " is \"b2\" (line 5, column 13)", e.getMessage());
        assertTrue(assertThrows(FeatureException.class, () -> m.installFile(features.resolve("notjson.json")))
                .getMessage().contains("notjson.json: not valid JSON"));
        assertTrue(assertThrows(FeatureException.class, () -> m.install("noid")).getMessage()
                .contains("noid.json: key 'id' is missing"));
        assertTrue(assertThrows(FeatureException.class, () -> m.install("order")).getMessage()
                .contains("order.json: key 'bundles[0].start-order' must be a start level"));
        assertEquals(new TreeSet<>(), installedBundles());

        Map<String, FeatureInfo> all = m.available().stream().collect(Collectors.toMap(FeatureInfo::name, f -> f));
        assertEquals(FeatureInfo.State.INVALID, all.get("bad").state());
        assertTrue(all.get("bad").error().contains("'bundles[1].id'"));
        assertEquals(FeatureInfo.State.AVAILABLE, all.get("fa").state());
    }

    @Test
    void aBundleInstalledBySomeoneElseIsAdoptedAndNeverUninstalled() throws Exception {
        Path copy = Files.copy(repository.resolve("org/example/b1/1.0.0/b1-1.0.0.jar"), dir.resolve("b1.jar"));
        Bundle theirs = framework.getBundleContext().installBundle(copy.toUri().toString());
        Manager m = manager();
        FeatureInfo fa = m.install("fa");
        assertEquals(theirs.getBundleId(), fa.bundles().get(0).bundleId());
        assertTrue(!fa.bundles().get(0).managed());
        assertTrue(fa.bundles().get(1).managed());
        m.remove("fa");
        assertEquals(new TreeSet<>(List.of("org.example.b1")), installedBundles());
        assertEquals(Bundle.INSTALLED | Bundle.RESOLVED | Bundle.ACTIVE,
                (Bundle.INSTALLED | Bundle.RESOLVED | Bundle.ACTIVE) | theirs.getState());
    }

    @Test
    void whatWasInstalledAndRemovedSurvivesARestart() throws Exception {
        Manager m = manager();
        assertEquals(1, m.launch("fb"));
        m.install("fa");
        m.remove("fb");
        assertEquals(new TreeSet<>(List.of("org.example.b1", "org.example.b2")), installedBundles());

        stop(framework);
        framework = start("two");
        Manager again = manager();
        assertEquals(1, again.launch("fb"), "fa comes back, fb stays removed");
        assertEquals(List.of("org.example:fa:1.0.0"), again.installed().stream().map(FeatureInfo::id).toList());
        assertEquals("request", again.installed().get(0).source());
        assertEquals(new TreeSet<>(List.of("org.example.b1", "org.example.b2")), installedBundles());

        again.install("fb"); // back on the launch list: nothing left to remember about it
        assertTrue(Files.readString(stateFile).contains("removed=\n") || Files.readString(stateFile).contains("removed=\r\n"),
                Files.readString(stateFile));
    }

    @Test
    void theLaunchListSkipsWhatItCannotInstallAndRunsTheRest() throws Exception {
        Manager m = manager();
        feature("fd", "b4");
        assertEquals(1, m.launch("fd, nope fa"));
        assertEquals(List.of("org.example:fa:1.0.0"), m.installed().stream().map(FeatureInfo::id).toList());
        assertEquals("launch", m.installed().get(0).source());
    }

    @Test
    void aDescriptorFileInstallsItsFeatureAndItsDeletionRemovesIt() throws Exception {
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Path file = Files.writeString(deploy.resolve("mine.json"), "{ \"id\": \"org.example:mine:2\", "
                + "\"bundles\": [ \"org.example:b2:1.0.0\", { \"id\": \"org.example:b3:1.0.0\" } ] }");
        Manager m = manager();
        FeatureInfo f = m.installFile(file);
        assertEquals(file.toAbsolutePath().toString(), f.source());
        assertEquals(new TreeSet<>(List.of("org.example.b2", "org.example.b3")), installedBundles());
        assertEquals(FeatureException.Reason.CONFLICT,
                assertThrows(FeatureException.class, () -> m.remove("mine")).reason(), "the file owns it");
        assertEquals("org.example:mine:2", m.removeFile(file));
        assertEquals(new TreeSet<>(), installedBundles());
        assertNull(m.removeFile(file));
        assertNotNull(m.available());
    }

    /** A repository jar installed from a copy elsewhere, as an app dropped into deploy/ is, and started. */
    private Bundle installApp(String name) throws Exception {
        Path copy = Files.copy(repository.resolve("org/example/" + name + "/1.0.0/" + name + "-1.0.0.jar"),
                dir.resolve(name + ".jar"));
        Bundle app = framework.getBundleContext().installBundle(copy.toUri().toString());
        app.start();
        return app;
    }

    @Test
    void aFeatureWhosePackagesABundleOutsideItImportsIsNotRemoved() throws Exception {
        Manager m = manager();
        m.install("fa"); // b2 exports pkg.two
        Bundle app = installApp("b3"); // imports pkg.two, installed by someone else
        assertEquals(Bundle.ACTIVE, app.getState());
        String stateBefore = Files.readString(stateFile);

        FeatureException e = assertThrows(FeatureException.class, () -> m.remove("fa"));
        assertEquals(FeatureException.Reason.IN_USE, e.reason());
        assertEquals("feature org.example:fa:1.0.0 is not removed, nothing was changed: a bundle that stays installed"
                + " needs its bundles: org.example.b3 1.0.0 imports pkg.two from org.example.b2 1.0.0. Uninstall that"
                + " bundle first (an app in deploy/: delete its jar there), then remove the feature", e.getMessage());
        assertEquals(new TreeSet<>(List.of("org.example.b1", "org.example.b2", "org.example.b3")), installedBundles());
        assertEquals(Bundle.ACTIVE, bundleNamed("org.example.b1").getState());
        assertEquals(Bundle.ACTIVE, app.getState());
        assertEquals(List.of("org.example:fa:1.0.0"), m.installed().stream().map(FeatureInfo::id).toList());
        assertEquals(stateBefore, Files.readString(stateFile));

        app.uninstall(); // still wired until a refresh: an uninstalled bundle does not count
        assertEquals(FeatureInfo.State.AVAILABLE, m.remove("fa").state());
        assertEquals(new TreeSet<>(), installedBundles());
    }

    @Test
    void optionalImportsCountAndOnlyTheBundlesThatWouldBeUninstalledAreChecked() throws Exception {
        bundle("b7", null, "pkg.two;resolution:=optional");
        Manager m = manager();
        m.install("fa");
        m.install("fb"); // lists b2 too
        Bundle app = installApp("b7");
        assertEquals(Bundle.ACTIVE, app.getState());

        m.remove("fa"); // only b1 goes: b2, which b7 imports from, stays for fb
        assertEquals(new TreeSet<>(List.of("org.example.b2", "org.example.b3", "org.example.b7")), installedBundles());

        FeatureException e = assertThrows(FeatureException.class, () -> m.remove("fb"));
        assertEquals(FeatureException.Reason.IN_USE, e.reason());
        assertTrue(e.getMessage().contains(": org.example.b7 1.0.0 optionally imports pkg.two from org.example.b2 1.0.0."),
                e.getMessage());
        assertTrue(!e.getMessage().contains("org.example.b3 "), "b3 imports pkg.two too, but goes with fb: " + e.getMessage());
        assertEquals(new TreeSet<>(List.of("org.example.b2", "org.example.b3", "org.example.b7")), installedBundles());
    }

    @Test
    void aDeletedDescriptorFileRemovesItsFeatureAnywayAndLogsTheDependentsOnce() throws Exception {
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Path file = Files.writeString(deploy.resolve("two.json"), "{ \"id\": \"org.example:two:1\", "
                + "\"bundles\": [ \"org.example:b2:1.0.0\" ] }");
        Manager m = manager();
        m.installFile(file);
        Bundle app = installApp("b3");
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            assertEquals("org.example:two:1", m.removeFile(file));
        } finally {
            System.setErr(err);
        }
        assertEquals(new TreeSet<>(List.of("org.example.b3")), installedBundles());
        assertEquals(Bundle.INSTALLED, app.getState(), "after the refresh b3 no longer resolves");
        String warned = log.toString(StandardCharsets.UTF_8);
        List<String> warnings = warned.lines().filter(l -> l.contains("WARN")).toList();
        assertEquals(1, warnings.size(), warned);
        assertTrue(warnings.get(0).contains("Feature org.example:two:1 is removed (its file " + file
                + " was deleted) although bundles that stay installed need its bundles: org.example.b3 1.0.0 imports"
                + " pkg.two from org.example.b2 1.0.0."), warned);
        assertTrue(!warned.contains("\tat "), "no stack trace: " + warned);
    }

    private Bundle bundleNamed(String bsn) {
        return Arrays.stream(framework.getBundleContext().getBundles()).filter(b -> bsn.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
    }
}
