package org.cerise.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.cerise.distribution.hot.HotOne;
import org.cerise.distribution.hot.HotTwo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The assembled container as a user runs it: a copy of {@code target/cerise} started through
 * {@code bin/cerise} on a free port, tested over real HTTP. The ordered tests share one
 * container; the last one stops it. Its stdout and stderr go to
 * {@code target/distribution-it/}, and every failure carries their tail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(DistributionIT.ContainerLogs.class)
class DistributionIT {

    /** From {@code bin/cerise} to the first answer; generous for a loaded 2-core CI machine. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** FileInstall polls every 200 ms: a deploy/ change must show within a second. */
    private static final Duration HOT_DEPLOY = Duration.ofSeconds(1);
    /**
     * engine.redeploy_grace (3 s by default): a deleted app's mount point answers 503 (held
     * requests) until then, and 404 after; a jar deleted for good answers 404 within this.
     */
    private static final Duration REDEPLOY_GRACE = Duration.ofSeconds(3);
    private static final Duration GONE = HOT_DEPLOY.plus(REDEPLOY_GRACE);
    private static final Duration CONFIG_CHANGE = Duration.ofSeconds(3);
    /** The README's promise for the dev loop: a rebuilt jar in deploy/ is served within 2 s. */
    private static final Duration DEV_LOOP = Duration.ofSeconds(2);
    /**
     * A feature file dropped into or deleted from deploy/: FileInstall's poll, then the feature's
     * bundles installed and started (or stopped, uninstalled and refreshed), then the app mounts
     * (or waits). About a second on a quiet machine; 2.3 s was seen with the 2 cores busy.
     */
    private static final Duration FEATURE_CHANGE = Duration.ofSeconds(5);
    private static final Duration STOP = Duration.ofSeconds(10);

    private static final Path HOME = Path.of(System.getProperty("cerise.home", "target/cerise"));
    private static final Path LOGS = Path.of(System.getProperty("cerise.it.logs", "target/distribution-it"));
    private static final String TRACEBACK_PAGE = "/tut03/generate?length=abc";
    private static final String EMPTY_TRACEBACK = "<pre id=\"traceback\"></pre>";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<Container> CONTAINERS = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> TIMINGS = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    static Path temp;

    /** The container the ordered tests share. */
    private static Container main;

    @BeforeAll
    static void startContainer() throws IOException {
        assertTrue(Files.isExecutable(HOME.resolve("bin/cerise")),
                HOME.toAbsolutePath() + "/bin/cerise is missing: the distribution must be packaged first (mvn verify)");
        Files.createDirectories(LOGS);
        main = Container.start("main", "127.0.0.1", Map.of("CERISE_PORT", String.valueOf(freePort("127.0.0.1"))));
    }

    @AfterAll
    static void stopContainers() {
        for (Container c : CONTAINERS) {
            c.kill();
        }
        TIMINGS.forEach(t -> System.out.println("[DistributionIT] " + t));
    }

    @Test
    @Order(1)
    void startsAndServesTut01() throws IOException, InterruptedException {
        main.awaitStarted();
        assertEquals("Hello world!", get(main.url("/tut01/")).body);

        // CherryPy's access line, on stdout: h l u [t] "r" s b "f" "a" (the agent is the test's)
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                "(?m)^127\\.0\\.0\\.1 - - \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2}] "
                        + "\"GET /tut01/ HTTP/1\\.1\" 200 12 \"\" \"[^\"]*\"$");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!line.matcher(Files.readString(main.stdout)).find()) {
            if (System.nanoTime() > deadline) {
                fail("no access line for GET /tut01/ on stdout:\n" + Files.readString(main.stdout));
            }
            Thread.sleep(50);
        }
    }

    @Test
    @Order(2)
    void removingAndRestoringAnAppJarUnmountsAndRemountsIt() throws IOException {
        main.awaitStarted();
        Path jar = main.home.resolve("deploy/cerise-example-tut02.jar");
        Path aside = Files.createDirectories(temp.resolve("aside")).resolve(jar.getFileName());
        // the apps of deploy/ mount one by one after the first: wait for this one
        main.await("tut02 answers before the test", "/tut02/", r -> r.status == 200, STARTUP, main.launched);

        long t0 = System.nanoTime();
        Files.move(jar, aside);
        List<Reply> between = new java.util.ArrayList<>();
        Duration gone = main.await("/tut02/ answers 404 after its jar left deploy/", "/tut02/", r -> {
            if (r.status != 404) {
                between.add(r);
            }
            return r.status == 404;
        }, GONE, t0);
        TIMINGS.add("hot deploy: jar deleted -> 404 in " + ms(gone) + " (grace period " + ms(REDEPLOY_GRACE) + ")");
        assertTrue(gone.compareTo(REDEPLOY_GRACE) >= 0, "404 only after the grace period: " + ms(gone));
        // until then: served (FileInstall has not seen the deletion yet), then "come back later"
        assertTrue(between.stream().allMatch(r -> r.status == 200 || r.status == 503 && "1".equals(r.header("Retry-After"))),
                "only 200 or 503 + Retry-After before the 404: " + between);
        assertTrue(between.stream().anyMatch(r -> r.status == 503), "503 during the grace period: " + between);

        t0 = System.nanoTime();
        Files.copy(aside, jar);
        Duration back = main.await("/tut02/ answers 200 after its jar came back", "/tut02/",
                r -> r.status == 200 && r.body.equals("Hello world!"), HOT_DEPLOY, t0);
        TIMINGS.add("hot deploy: jar copied back -> 200 in " + ms(back));
    }

    @Test
    @Order(3)
    void deployingUpdatingAndDeletingAGeneratedBundle() throws IOException {
        main.awaitStarted();
        Path v1 = hotBundle(HotOne.class, "1.0.0", temp.resolve("hot-1.jar"));
        Path v2 = hotBundle(HotTwo.class, "2.0.0", temp.resolve("hot-2.jar"));
        Path deployed = main.home.resolve("deploy/cerise-it-hot.jar");
        assertEquals(404, get(main.url("/hot/")).status, "/hot/ before anything is deployed");

        long t0 = System.nanoTime();
        Files.copy(v1, deployed);
        Duration installed = main.await("version 1 answers 'one'", "/hot/", r -> r.status == 200 && r.body.equals("one"),
                HOT_DEPLOY, t0);
        TIMINGS.add("hot deploy: new bundle v1 -> 'one' in " + ms(installed));

        t0 = System.nanoTime();
        Files.copy(v2, deployed, StandardCopyOption.REPLACE_EXISTING);
        List<Reply> notOk = new java.util.ArrayList<>();
        Duration updated = main.await("version 2 answers 'two' after overwriting the jar", "/hot/", r -> {
            if (r.status != 200) {
                notOk.add(r);
            }
            return r.status == 200 && r.body.equals("two");
        }, HOT_DEPLOY, t0);
        // requests in the update's gap are held for version 2, never answered 404
        assertEquals(List.of(), notOk, "answers other than 200 while the jar was replaced");
        TIMINGS.add("hot deploy: jar overwritten by v2 -> 'two' in " + ms(updated));

        t0 = System.nanoTime();
        Files.delete(deployed);
        Duration removed = main.await("/hot/ answers 404 after its jar was deleted", "/hot/", r -> r.status == 404,
                GONE, t0);
        TIMINGS.add("hot deploy: v2 deleted -> 404 in " + ms(removed));
    }

    @Test
    @Order(4)
    void aCfgFileInConfigTakesEffectLive() throws IOException, InterruptedException {
        main.awaitStarted();
        Path cfg = main.home.resolve("config/org.cerise.global.cfg");
        String shipped = Files.readString(cfg);
        Reply before = get(main.url(TRACEBACK_PAGE));
        assertEquals(500, before.status, "tut03 with length=abc fails as in CherryPy's tutorial");
        assertTrue(before.body.contains("<pre id=\"traceback\">java.lang.NumberFormatException"),
                "the shipped config shows tracebacks:\n" + before.body);
        // log_tracebacks and log_headers, on by default as in CherryPy: the error log on stderr
        // names the request, carries the stack trace, then lists the request's headers
        java.util.regex.Pattern logged = java.util.regex.Pattern.compile("(?s)ERROR cerise\\.error\\.tut03 HTTP GET "
                + "/tut03/generate\\?length=abc HTTP/1\\.1\\Rjava\\.lang\\.NumberFormatException.*?Request Headers:\\R"
                + "  Remote-Addr: 127\\.0\\.0\\.1\\R.*?  Host: 127\\.0\\.0\\.1:");
        long logDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!logged.matcher(Files.readString(main.stderr)).find()) {
            if (System.nanoTime() > logDeadline) {
                fail("no traceback and headers for the 500 on stderr:\n" + tail(main.stderr, 60));
            }
            Thread.sleep(50);
        }

        long t0 = System.nanoTime();
        Files.writeString(cfg, "request.show_tracebacks = False\n");
        Duration off = main.await("the 500 page loses its traceback", TRACEBACK_PAGE,
                r -> r.status == 500 && r.body.contains(EMPTY_TRACEBACK), CONFIG_CHANGE, t0);
        TIMINGS.add("config: show_tracebacks = False live in " + ms(off));

        t0 = System.nanoTime();
        Files.writeString(cfg, shipped);
        Duration on = main.await("the 500 page shows the traceback again", TRACEBACK_PAGE,
                r -> r.status == 500 && r.body.contains("<pre id=\"traceback\">java.lang.NumberFormatException"),
                CONFIG_CHANGE, t0);
        TIMINGS.add("config: shipped file restored live in " + ms(on));
    }

    @Test
    @Order(4)
    void aPerAppOverrideDroppedIntoDeployAppliesToThatAppOnly() throws IOException {
        main.awaitStarted();
        // factory PID org.cerise.app: FileInstall turns org.cerise.app-NAME.cfg into one of its configurations
        Path override = main.home.resolve("deploy/org.cerise.app-tut03.cfg");
        long t0 = System.nanoTime();
        Files.writeString(override, "cerise.app = tut03\nrequest.show_tracebacks = False\n"
                + "[/generate]response.headers.X-Override = 'tut03'\n");
        Duration applied = main.await("tut03 loses its traceback", TRACEBACK_PAGE,
                r -> r.status == 500 && r.body.contains(EMPTY_TRACEBACK), CONFIG_CHANGE, t0);
        TIMINGS.add("override: org.cerise.app-tut03.cfg live in " + ms(applied));
        Reply generated = get(main.url("/tut03/generate?length=4"));
        assertEquals("tut03", generated.header("X-Override"), "[/generate] of the override applies to /generate");
        assertEquals(null, get(main.url("/tut03/")).header("X-Override"), "and only there");
        assertEquals(null, get(main.url("/tut02/generate")).header("X-Override"), "and only to tut03");

        t0 = System.nanoTime();
        Files.delete(override);
        Duration removed = main.await("tut03 shows its traceback again", TRACEBACK_PAGE,
                r -> r.status == 500 && r.body.contains("<pre id=\"traceback\">java.lang.NumberFormatException"),
                CONFIG_CHANGE, t0);
        TIMINGS.add("override: deleted, gone in " + ms(removed));
    }

    @Test
    @Order(4)
    void serverSocketPortInTheGlobalConfigMovesTheServerLive() throws IOException {
        main.awaitStarted();
        Path cfg = main.home.resolve("config/org.cerise.global.cfg");
        String shipped = Files.readString(cfg);
        int other = freePort("127.0.0.1");
        String moved = "http://127.0.0.1:" + other + "/tut01/";
        try {
            Files.writeString(cfg, shipped + "\nserver.socket_port = " + other + "\n");
            long deadline = System.nanoTime() + CONFIG_CHANGE.toNanos() * 3;
            while (get(moved).status != 200) {
                if (System.nanoTime() > deadline) {
                    fail("server.socket_port = " + other + " did not move the server; last: " + get(moved));
                }
                Thread.onSpinWait();
            }
            assertEquals(-1, get(main.url("/tut01/")).status, "the launch port is given up");
        } finally {
            Files.writeString(cfg, shipped);
        }
        main.await("the server is back on its launch port", "/tut01/", r -> r.status == 200, CONFIG_CHANGE.multipliedBy(3),
                System.nanoTime());
    }

    @Test
    @Order(5)
    void listensOnCeriseHostOnly() throws IOException {
        String host = otherLocalAddress();
        int port = freePort(host);
        Container c = Container.start("host", host, Map.of("CERISE_HOST", host, "CERISE_PORT", String.valueOf(port)));
        try {
            c.awaitStarted();
            Reply loopback = get("http://127.0.0.1:" + port + "/tut01/");
            assertEquals(-1, loopback.status, "with CERISE_HOST=" + host + " nothing may answer on 127.0.0.1:" + port
                    + ", got " + loopback);
        } finally {
            c.kill();
        }
    }

    @Test
    @Order(5)
    void fileSessionsSurviveAKill9AndARestart() throws IOException, InterruptedException {
        // with deploy/org.cerise.session.cfg saying store = file, tutorial 5's session is a file
        // in data/sessions; a kill -9 and a restart on the same folder keep it
        int port = freePort("127.0.0.1");
        Map<String, String> env = Map.of("CERISE_PORT", String.valueOf(port));
        Container c = Container.start("sessions", "127.0.0.1", env,
                home -> Files.writeString(home.resolve("deploy/org.cerise.session.cfg"), "store = file\n"));
        String id;
        String kept;
        try {
            c.awaitStarted();
            c.await("tutorial 5 is mounted", "/tut05/", r -> r.status == 200, CONFIG_CHANGE, System.nanoTime());
            Reply generated = get(c.url("/tut05/generate?length=10"));
            assertEquals(200, generated.status, generated.toString());
            kept = generated.body;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("session_id=([0-9a-f]{40});")
                    .matcher(generated.headers.firstValue("Set-Cookie").orElse(""));
            assertTrue(m.find(), generated.headers.toString());
            id = m.group(1);
            assertTrue(Files.exists(c.home.resolve("data/sessions/session-" + id)),
                    "the session is a file in data/sessions (config/org.cerise.session.file.cfg)");
        } finally {
            c.killHard();
        }
        Container again = Container.restart(c);
        try {
            again.awaitStarted();
            again.await("tutorial 5 is mounted again", "/tut05/", r -> r.status == 200, CONFIG_CHANGE, System.nanoTime());
            Reply displayed = get(again.url("/tut05/display"), "Cookie", "session_id=" + id);
            assertEquals(200, displayed.status, displayed.toString());
            assertEquals(kept, displayed.body);
        } finally {
            again.kill();
        }
    }

    @Test
    @Order(6)
    void rejectsABadPort() throws IOException, InterruptedException {
        for (String bad : List.of("abc", "70000")) {
            String message = refused("bad-port-" + bad, Map.of("CERISE_PORT", bad));
            assertTrue(message.contains("CERISE_PORT") && message.contains("'" + bad + "'"),
                    "CERISE_PORT=" + bad + ": the message names the variable and the value: " + message);
        }
    }

    @Test
    @Order(6)
    void refusesAPortThatIsTakenAndAHostThatDoesNotResolve() throws IOException, InterruptedException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String port = String.valueOf(taken.getLocalPort());
            String message = refused("taken-port", Map.of("CERISE_PORT", port));
            assertTrue(message.contains("127.0.0.1:" + port + " is already in use"), message);
        }
        String message = refused("bad-host", Map.of("CERISE_HOST", "no such host.invalid",
                "CERISE_PORT", String.valueOf(freePort("127.0.0.1"))));
        assertTrue(message.contains("CERISE_HOST 'no such host.invalid'"), message);
    }

    /** Runs bin/cerise, expects it to exit non-zero within 15 s, and returns what it said on stderr. */
    private String refused(String name, Map<String, String> env) throws IOException, InterruptedException {
        Path out = LOGS.resolve(name + ".stdout.log");
        Path err = LOGS.resolve(name + ".stderr.log");
        Process p = command(temp.resolve("main/cerise"), env, out, err).start();
        p.getOutputStream().close();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(env + ": bin/cerise still runs after 15 s instead of refusing to start");
        }
        String message = Files.readString(err);
        assertNotEquals(0, p.exitValue(), env + " must fail; stderr: " + message);
        return message;
    }

    /**
     * The README's dev loop ("Seeing a code change without restarting"): an app's source is
     * edited, rebuilt into its jar, and the jar copied over the one in {@code deploy/}, as
     * {@code mvn package -Dcerise.deploy=...} does with the README's profile (a plain copy that
     * overwrites the file); the new answer must be served within 2 s of the jar landing. The
     * build here is javac plus the manifest and component XML bnd writes for such a class, not
     * Maven, so that the test does not depend on Cerise being installed into the local Maven
     * repository; what is timed starts when the jar is in {@code deploy/}.
     */
    @Test
    @Order(7)
    void anEditedAppRebuiltIntoDeployIsServedWithinTwoSeconds() throws IOException {
        main.awaitStarted();
        Path project = Files.createDirectories(temp.resolve("devloop"));
        Path source = writeSource(project, "devloop/Hello.java",
                "package devloop;",
                "",
                "import org.cerise.api.Expose;",
                "",
                "/** @CeriseApp(mount = \"/devloop\") in the component XML, as bnd writes it for the annotation. */",
                "public class Hello {",
                "    @Expose",
                "    public String index() {",
                "        return \"Hello from version 1\";",
                "    }",
                "}", "");
        Path deployed = main.home.resolve("deploy/devloop-1.0.0.jar");
        assertEquals(404, get(main.url("/devloop/")).status, "/devloop/ before anything is deployed");

        Files.copy(devBuild(project, "1.0.0"), deployed, StandardCopyOption.REPLACE_EXISTING);
        long t0 = System.nanoTime();
        Duration first = main.await("the first build answers 'Hello from version 1'", "/devloop/",
                r -> r.status == 200 && r.body.equals("Hello from version 1"), DEV_LOOP, t0);
        TIMINGS.add("dev loop: first jar in deploy/ -> served in " + ms(first));

        // the edit: one line of the source changes
        Files.writeString(source, Files.readString(source).replace("version 1", "version 2"));
        long b0 = System.nanoTime();
        Path rebuilt = devBuild(project, "1.0.0");
        TIMINGS.add("dev loop: rebuild (javac + jar) in " + ms(Duration.ofNanos(System.nanoTime() - b0)));
        Files.copy(rebuilt, deployed, StandardCopyOption.REPLACE_EXISTING);
        t0 = System.nanoTime();
        Duration changed = main.await("the edited source answers 'Hello from version 2'", "/devloop/",
                r -> r.status == 200 && r.body.equals("Hello from version 2"), DEV_LOOP, t0);
        TIMINGS.add("dev loop: rebuilt jar in deploy/ -> new answer served in " + ms(changed));

        Files.delete(deployed);
        main.await("/devloop/ is gone with its jar", "/devloop/", r -> r.status == 404, GONE, System.nanoTime());
    }

    /** Writes {@code src/main/java/<relative>} of a project, one argument per line; returns its path. */
    static Path writeSource(Path project, String relative, String... lines) throws IOException {
        Path source = project.resolve("src/main/java").resolve(relative);
        Files.createDirectories(source.getParent());
        return Files.writeString(source, String.join("\n", lines));
    }

    /**
     * Builds the dev-loop project as its pom would: compiles {@code src/main/java} with
     * {@code -parameters} against the Cerise API and writes {@code target/devloop-VERSION.jar}
     * with the headers and the Declarative Services component XML that bnd generates for
     * {@code @Component(service = Hello.class) @CeriseApp(mount = "/devloop")}.
     */
    static Path devBuild(Path project, String version) throws IOException {
        return devBuild(project, "devloop", version, "devloop.Hello", "/devloop");
    }

    /**
     * As {@link #devBuild(Path, String)}, for any one-class app: its bundle's symbolic name and
     * version, the class (a component of its own service) and its mount point.
     */
    static Path devBuild(Path project, String symbolicName, String version, String className, String mount)
            throws IOException {
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "the tests run on a JDK");
        Path classes = project.resolve("target/classes");
        Files.createDirectories(classes);
        List<String> sources;
        try (Stream<Path> all = Files.walk(project.resolve("src/main/java"))) {
            sources = all.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String api;
        try {
            api = Path.of(org.cerise.api.Expose.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> args = new ArrayList<>(List.of("-parameters", "--release", "17", "-classpath", api, "-d",
                classes.toString()));
        args.addAll(sources);
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(new String[0]));
        assertEquals(0, rc, "javac: " + errors);

        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        a.putValue("Import-Package", "org.cerise.api;version=\"[1.0,2)\"");
        a.putValue("Service-Component", "OSGI-INF/" + className + ".xml");
        a.putValue("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.3.0)"
                + "(!(version>=2.0.0)))\"");
        String component = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + className + "\">\n"
                + "  <property name=\"cerise.app.mount\" type=\"String\" value=\"" + mount + "\"/>\n"
                + "  <service><provide interface=\"" + className + "\"/></service>\n"
                + "  <implementation class=\"" + className + "\"/>\n"
                + "</scr:component>\n";
        Path jar = project.resolve("target/" + symbolicName + "-" + version + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> all = Files.walk(classes)) {
            for (Path c : all.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                Files.copy(c, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("OSGI-INF/" + className + ".xml"));
            out.write(component.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /**
     * bin/cerise as CI, nohup or systemd run it: standard input is not a terminal (here a pipe at
     * its end from the start). The Gogo shell must then read nothing: a shell reading that EOF
     * would stop the framework, and one retrying its read would spin.
     */
    @Test
    @Order(1)
    void withoutATerminalThereIsNoShellAndTheContainerRunsOnIdle() throws IOException, InterruptedException {
        main.awaitStarted();
        Thread.sleep(2000); // let the apps of deploy/ finish mounting and the JIT settle
        Duration before = main.cpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(3000);
        Duration used = main.cpuTime().minus(before);
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        TIMINGS.add("idle container without a terminal: " + ms(used) + " of CPU in " + ms(wall));
        assertTrue(main.process.isAlive(), "the container runs on with its standard input at EOF");
        // FileInstall polls every 200 ms; one thread spinning would use about all of the wall time
        assertTrue(used.compareTo(wall.dividedBy(4)) < 0, "an idle container used " + ms(used) + " of CPU in " + ms(wall));
        String logs = Files.readString(main.stdout) + Files.readString(main.stderr);
        assertTrue(!logs.contains("NullPointerException") && !logs.contains("gogo: ")
                && !logs.contains("Unable to create a system terminal"),
                "the shell started without a console says nothing:\n" + tail(main.stderr, 40));
        assertEquals(200, get(main.url("/tut01/")).status);
        // nobody could type into a shell: its feature is not in the launch list then
        java.util.regex.Matcher password = GENERATED.matcher(awaitLog(main, GENERATED));
        assertTrue(password.find());
        Reply features = get(main.url("/cerise/api/features"), "Authorization", basic("admin", password.group(1)));
        assertEquals(200, features.status, features.body);
        assertTrue(features.body.matches("(?s).*\"id\" : \"org\\.cerise:cerise-shell:[^\"]+\".*"), features.body);
        java.util.regex.Matcher shell = java.util.regex.Pattern.compile(
                "(?s)\"id\" : \"org\\.cerise:cerise-shell:[^\"]+\",.*?\"state\" : \"(\\w+)\"").matcher(features.body);
        assertTrue(shell.find(), features.body);
        assertEquals("AVAILABLE", shell.group(1), "the shell's feature without a terminal");
    }

    /**
     * bin/cerise in a terminal: the g! prompt of the Gogo shell, where the admin bundle's commands
     * answer from the runtime model; Ctrl-D stops the container cleanly (Ctrl-C too: the next test).
     */
    @Test
    @Order(5)
    void inATerminalTheShellRunsTheCeriseCommands() throws IOException, InterruptedException {
        Container c = Container.startInTerminal("terminal", Map.of("CERISE_PORT", String.valueOf(freePort("127.0.0.1"))));
        try {
            c.awaitStarted();
            // tutorial 7's GET answers 500 without a session, as CherryPy's KeyError: mounted all the same
            c.await("tut07 is mounted", "/tut07/", r -> r.status == 200 || r.status == 500, STARTUP, c.launched);
            awaitScreen(c, "g! ", "the g! prompt");
            c.type("cerise:apps\r");
            String apps = awaitScreen(c, "AppInfo[name=tut07, mount=/tut07", "cerise:apps lists tut07");
            assertTrue(apps.contains("AppInfo[name=tut01, mount=/tut01, bundle=org.cerise.examples.tut01"), apps);
            assertTrue(apps.contains("state=MOUNTED"), apps);

            c.type("cerise:explain /tut07/\r");
            String explained = awaitScreen(c, "handler=org.cerise.examples.tut07.StringGeneratorWebService.GET()",
                    "cerise:explain /tut07/ names tut07's handler");
            assertTrue(explained.contains("Explanation[path=/tut07/, app=tut07, mount=/tut07, state=MOUNTED, "
                    + "dispatcher=method"), explained);

            c.type("cerise:store nosuch\r");
            awaitScreen(c, "refused (409): no session store named 'nosuch' is installed", "a store that is not there is refused");
            c.type("cerise:store file\r");
            awaitScreen(c, "sessions now go to 'file'", "cerise:store file switches the store");
            // the store switch goes through Config Admin, which tells the sessions tool on its own
            // thread: ask again until the model shows it (bounded)
            long switchDeadline = System.nanoTime() + CONFIG_CHANGE.toNanos();
            do {
                c.type("cerise:sessions\r");
                Thread.sleep(300);
            } while (!Files.readString(c.stdout, StandardCharsets.ISO_8859_1).contains("SessionInfo[configured=file, active=file")
                    && System.nanoTime() < switchDeadline);
            awaitScreen(c, "SessionInfo[configured=file, active=file", "cerise:sessions shows the switch");

            awaitScreen(c, "SessionInfo[configured=file, active=file", "g! ", "the prompt after cerise:sessions");
            long t0 = System.nanoTime();
            c.type("\u0004"); // Ctrl-D: the shell ends, and with it the container
            assertTrue(c.process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS), "Ctrl-D at the g! prompt stops the container");
            TIMINGS.add("terminal: Ctrl-D at g! -> exit in " + ms(Duration.ofNanos(System.nanoTime() - t0)));
            assertTrue(Files.readString(c.stdout).contains("Unmounted app 'tut01'"), "the framework stopped cleanly");
            assertEquals(-1, get(c.url("/tut01/")).status, "nothing answers once the container stopped");
        } finally {
            c.kill();
        }
    }

    /** Ctrl-C at the g! prompt stops the container cleanly, as Ctrl-C stops CherryPy. */
    @Test
    @Order(4)
    void inATerminalCtrlCStopsTheContainerCleanly() throws IOException, InterruptedException {
        Container c = Container.startInTerminal("terminal-ctrl-c", Map.of("CERISE_PORT", String.valueOf(freePort("127.0.0.1"))));
        try {
            c.awaitStarted();
            awaitScreen(c, "g! ", "the g! prompt");
            assertEquals(200, get(c.url("/tut01/")).status);
            long t0 = System.nanoTime();
            c.type("\u0003");
            assertTrue(c.process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS), "Ctrl-C at the g! prompt stops the container");
            TIMINGS.add("terminal: Ctrl-C at g! -> exit in " + ms(Duration.ofNanos(System.nanoTime() - t0)));
            assertEquals(0, c.process.exitValue(), "a clean stop");
            assertTrue(Files.readString(c.stdout).contains("Unmounted app 'tut01'"), "the framework stopped cleanly");
            assertEquals(-1, get(c.url("/tut01/")).status, "nothing answers once the container stopped");
        } finally {
            c.kill();
        }
    }

    private static String awaitScreen(Container c, String text, String what) throws IOException, InterruptedException {
        return awaitScreen(c, null, text, what);
    }

    /** Waits for the text on the terminal, after the last {@code after} when it is given. */
    private static String awaitScreen(Container c, String after, String text, String what)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + CONFIG_CHANGE.multipliedBy(3).toNanos();
        while (true) {
            String screen = Files.readString(c.stdout, StandardCharsets.ISO_8859_1);
            int from = after == null ? 0 : screen.lastIndexOf(after);
            int at = from < 0 ? -1 : after == null ? screen.lastIndexOf(text) : screen.indexOf(text, from);
            if (at >= 0) {
                return screen.substring(Math.max(0, at - 2000), Math.min(screen.length(), at + 2000));
            }
            if (System.nanoTime() > end) {
                fail(what + ": the terminal does not show '" + text + "'; it shows:\n" + tail(c.stdout, 30));
            }
            Thread.sleep(50);
        }
    }

    private static final java.util.regex.Pattern GENERATED = java.util.regex.Pattern.compile(
            "generated one for user 'admin': (\\S+)  \\(shown only now");

    /**
     * No default admin/admin: the first start generates a password and prints it once; it works
     * against the JSON API (401 without it); only its hash is stored, in the file Config Admin
     * keeps (data/config); a second start on the same folder prints nothing and the password still
     * works.
     */
    @Test
    @Order(5)
    void theGeneratedAdminPasswordIsPrintedOnceStoredHashedAndKeptAcrossARestart() throws IOException, InterruptedException {
        Container c = Container.start("password", "127.0.0.1", Map.of("CERISE_PORT", String.valueOf(freePort("127.0.0.1"))));
        String password;
        try {
            c.awaitStarted();
            String log = awaitLog(c, GENERATED);
            java.util.regex.Matcher m = GENERATED.matcher(log);
            assertTrue(m.find());
            password = m.group(1);
            assertTrue(!m.find(), "the password is printed once");
            assertTrue(password.length() >= 16, "a long random password: " + password.length() + " characters");

            Reply none = get(c.url("/cerise/api/apps"));
            assertEquals(401, none.status, "no credentials: " + none);
            assertTrue(!none.body.contains("tut01"), none.body);
            assertEquals(401, get(c.url("/cerise/api/apps"), "Authorization", basic("admin", "admin")).status,
                    "no default admin/admin");
            assertEquals(401, get(c.url("/cerise/api/apps"), "Authorization", basic("admin", password + "x")).status);
            Reply apps = get(c.url("/cerise/api/apps"), "Authorization", basic("admin", password));
            assertEquals(200, apps.status, apps.toString());
            assertTrue(apps.body.contains("\"mount\" : \"/tut01\"") || apps.body.contains("\"mount\":\"/tut01\""), apps.body);
        } finally {
            c.process.destroy(); // SIGTERM: a clean stop, as a user's
            assertTrue(c.process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS));
        }

        // what Config Admin wrote: the hash under PID org.cerise.admin, never the password
        Path stored = c.home.resolve("data/config/org/cerise/admin.config");
        assertTrue(Files.isRegularFile(stored), "Config Admin keeps PID org.cerise.admin in " + stored);
        String config = Files.readString(stored);
        assertTrue(config.contains("password.hash=\"pbkdf2-sha256$"), config);
        List<Path> leaks;
        try (Stream<Path> files = Files.walk(c.home.resolve("data"))) {
            leaks = files.filter(Files::isRegularFile).filter(f -> contains(f, password)).toList();
        }
        assertEquals(List.of(), leaks, "files under data/ that hold the password itself");

        Container again = Container.restart(c);
        try {
            again.awaitStarted();
            Reply apps = null;
            long end = System.nanoTime() + CONFIG_CHANGE.toNanos();
            while (System.nanoTime() < end && (apps = get(again.url("/cerise/api/apps"), "Authorization",
                    basic("admin", password))).status != 200) {
                Thread.sleep(50); // the admin bundle starts a moment after the first app answers
            }
            assertEquals(200, apps.status, "the first start's password still works: " + apps);
            assertEquals(401, get(again.url("/cerise/api/apps")).status);
            String log = Files.readString(again.stdout) + Files.readString(again.stderr);
            assertTrue(!log.contains(password), "the second start does not print the password");
            assertTrue(!GENERATED.matcher(log).find(), "nor generate another one");
        } finally {
            again.kill();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until stdout or stderr of the container matches; returns both. */
    private static String awaitLog(Container c, java.util.regex.Pattern p) throws IOException, InterruptedException {
        long end = System.nanoTime() + CONFIG_CHANGE.toNanos();
        while (true) {
            String log = Files.readString(c.stdout) + Files.readString(c.stderr);
            if (p.matcher(log).find()) {
                return log;
            }
            if (System.nanoTime() > end) {
                fail("no line matching " + p + " in the container's output:\n" + tail(c.stderr, 40));
            }
            Thread.sleep(50);
        }
    }

    /**
     * Issue 8, point 5, through FileInstall: four clients keep asking for /tut01/ while its jar in
     * deploy/ is replaced ten times (each a rebuild with another answer, moved over the deployed
     * jar atomically, as a careful deploy script does). Every answer is a 2xx, no connection
     * fails, and each new build is seen answering.
     */
    @Test
    @Order(7)
    void replacingTut01sJarTenTimesUnderLoadGivesOnlySuccessfulAnswers() throws IOException, InterruptedException {
        main.awaitStarted();
        int replacements = 10;
        int clients = 4;
        Path deployed = main.home.resolve("deploy/cerise-example-tut01.jar");
        Path original = Files.copy(deployed, temp.resolve("tut01-original.jar"), StandardCopyOption.REPLACE_EXISTING);
        // the rebuilds, made before the clients start so that only the deploys are timed
        List<Path> builds = new ArrayList<>();
        for (int i = 1; i <= replacements; i++) {
            Path project = Files.createDirectories(temp.resolve("tut01-build-" + i));
            writeSource(project, "tut01/HelloWorld.java",
                    "package tut01;",
                    "",
                    "public class HelloWorld {",
                    "    @org.cerise.api.Expose",
                    "    public String index() {",
                    "        return \"Hello world! (build " + i + ")\";",
                    "    }",
                    "}", "");
            builds.add(devBuild(project, "org.cerise.examples.tut01", "0.1.0.build" + i, "tut01.HelloWorld", "/tut01"));
        }

        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ConcurrentLinkedQueue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.Set<String> bodies = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Thread thread = new Thread(() -> {
                // each client its own connection pool, as separate browsers would have
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(main.url("/tut01/")))
                        .timeout(Duration.ofSeconds(10)).GET().build();
                while (!stop.get()) {
                    long r0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() / 100 != 2) {
                            failures.add(r.statusCode() + " " + r.headers().firstValue("Retry-After").map(v -> "Retry-After: "
                                    + v + " ").orElse("") + r.body().substring(0, Math.min(200, r.body().length())));
                        } else {
                            bodies.add(r.body());
                        }
                    } catch (IOException e) {
                        failures.add("connection: " + e);
                    } catch (InterruptedException e) {
                        return;
                    }
                    latencies.add(System.nanoTime() - r0);
                    requests.incrementAndGet();
                }
            }, "tut01-client-" + t);
            threads.add(thread);
            thread.start();
        }
        List<Long> served = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 1; i <= replacements; i++) {
                String answer = "Hello world! (build " + i + ")";
                Path part = deployed.resolveSibling(deployed.getFileName() + ".part"); // not *.jar: FileInstall ignores it
                Files.copy(builds.get(i - 1), part, StandardCopyOption.REPLACE_EXISTING);
                long m0 = System.nanoTime();
                Files.move(part, deployed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                long end = m0 + DEV_LOOP.multipliedBy(2).toNanos();
                while (!bodies.contains(answer)) {
                    if (System.nanoTime() > end || !main.process.isAlive()) {
                        fail("build " + i + " was not served within " + ms(DEV_LOOP.multipliedBy(2)) + " of its jar "
                                + "landing in deploy/; answers so far: " + bodies + "; failures: " + first(failures));
                    }
                    Thread.sleep(5);
                }
                served.add((System.nanoTime() - m0) / 1_000_000);
                Thread.sleep(300); // clients on the new build for a moment before the next
            }
        } finally {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(15_000);
            }
            // tut01 as shipped again, for the tests that follow
            Path part = deployed.resolveSibling(deployed.getFileName() + ".part");
            Files.copy(original, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, deployed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long slow = java.util.Arrays.stream(sorted).filter(n -> n > 50_000_000L).count();
        TIMINGS.add(String.format("redeploy under load: %d jar replacements, %d requests by %d clients in %d ms; "
                + "jar moved -> new build served in %s ms; request time median %.1f ms, p99 %.1f ms, longest %.1f ms "
                + "(held requests); %d requests over 50 ms; %d answers other than 2xx", replacements, requests.get(),
                clients, (System.nanoTime() - t0) / 1_000_000, served, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6, slow, failures.size()));
        assertEquals(List.of(), first(failures), failures.size() + " answers other than 2xx or failed connections (the first 10)");
        assertTrue(requests.get() > 100, "the clients kept asking: " + requests.get());
        main.await("tut01 as shipped answers again", "/tut01/", r -> r.status == 200 && r.body.equals("Hello world!"),
                DEV_LOOP.multipliedBy(2), System.nanoTime());
    }

    private static List<String> first(java.util.Collection<String> failures) {
        return failures.stream().limit(10).toList();
    }

    @Test
    @Order(8)
    void stopsCleanlyOnSigterm() throws InterruptedException, IOException {
        main.awaitStarted();
        long t0 = System.nanoTime();
        main.process.destroy(); // SIGTERM
        assertTrue(main.process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS),
                "the container still runs " + STOP.toSeconds() + " s after SIGTERM");
        TIMINGS.add("stop: SIGTERM -> exit in " + ms(Duration.ofNanos(System.nanoTime() - t0)));
        int code = main.process.exitValue();
        assertEquals(0, code, "SIGTERM is engine.exit(): a clean stop, exit code 0");
        String log = Files.readString(main.stderr);
        assertTrue(log.contains("Bus STOPPING") && log.contains("Bus STOPPED") && log.contains("Bus EXITING"),
                "the engine published stop and exit");
        assertTrue(Files.readString(main.stderr).contains("Unmounted app 'tut01'"),
                "the framework stopped its bundles (Cerise unmounted the apps) before the JVM exited");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", main.port), 1000);
            fail("port " + main.port + " still accepts connections after the container exited");
        } catch (IOException expected) {
            // refused: nothing listens any more
        }
        try (ServerSocket s = new ServerSocket(main.port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(main.port, s.getLocalPort());
        }
    }

    @Test
    @Order(9)
    void engineSignalsLogFilesAndPidFile() throws IOException, InterruptedException {
        // CherryPy's log.access_file / log.error_file and engine.pidfile in the global config;
        // SIGHUP reopens a log file that logrotate moved away; SIGTERM removes the PID file
        int port = freePort("127.0.0.1");
        Container c = Container.start("engine", "127.0.0.1", Map.of("CERISE_PORT", String.valueOf(port)),
                home -> Files.writeString(home.resolve("config/org.cerise.global.cfg"), "\n"
                        + "engine.pidfile = 'data/cerise.pid'\n"
                        + "log.access_file = 'logs/access.log'\n"
                        + "log.error_file = 'logs/error.log'\n", StandardOpenOption.APPEND));
        Path pid = c.home.resolve("data/cerise.pid");
        Path access = c.home.resolve("logs/access.log");
        Path moved = c.home.resolve("logs/access.log.1");
        try {
            c.awaitStarted();
            assertEquals(String.valueOf(c.process.pid()), Files.readString(pid).strip(), "engine.pidfile holds the PID");
            String startup = Files.readString(c.stderr);
            for (String line : List.of("Listening for SIGTERM.", "Listening for SIGHUP.", "Listening for SIGUSR1.",
                    "Bus STARTING", "Bus STARTED", "Serving on http://127.0.0.1:" + port, "Mounted app 'tut01' at /tut01")) {
                assertTrue(startup.contains(line), "the start-up log says '" + line + "'");
            }

            Reply first = get(c.url("/tut01/"));
            assertEquals(200, first.status);
            String accessLine = awaitLine(access, "GET /tut01/");
            // CherryPy's access line: host - user [time] "request line" status size "referer" "agent"
            assertTrue(accessLine.matches("127\\.0\\.0\\.1 - - \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2}\\] "
                    + "\"GET /tut01/ HTTP/1\\.1\" 200 12 \"\" \"Java-http-client/[^\"]+\""), accessLine);

            Files.move(access, moved); // what logrotate does
            long t0 = System.nanoTime();
            new ProcessBuilder("kill", "-HUP", String.valueOf(c.process.pid())).inheritIO().start().waitFor();
            c.await("the graceful restart reopened the log files", "/tut02/",
                    r -> r.status == 200 && Files.exists(access) && read(access).contains("GET /tut02/"), CONFIG_CHANGE, t0);
            // until the logging backend reopened its files the moved file got the lines; now the new one does
            String movedBefore = read(moved);
            assertEquals(200, get(c.url("/tut01/")).status);
            awaitLine(access, "GET /tut01/");
            assertEquals(movedBefore, read(moved), "the moved file gets nothing more");
            assertTrue(Files.readString(c.stderr).contains("Reopening the log files"));
            // Every config namespace the examples use is installed (tut11's 'till' comes with its
            // own bundle, which may start a moment after the app's): a key read a moment later
            // is no omission, and the start-up log warns of none (the check runs a second after a mount).
            Thread.sleep(1_200);
            String log = Files.readString(c.stderr);
            assertFalse(log.contains("nothing reads the config key"), log);
        } finally {
            c.process.destroy(); // SIGTERM
            assertTrue(c.process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS), "SIGTERM stops the container");
        }
        assertEquals(0, c.process.exitValue());
        assertTrue(!Files.exists(pid), "the PID file is removed when the engine stops");
        assertTrue(read(c.home.resolve("logs/error.log")).contains("Bus STOPPED"),
                "the engine's messages are in log.error_file");
    }

    @Test
    @Order(10)
    void aFeatureFileDroppedIntoDeployInstallsItsBundlesAndDeletingItRemovesThem() throws IOException {
        // a container whose launch list lacks the vhost dispatcher: the /vhost example waits for it
        int port = freePort("127.0.0.1");
        Container c = Container.start("features", "127.0.0.1", Map.of("CERISE_PORT", String.valueOf(port)), home -> {
            Path launch = home.resolve("etc/framework.properties");
            String props = Files.readString(launch);
            assertTrue(props.contains(" cerise-dispatch-vhost"), "the launch list names cerise-dispatch-vhost");
            Files.writeString(launch, props.replace(" cerise-dispatch-vhost", ""));
        });
        try {
            c.awaitStarted();
            // the apps of deploy/ mount one by one after the first: wait for this one
            c.await("without its dispatcher the vhost example waits (503)", "/vhost/", r -> r.status == 503,
                    STARTUP, System.nanoTime());
            Reply waiting = get(c.url("/vhost/"));
            assertTrue(waiting.headers.firstValue("Retry-After").isPresent(), waiting.toString());

            // the distribution's own descriptor, dropped into deploy/: the feature manager
            // installs its bundle from repository/
            Path dropped = c.home.resolve("deploy/cerise-dispatch-vhost.json");
            long t0 = System.nanoTime();
            Files.copy(c.home.resolve("features/cerise-dispatch-vhost.json"), dropped);
            Duration installed = c.await("the dropped feature installs the vhost dispatcher", "/vhost/",
                    r -> r.status == 200, FEATURE_CHANGE, t0);
            TIMINGS.add("features: feature file dropped into deploy/ -> its app served in " + ms(installed));
            awaitLine(c.stderr, "Feature org.cerise:cerise-dispatch-vhost:0.1.0-SNAPSHOT installed (file:");

            t0 = System.nanoTime();
            Files.delete(dropped);
            Duration removed = c.await("deleting the feature file removes the dispatcher again", "/vhost/",
                    r -> r.status == 503, FEATURE_CHANGE, t0);
            TIMINGS.add("features: feature file deleted -> its app waits (503) in " + ms(removed));
            assertEquals(200, get(c.url("/tut01/")).status, "the rest goes on");

            // a malformed feature file is an error naming the file and the key; nothing is installed
            Path bad = c.home.resolve("deploy/broken.json");
            Files.writeString(bad, "{ \"id\": \"org.example:broken:1\",\n  \"bundles\": [ { \"id\": "
                    + "\"cerise-dispatch-vhost\" } ] }\n");
            awaitLine(c.stderr, "broken.json: key 'bundles[0].id' must be Maven coordinates");
            assertEquals(503, get(c.url("/vhost/")).status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            c.kill();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits for a line containing text in a log file (lines are written as requests end). */
    private static String awaitLine(Path file, String text) throws InterruptedException {
        long end = System.nanoTime() + CONFIG_CHANGE.toNanos();
        while (System.nanoTime() < end) {
            for (String line : read(file).split("\n")) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        return fail("no line with '" + text + "' in " + file + " within " + ms(CONFIG_CHANGE) + ": " + read(file));
    }

    // ------------------------------------------------------------------ the container

    /** One copy of the distribution, started through bin/cerise. */
    static final class Container {
        final String name;
        final Path home;
        final String host;
        final int port;
        final Path stdout;
        final Path stderr;
        final Process process;
        final long launched;
        private Duration startup;

        private Container(String name, Path home, String host, int port, Path stdout, Path stderr, Process process,
                long launched) {
            this.name = name;
            this.home = home;
            this.host = host;
            this.port = port;
            this.stdout = stdout;
            this.stderr = stderr;
            this.process = process;
            this.launched = launched;
        }

        /** Copies target/cerise to a fresh temp folder and runs its bin/cerise with env. */
        static Container start(String name, String host, Map<String, String> env) throws IOException {
            return start(name, host, env, home -> { });
        }

        /** Something to do to a container's folder before it starts. */
        interface Preparation {
            void prepare(Path home) throws IOException;
        }

        /** As {@link #start(String, String, Map)}, preparing the folder first (a .cfg in deploy/). */
        static Container start(String name, String host, Map<String, String> env, Preparation preparation)
                throws IOException {
            Path home = temp.resolve(name).resolve("cerise");
            copyTree(HOME, home);
            preparation.prepare(home);
            return launch(name, home, host, env);
        }

        /** Starts a stopped (or killed) container again, on its folder as it was left. */
        static Container restart(Container stopped) throws IOException {
            Map<String, String> env = Map.of("CERISE_PORT", String.valueOf(stopped.port), "CERISE_HOST", stopped.host);
            return launch(stopped.name + "-again", stopped.home, stopped.host, env);
        }

        private static Container launch(String name, Path home, String host, Map<String, String> env) throws IOException {
            return launch(name, home, host, env, false);
        }

        /**
         * As {@link #start(String, String, Map)}, but bin/cerise runs in a pseudo terminal (util-linux
         * {@code script}), as in a user's terminal: {@link #type} is the keyboard, {@link #stdout}
         * the screen (stderr goes there too, as on a terminal).
         */
        static Container startInTerminal(String name, Map<String, String> env) throws IOException {
            Path home = temp.resolve(name).resolve("cerise");
            copyTree(HOME, home);
            return launch(name, home, "127.0.0.1", env, true);
        }

        private static Container launch(String name, Path home, String host, Map<String, String> env, boolean terminal)
                throws IOException {
            Path out = LOGS.resolve(name + ".stdout.log");
            Path err = LOGS.resolve(name + ".stderr.log");
            long t0 = System.nanoTime();
            ProcessBuilder pb = command(home, env, out, err);
            if (terminal) {
                // -q: no banner, -f: flush each write, -c: the command, /dev/null: no typescript file
                pb.command("script", "-qfc", home.resolve("bin/cerise").toString(), "/dev/null");
            }
            Process p = pb.start();
            if (!terminal) {
                // standard input at its end at once: what CI, nohup and systemd give
                p.getOutputStream().close();
            }
            Container c = new Container(name, home, host, Integer.parseInt(env.get("CERISE_PORT")), out, err, p, t0);
            CONTAINERS.add(c);
            return c;
        }

        String url(String path) {
            return "http://" + host + ":" + port + path;
        }

        /** Types a line into the container's terminal (see {@link #startInTerminal}), Enter included. */
        void type(String keys) throws IOException {
            java.io.OutputStream keyboard = process.getOutputStream();
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        /** @return the JVM's CPU time so far (bin/cerise execs it; under script it is a descendant) */
        Duration cpuTime() {
            return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                    .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst()
                    .flatMap(h -> h.info().totalCpuDuration())
                    .orElseThrow(() -> new AssertionError("no java process under bin/cerise of '" + name + "'"));
        }

        /** Waits (once) until /tut01/ answers Hello world!, and reports how long that took. */
        synchronized Duration awaitStarted() {
            if (startup == null) {
                startup = await("the container starts and /tut01/ answers 200 Hello world!", "/tut01/",
                        r -> r.status == 200 && r.body.equals("Hello world!"), STARTUP, launched);
                TIMINGS.add("start-up (" + name + ", " + host + "): bin/cerise -> first 200 of /tut01/ in "
                        + ms(startup));
            }
            return startup;
        }

        /**
         * Polls path until the reply satisfies want; fails if that takes longer than deadline
         * counted from since, or if the container exits meanwhile.
         *
         * @return the time from since to the first satisfying reply
         */
        Duration await(String what, String path, Predicate<Reply> want, Duration deadline, long since) {
            Reply last;
            while (true) {
                last = get(url(path));
                Duration elapsed = Duration.ofNanos(System.nanoTime() - since);
                if (want.test(last)) {
                    assertTrue(elapsed.compareTo(deadline) <= 0,
                            what + ": took " + ms(elapsed) + ", more than " + ms(deadline));
                    return elapsed;
                }
                if (!process.isAlive()) {
                    fail(what + ": bin/cerise exited with code " + process.exitValue() + "; last reply " + last);
                }
                if (elapsed.compareTo(deadline) > 0) {
                    fail(what + ": not within " + ms(deadline) + "; last reply from " + path + ": " + last);
                }
                try {
                    Thread.sleep(10); // poll interval, not a wait for an outcome
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        /** As {@code kill -9}: the JVM gets no chance to stop anything. */
        void killHard() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("bin/cerise of '" + name + "' survives SIGKILL");
            }
        }

        void kill() {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                try {
                    if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly().waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        String diagnostics() {
            return "\n---- container '" + name + "' (" + home + "), "
                    + (process.isAlive() ? "running" : "exited with " + process.exitValue()) + "\n---- tail of "
                    + stdout + "\n" + tail(stdout, 30) + "\n---- tail of " + stderr + "\n" + tail(stderr, 60)
                    + (process.isAlive() ? ceriseThreads() : "");
        }

        /**
         * A stuck container explains itself by its threads: the dump goes to a file beside the
         * logs, and the threads inside Cerise's code (a mount, a config change) to the failure.
         */
        private String ceriseThreads() {
            java.util.Optional<ProcessHandle> jvm = java.util.stream.Stream.concat(java.util.stream.Stream.of(
                    process.toHandle()), process.descendants()).filter(h -> h.info().command()
                            .map(c -> c.endsWith("/java")).orElse(false)).findFirst();
            if (jvm.isEmpty()) {
                return "";
            }
            Path dump = LOGS.resolve(name + ".threads.txt");
            try {
                Process jcmd = new ProcessBuilder("jcmd", String.valueOf(jvm.get().pid()), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
                if (!jcmd.waitFor(20, TimeUnit.SECONDS)) {
                    jcmd.destroyForcibly();
                }
                StringBuilder cerise = new StringBuilder();
                for (String thread : Files.readString(dump).split("\n\n")) {
                    if (thread.contains("org.cerise.")) {
                        cerise.append(thread).append("\n\n");
                    }
                }
                return "\n---- threads in Cerise's code (whole dump: " + dump + ")\n" + cerise;
            } catch (IOException e) {
                return "\n---- no thread dump: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }

    /** Appends the containers' output to every failure, so that it explains itself. */
    static final class ContainerLogs implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
            throw withLogs(t);
        }

        @Override
        public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
            throw withLogs(t);
        }

        private static Throwable withLogs(Throwable t) {
            if (t instanceof TestAbortedException || CONTAINERS.isEmpty()) {
                return t;
            }
            StringBuilder logs = new StringBuilder(String.valueOf(t.getMessage()));
            synchronized (CONTAINERS) {
                CONTAINERS.forEach(c -> logs.append(c.diagnostics()));
            }
            AssertionError e = new AssertionError(logs.toString(), t);
            e.setStackTrace(t.getStackTrace());
            return e;
        }
    }

    // ------------------------------------------------------------------ helpers

    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        Reply(int status, String body) {
            this(status, body, java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true));
        }

        /** @param name a header @return its first value, or {@code null} */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status == -1 ? "no HTTP answer (" + body + ")"
                    : status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** @return the reply, or status -1 when no HTTP conversation happened (e.g. refused) */
    static Reply get(String url, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
            if (headers.length > 0) {
                request.headers(headers);
            }
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            return new Reply(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static ProcessBuilder command(Path home, Map<String, String> env, Path out, Path err) {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/cerise").toString());
        pb.environment().remove("CERISE_PORT");
        pb.environment().remove("CERISE_HOST");
        pb.environment().putAll(env);
        pb.directory(temp.toFile());
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        return pb;
    }

    static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    /**
     * @return a local address other than 127.0.0.1: 127.0.0.2 where 127.0.0.0/8 is all
     *         loopback (Linux), else an address of an interface that is up
     */
    static String otherLocalAddress() throws IOException {
        List<String> candidates = new ArrayList<>(List.of("127.0.0.2"));
        try (Stream<NetworkInterface> nis = NetworkInterface.networkInterfaces()) {
            nis.filter(ni -> {
                try {
                    return ni.isUp();
                } catch (IOException e) {
                    return false;
                }
            }).flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a.getAddress().length == 4 && !a.isLoopbackAddress())
                    .forEach(a -> candidates.add(a.getHostAddress()));
        }
        for (String host : candidates) {
            try {
                new ServerSocket(0, 1, InetAddress.getByName(host)).close();
                return host;
            } catch (IOException notLocal) {
                // try the next one
            }
        }
        throw new TestAbortedException("no local address other than 127.0.0.1 to listen on: " + candidates);
    }

    /** Writes an app bundle whose activator (and app) is the given class, compiled with the tests. */
    static Path hotBundle(Class<?> activator, String version, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.cerise.it.hot");
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Activator", activator.getName());
        a.putValue("Import-Package", "org.cerise.api;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\"");
        String entry = activator.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                InputStream in = activator.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /** Copies the distribution, keeping permissions (bin/cerise stays executable), without a run's data/. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            all.filter(p -> !from.relativize(p).startsWith("data")).forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static String ms(Duration d) {
        return d.toMillis() + " ms";
    }
}
