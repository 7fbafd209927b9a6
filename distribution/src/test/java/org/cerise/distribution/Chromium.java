package org.cerise.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * What the browser tests ({@link BrowserIT}, {@link ConsoleBrowserIT}) share: headless Chromium
 * from Debian's {@code chromium} and {@code chromium-driver} (a missing one fails the test, never
 * skips it, saying how to install it), driven by Selenium through the named chromedriver; a copy of
 * the assembled container started through {@code bin/cerise}; screenshots in
 * {@code target/screenshots}.
 */
final class Chromium {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";

    static final Path HOME = Path.of(System.getProperty("cerise.home", "target/cerise"));
    static final Path LOGS = Path.of(System.getProperty("cerise.it.logs", "target/distribution-it"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("cerise.screenshots", "target/screenshots"));
    /** How long bin/cerise may take to serve. */
    static final Duration STARTUP = Duration.ofSeconds(60);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Chromium() {
    }

    /**
     * Fails (never skips) when Chromium, chromedriver or the packaged distribution is missing,
     * saying how to get them; then makes the folders for logs and screenshots.
     *
     * @param test the test's name, for the message
     */
    static void requireBrowserAndDistribution(String test) throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                test + " needs Debian's chromium and chromedriver at " + CHROMIUM + " and " + CHROMEDRIVER
                        + "; install them with: " + INSTALL);
        assertTrue(Files.isExecutable(HOME.resolve("bin/cerise")),
                HOME.toAbsolutePath() + "/bin/cerise is missing: the distribution must be packaged first (mvn verify)");
        Files.createDirectories(LOGS);
        Files.createDirectories(SCREENSHOTS);
    }

    /** A copy of the assembled container, started through bin/cerise. */
    static final class Container {
        final Process process;
        final int port;
        final Path stderr;

        /**
         * Copies the distribution into {@code temp} and starts it on a free port of 127.0.0.1;
         * its output goes to {@code LOGS/<name>.stdout.log} and {@code LOGS/<name>.stderr.log}.
         */
        Container(Path temp, String name) throws IOException {
            Path home = temp.resolve("cerise");
            DistributionIT.copyTree(HOME, home);
            port = DistributionIT.freePort("127.0.0.1");
            stderr = LOGS.resolve(name + ".stderr.log");
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/cerise").toString());
            pb.environment().put("CERISE_PORT", String.valueOf(port));
            pb.environment().put("CERISE_HOST", "127.0.0.1");
            pb.directory(temp.toFile());
            pb.redirectOutput(LOGS.resolve(name + ".stdout.log").toFile());
            pb.redirectError(stderr.toFile());
            process = pb.start();
            process.getOutputStream().close();
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        /**
         * Waits until each path answers 200, failing at once when bin/cerise exited, and with the
         * log's tail after {@link #STARTUP}.
         */
        void awaitServing(String... paths) throws InterruptedException {
            long deadline = System.nanoTime() + STARTUP.toNanos();
            for (String path : paths) {
                String last = "no answer";
                while (true) {
                    try {
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            break;
                        }
                        last = r.statusCode() + " " + r.body();
                    } catch (IOException e) {
                        last = e.toString();
                    }
                    if (!process.isAlive()) {
                        fail("bin/cerise exited with " + process.exitValue() + "; see " + stderr);
                    }
                    if (System.nanoTime() > deadline) {
                        fail(path + " does not answer 200 within " + STARTUP + "; last: " + last + "\n"
                                + DistributionIT.tail(stderr, 40));
                    }
                    Thread.sleep(50); // poll interval
                }
            }
        }

        /** Stops bin/cerise and what it started: politely, then forcibly after 10 s. */
        void stop() throws InterruptedException {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
        }
    }

    /**
     * Headless Chromium's options: Debian's binary, a window of {@code width} x {@code height};
     * a test adds its own capabilities before {@link #start}.
     */
    static ChromeOptions options(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--no-first-run", "--disable-extensions");
        return options;
    }

    /**
     * Starts chromedriver (its log in {@code LOGS/<driverLog>}) and a browser session with these
     * options. The driver is named: Selenium Manager, which would download one, never runs.
     */
    static WebDriver start(ChromeOptions options, String driverLog) {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withLogFile(LOGS.resolve(driverLog).toFile()).build();
        return new ChromeDriver(service, options);
    }

    /** Ends the browser session and stops the container; either may be null (not started). */
    static void stop(WebDriver browser, Container container) throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (container != null) {
            container.stop();
        }
    }

    /** Saves what the browser shows as {@code SCREENSHOTS/<name>.png}. */
    static void screenshot(WebDriver browser, String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
