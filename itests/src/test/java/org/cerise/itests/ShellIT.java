package org.cerise.itests;

import static org.cerise.itests.AdminLogin.basic;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Gogo shell and the JSON API show the same model: each {@code cerise:} command is typed into
 * a session of the real Gogo runtime (features/cerise-shell.json, as the distribution ships it),
 * parsed and run by it, and its result compared, record by record, with what the JSON API answers
 * over HTTP for the same question.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT extends CeriseTestSupport {

    private static final String PASSWORD = "itest-shell-pw";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Set once per container (the probe's classes are loaded afresh for each). */
    private static volatile boolean passwordSet;

    /**
     * The container generated a password that nobody here knows (only its hash is stored): the
     * test sets its own hash, as an operator would, and waits until it is in force.
     */
    @Before
    public void ownPassword() throws Exception {
        if (passwordSet) {
            return;
        }
        AdminLogin.setPassword(context(), PASSWORD, MOUNT_DEADLINE, () -> api("/apps"));
        passwordSet = true;
    }

    private HttpResponse<String> api(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url("/cerise/api" + path))).header("Authorization",
                basic("admin", PASSWORD)).GET());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = api(path);
        assertEquals(r.body(), 200, r.statusCode());
        return JSON.readTree(r.body());
    }

    /** What one line typed at the g! prompt gives: the command's result and the console's text of it. */
    private record Typed(Object result, String formatted) {
    }

    private Typed type(String line) throws Exception {
        ServiceTracker<CommandProcessor, CommandProcessor> tracker = new ServiceTracker<>(context(),
                CommandProcessor.class, null);
        tracker.open();
        try {
            CommandProcessor processor = tracker.waitForService(MOUNT_DEADLINE.toMillis());
            assertNotNull("the Gogo runtime's CommandProcessor is registered (features/cerise-shell.json)", processor);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print);
            try {
                Object result = session.execute(line);
                // what the console prints for a result: its INSPECT form, through Gogo's converters
                CharSequence formatted = session.format(result, Converter.INSPECT);
                return new Typed(result, String.valueOf(formatted));
            } finally {
                session.close();
            }
        } finally {
            tracker.close();
        }
    }

    /**
     * The command's result as JSON text read back, as a client of the JSON API reads it (so that
     * a {@code long} and an {@code int} of the same value compare equal).
     */
    private static JsonNode asJson(Object result) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(result));
    }

    /**
     * Runs the line at the g! prompt and asks the JSON API the same question: the same records.
     * A store that cannot be reached says since how many ms in its error, which moves between
     * two reads: digits in errors are masked.
     */
    private Typed sameAsApi(String line, String apiPath) throws Exception {
        Typed typed = type(line);
        JsonNode fromShell = maskErrorDigits(asJson(typed.result()));
        JsonNode fromApi = maskErrorDigits(json(apiPath));
        assertEquals("'" + line + "' at the g! prompt vs GET /cerise/api" + apiPath, fromApi, fromShell);
        return typed;
    }

    private static JsonNode maskErrorDigits(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            o.fieldNames().forEachRemaining(name -> {
                JsonNode v = o.get(name);
                if (name.equals("error") && v.isTextual()) {
                    o.put(name, v.asText().replaceAll("\\d+", "#"));
                } else {
                    maskErrorDigits(v);
                }
            });
        } else if (node.isArray()) {
            node.forEach(ShellIT::maskErrorDigits);
        }
        return node;
    }

    @Test
    public void appsAreTheSameRecords() throws Exception {
        Typed apps = sameAsApi("cerise:apps", "/apps");
        JsonNode tree = asJson(apps.result());
        assertTrue("every example app: " + tree, tree.size() >= 11);
        assertTrue(apps.formatted(), apps.formatted().contains("name=tut07, mount=/tut07"));
        assertTrue(apps.formatted(), apps.formatted().contains("state=MOUNTED"));
        // the shell's SCOPE reaches the cerise commands without their prefix too
        assertEquals(asJson(apps.result()), asJson(type("apps").result()));
    }

    @Test
    public void toolsAndDispatchersAreTheSameRecords() throws Exception {
        Typed tools = sameAsApi("cerise:tools", "/tools");
        assertTrue(tools.formatted(), tools.formatted().contains("name=sessions"));
        Typed dispatchers = sameAsApi("cerise:dispatchers", "/dispatchers");
        assertTrue(dispatchers.formatted(), dispatchers.formatted().contains("name=method"));
    }

    @Test
    public void sessionsAreTheSameRecord() throws Exception {
        Typed sessions = sameAsApi("cerise:sessions", "/sessions");
        assertTrue(sessions.formatted(), sessions.formatted().contains("active=ram"));
    }

    @Test
    public void explainIsTheSameRecord() throws Exception {
        Typed explained = sameAsApi("cerise:explain /tut07/", "/explain?path=/tut07/");
        assertTrue(explained.formatted(), explained.formatted().contains("dispatcher=method"));
        assertTrue(explained.formatted(), explained.formatted().contains("StringGeneratorWebService.GET"));
        sameAsApi("cerise:explain /nowhere/at/all", "/explain?path=/nowhere/at/all");
    }

    @Test
    public void aMistypedCommandSaysSoAndChangesNothing() throws Exception {
        JsonNode before = json("/sessions");
        try {
            type("cerise:stor ram");
            fail("an unknown command must fail");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("cerise:stor"));
        }
        Typed refused = type("cerise:store nosuch");
        assertTrue(String.valueOf(refused.result()), String.valueOf(refused.result()).startsWith("refused (409): "));
        assertTrue(String.valueOf(refused.result()), String.valueOf(refused.result()).contains("nosuch"));
        JsonNode after = json("/sessions");
        assertEquals("nothing changed", before.path("configured"), after.path("configured"));
        assertEquals("nothing changed", before.path("active"), after.path("active"));
    }
}
