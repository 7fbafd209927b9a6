package org.cerise.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, as {@link BrowserIT}) against a copy of the assembled container
 * started through {@code bin/cerise}. The test reads the admin password the first start
 * generated and logged once, logs into the Web Console with it, sees the apps, creates sessions
 * in the default store ({@code ram}), switches the session store to {@code file} on the console's
 * sessions page and watches the page's live table show the sessions arrive in the new store.
 * Screenshots: {@code target/screenshots/console-*.png}.
 */
class ConsoleBrowserIT {

    private static final Duration PAGE = Duration.ofSeconds(20);
    private static final Pattern PASSWORD = Pattern.compile("generated one for user 'admin': (\\S+)  \\(shown only now");
    private static final int SESSIONS = 5;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path temp;

    private static Chromium.Container container;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        Chromium.requireBrowserAndDistribution("ConsoleBrowserIT");
        container = new Chromium.Container(temp, "console");
        browser = Chromium.start(Chromium.options(1280, 1024), "console-chromedriver.log");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        Chromium.stop(browser, container);
    }

    private static String base() {
        return container.base();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The password the first start generated, from the container's log: printed once, at WARN. */
    private static String generatedPassword() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Chromium.STARTUP.toNanos();
        Path log = container.stderr;
        while (true) {
            String text = Files.readString(log);
            Matcher m = PASSWORD.matcher(text);
            if (m.find()) {
                String password = m.group(1);
                assertTrue(!m.find(), "the password is printed once");
                return password;
            }
            if (System.nanoTime() > deadline || !container.process.isAlive()) {
                fail("the container logged no generated admin password within " + Chromium.STARTUP + "; see " + log);
            }
            Thread.sleep(100);
        }
    }

    private static void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, "console-" + name);
    }

    private static long count(String store) {
        for (WebElement row : browser.findElements(By.cssSelector("#cerise-stores tr[data-store]"))) {
            if (row.getAttribute("data-store").equals(store)) {
                String text = row.findElement(By.className("count")).getText().strip();
                return text.matches("\\d+") ? Long.parseLong(text) : -1;
            }
        }
        return -1;
    }

    @Test
    void logInSeeTheAppsAndSwitchTheSessionStoreLive() throws Exception {
        container.awaitServing("/tut01/");
        String password = generatedPassword();
        // the console's page registers a moment after the first servlet answers
        long until = System.nanoTime() + Chromium.STARTUP.toNanos();
        while (HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/system/console/cerise-apps"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(("admin:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (System.nanoTime() > until) {
                fail("the console's apps page did not open with the generated password");
            }
            Thread.sleep(200);
        }

        // log in: the browser takes the credentials from the URL, then keeps them for the realm
        browser.get("http://admin:" + password + "@127.0.0.1:" + container.port + "/system/console/cerise-apps");
        WebDriverWait wait = new WebDriverWait(browser, PAGE);
        // only /tut01/ was waited for: the other tutorials may still be mounting, reload until they are listed
        String[] mounts = {"/tut01", "/tut02", "/tut07"};
        wait.until(d -> {
            for (String mount : mounts) {
                if (d.findElements(By.xpath("//td[text()='" + mount + "']")).isEmpty()) {
                    d.navigate().refresh();
                    return false;
                }
            }
            return true;
        });
        String apps = browser.getPageSource();
        for (String mount : mounts) {
            assertTrue(apps.contains("<td>" + mount + "</td>"), "the apps page lists " + mount);
        }
        assertTrue(apps.contains("name=\"csrf\""), "its forms carry the CSRF token");
        screenshot("apps");

        // sessions in the default store: a session-using tutorial visited with fresh cookies each time
        for (int i = 0; i < SESSIONS; i++) {
            HttpResponse<String> r = get("/tut05/generate?length=6");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Set-Cookie").orElse("").startsWith("session_id="), r.headers().toString());
        }

        browser.get(base() + "/system/console/cerise-sessions");
        wait.until(d -> !d.findElements(By.id("cerise-stores")).isEmpty());
        assertEquals("ram", browser.findElement(By.id("cerise-active")).getText());
        wait.until(d -> count("ram") >= SESSIONS);
        long inRam = count("ram");
        long inFileBefore = count("file");
        screenshot("sessions-before");

        new Select(browser.findElement(By.name("store"))).selectByValue("file");
        browser.findElement(By.cssSelector("form[data-action='store'] button")).click();
        WebElement result = wait.until(d -> d.findElements(By.id("cerise-result")).stream().findFirst().orElse(null));
        assertTrue(result.getText().startsWith("Done"), result.getText());
        // the page's live table follows the move: the sessions arrive in the file store
        wait.until(d -> "file".equals(d.findElement(By.id("cerise-active")).getText()));
        wait.until(d -> count("file") >= inFileBefore + inRam && count("ram") == 0
                && d.findElement(By.id("cerise-draining")).getText().equals("none")
                && d.findElement(By.id("cerise-live")).getText().startsWith("Live: updated"));
        screenshot("sessions");

        browser.get(base() + "/system/console/cerise-requests");
        for (int i = 0; i < 20; i++) {
            get("/tut01/");
        }
        wait.until(d -> d.findElement(By.id("cerise-chart-line")).getAttribute("points").split(" ").length >= 2);
        screenshot("requests");
    }
}
