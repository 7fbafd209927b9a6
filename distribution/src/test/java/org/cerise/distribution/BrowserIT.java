package org.cerise.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Tutorials 8, 9 and 10 in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, driven by Selenium) against a copy of the assembled container started
 * through {@code bin/cerise}. Each test loads the page, clicks "Give it now!", sees an
 * 8-character string, replaces it, and deletes it; each step is checked in the page and against
 * the server (the web service's {@code GET} with the browser's session cookie, which reads the
 * session in tutorial 8 and the database in tutorials 9 and 10). Every script the pages load
 * comes from the container itself (no internet needed; the test checks that no resource came
 * from elsewhere and that the console shows no error). Screenshots are kept in
 * {@code target/screenshots}. With {@code -Dcerise.browser.url=http://host:port} the same steps run
 * against a server that is already running instead.
 */
class BrowserIT {

    /** What a page gets to react to a click; Babel compiling gen.js in the browser takes the longest. */
    private static final Duration PAGE = Duration.ofSeconds(20);
    private static final Pattern EIGHT_HEX = Pattern.compile("[0-9a-fA-F]{8}");
    private static final String REPLACEMENT = "cerise42";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path temp;

    private static Chromium.Container container;
    private static String base;
    private static WebDriver browser;

    private String testName;

    @BeforeAll
    static void startContainerAndBrowser() throws IOException, InterruptedException {
        // a missing browser fails (never skips), saying how to install it
        Chromium.requireBrowserAndDistribution("BrowserIT");
        String external = System.getProperty("cerise.browser.url", "");
        if (!external.isEmpty()) {
            // the same steps against a server already running (CherryPy hosting the same pages)
            base = external;
        } else {
            container = new Chromium.Container(temp, "browser");
            base = container.base();
            container.awaitServing("/tut08/", "/tut09/", "/tut10/");
        }
        ChromeOptions options = Chromium.options(1024, 768);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = Chromium.start(options, "chromedriver.log");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        Chromium.stop(browser, container);
    }

    @BeforeEach
    void freshVisitor(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void screenshotOnFailure() {
        // the success screenshot is taken inside each test; this one shows where a failure stopped
        screenshot(testName + "-last");
    }

    @Test
    void tut08AjaxPageKeepsTheStringInTheSession() throws Exception {
        jQueryTranscript("tut08", "/tut08/", () -> {
            // tutorial 8's GET on an empty session: Python's KeyError, a 500 as in CherryPy
            Reply r = serverGet("/tut08/generator");
            assertEquals(500, r.status, "GET /tut08/generator after DELETE: the session has no string: " + r);
        });
    }

    @Test
    void tut09AjaxPageKeepsTheStringInTheDatabase() throws Exception {
        jQueryTranscript("tut09", "/tut09/", () -> {
            // tutorial 9's GET reads the table: no row for this session, an empty answer
            Reply r = serverGet("/tut09/generator");
            assertEquals(200, r.status, r.toString());
            assertEquals("", r.body, "GET /tut09/generator after DELETE: no row left for the session");
        });
    }

    @Test
    void tut10ReactPageGeneratesReplacesAndDeletes() throws Exception {
        browser.get(base + "/tut10/");
        WebDriverWait wait = new WebDriverWait(browser, PAGE);
        // React renders the form once Babel has compiled gen.js in the page
        WebElement give = wait.until(ExpectedConditions.elementToBeClickable(button("Give it now!")));
        assertEquals("8", browser.findElement(By.cssSelector("#generator input")).getAttribute("value"),
                "the length input starts at 8");
        assertBlueBackground();

        give.click();
        WebElement input = wait.until(d -> {
            List<WebElement> in = d.findElements(By.cssSelector("#generator input"));
            return !in.isEmpty() && EIGHT_HEX.matcher(value(in.get(0))).matches()
                    && !d.findElements(button("Replace")).isEmpty() ? in.get(0) : null;
        });
        String generated = value(input);
        assertEquals(generated, serverGet("/tut10/generator").okBody(), "the database holds the string the page shows");

        // a controlled React input: select all and type over it, as a user does
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), REPLACEMENT);
        wait.until(d -> REPLACEMENT.equals(value(d.findElement(By.cssSelector("#generator input")))));
        browser.findElement(button("Replace")).click();
        awaitServer("/tut10/generator", REPLACEMENT);
        assertEquals(REPLACEMENT, value(browser.findElement(By.cssSelector("#generator input"))),
                "the page shows the replaced string");
        screenshot("tut10");

        browser.findElement(button("Delete it")).click();
        wait.until(ExpectedConditions.elementToBeClickable(button("Give it now!")));
        assertEquals("8", value(browser.findElement(By.cssSelector("#generator input"))), "back to the length form");
        assertTrue(browser.findElements(button("Replace")).isEmpty(), "the string's form is gone");
        Reply r = serverGet("/tut10/generator");
        assertEquals(200, r.status, r.toString());
        assertEquals("", r.body, "GET /tut10/generator after DELETE: no row left for the session");

        assertEverythingCameFromTheContainer();
        assertNoConsoleErrors();
    }

    /** The steps of the jQuery page of tutorials 8 and 9; {@code afterDelete} checks the server. */
    private void jQueryTranscript(String name, String path, ThrowingRunnable afterDelete) throws Exception {
        browser.get(base + path);
        WebDriverWait wait = new WebDriverWait(browser, PAGE);
        WebElement give = wait.until(ExpectedConditions.elementToBeClickable(By.id("generate-string")));
        assertEquals("Give it now!", give.getText());
        assertBlueBackground();
        WebElement box = browser.findElement(By.id("the-string"));
        assertFalse(box.isDisplayed(), "the stylesheet hides #the-string until a string is generated");

        give.click();
        WebElement input = browser.findElement(By.cssSelector("#the-string input"));
        wait.until(d -> box.isDisplayed() && EIGHT_HEX.matcher(value(input)).matches());
        String generated = value(input);
        assertEquals(generated, serverGet(path + "generator").okBody(), "the server keeps the string the page shows");

        input.clear();
        input.sendKeys(REPLACEMENT);
        browser.findElement(By.id("replace-string")).click();
        Alert alert = wait.until(ExpectedConditions.alertIsPresent());
        assertEquals("Replaced!", alert.getText());
        alert.accept();
        assertEquals(REPLACEMENT, serverGet(path + "generator").okBody(), "the server keeps the replaced string");
        assertEquals(REPLACEMENT, value(input), "the page shows the replaced string");
        screenshot(name);

        browser.findElement(By.id("delete-string")).click();
        wait.until(ExpectedConditions.invisibilityOf(box));
        afterDelete.run();

        assertEverythingCameFromTheContainer();
        assertNoConsoleErrors();
    }

    // ------------------------------------------------------------------ page checks

    /** Tutorial 6's "flashy blue": the stylesheet was served and applied. */
    private void assertBlueBackground() {
        assertEquals("rgb(0, 0, 255)", ((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.body).backgroundColor;"), "the stylesheet's blue background");
    }

    /** No CDN: every resource the page loaded (scripts, stylesheet, Ajax calls) came from the container. */
    private void assertEverythingCameFromTheContainer() {
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
        assertFalse(loaded.isEmpty(), "the page loaded its scripts and stylesheet");
        for (String url : loaded) {
            assertTrue(url.startsWith(base + "/"), "the page loaded " + url + " from outside the container: " + loaded);
        }
    }

    /** A script that failed to load or threw shows as a SEVERE console entry. */
    private void assertNoConsoleErrors() {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // the browser asks for /favicon.ico on its own; the tutorials have none (404)
                .filter(e -> !e.getMessage().contains("favicon.ico"))
                .collect(Collectors.toList());
        assertTrue(severe.isEmpty(), "console errors: " + severe);
    }

    private static By button(String text) {
        return By.xpath("//button[normalize-space(.)='" + text + "']");
    }

    private static String value(WebElement input) {
        String v = input.getAttribute("value");
        return v == null ? "" : v;
    }

    private void screenshot(String name) {
        if (browser == null) {
            return;
        }
        try {
            Chromium.screenshot(browser, name);
        } catch (IOException | RuntimeException e) {
            System.err.println("[BrowserIT] no screenshot " + name + ": " + e);
        }
    }

    // ------------------------------------------------------------------ the server, with the browser's session

    /** GET as the browser's visitor: its session cookie, and {@code Accept: text/plain} as the tutorials' GET wants. */
    private Reply serverGet(String path) throws IOException, InterruptedException {
        org.openqa.selenium.Cookie session = browser.manage().getCookieNamed("session_id");
        assertTrue(session != null, "the browser holds a session_id cookie");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
                .header("Accept", "text/plain").header("Cookie", "session_id=" + session.getValue()).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** The page has no sign that a PUT finished (tutorial 10 sets the state it already shows): ask the server. */
    private void awaitServer(String path, String want) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PAGE.toNanos();
        Reply last;
        while (!(last = serverGet(path)).equals(new Reply(200, want))) {
            if (System.nanoTime() > deadline) {
                fail("GET " + path + " never answered 200 " + want + "; last: " + last);
            }
            Thread.sleep(20); // poll interval
        }
    }

    /** A status and a body. */
    private record Reply(int status, String body) {
        String okBody() {
            assertEquals(200, status, "GET answered " + this);
            return body;
        }

        @Override
        public String toString() {
            return status + " '" + body + "'";
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
