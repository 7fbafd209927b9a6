package org.cerise.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cerise.api.Cerise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/**
 * What the test kit does, run once over sockets ({@link SocketsTest}) and once in-process
 * ({@link InProcessTest}): the same assertions on the same answers, so both modes serve alike.
 * The failure messages are cheroot's and CherryPy's (webtest.py, helper.py, logtest.py of
 * CherryPy 18.8 / cheroot), byte for byte.
 */
abstract class KitContract extends CPWebCase {

    static void setupServer() {
        Cerise.mount(new KitApp(), "/", Map.of());
    }

    private static String failure(Executable e) {
        return assertThrows(AssertionFailedError.class, e).getMessage();
    }

    @Test
    void statusHeadersAndBody() {
        Page page = getPage("/");
        assertEquals("200 OK", page.status());
        assertStatus(200);
        assertStatus("200 OK");
        assertStatus(List.of(404, "200 OK"));
        assertEquals("text/html;charset=utf-8", assertHeader("Content-Type"));
        assertHeader("content-type", "text/html;charset=utf-8");
        assertHeader("Content-Length", 12);
        assertHeaderIn("Content-Length", List.of("11", "12"));
        assertNoHeader("Location");
        assertBody("Hello world!");
        assertInBody("world");
        assertNotInBody("planet");
        assertMatchesBody("w.rld!$");
        assertEquals("Hello world!", bodyText());
        assertEquals(200, statusCode());
        // the headers a client sees, in both modes
        List<String> names = new ArrayList<>();
        headers().forEach(h -> names.add(h.getKey()));
        assertTrue(names.containsAll(List.of("Content-Type", "Server", "Date", "Content-Length")), names.toString());
        assertTrue(assertHeader("Server").startsWith("Cerise/"), assertHeader("Server"));
    }

    @Test
    void failingAssertionsSayWhatCherryPySays() {
        getPage("/");
        assertEquals("Status 200 OK does not match 404", failure(() -> assertStatus(404)));
        assertEquals("Status 200 OK does not match 200 Okay", failure(() -> assertStatus("200 Okay")));
        assertEquals("Status 200 OK does not match [201, '404 Not Found']",
                failure(() -> assertStatus(List.of(201, "404 Not Found"))));
        assertEquals("'X-Missing' not in headers", failure(() -> assertHeader("X-Missing")));
        assertEquals("'Content-Length':'13' not in headers", failure(() -> assertHeader("Content-Length", "13")));
        assertEquals("'Content-Length':13 not in headers", failure(() -> assertHeader("Content-Length", 13)));
        assertEquals("'Content-Length' not in ['1', '2']", failure(() -> assertHeaderIn("Content-Length", List.of("1", "2"))));
        assertEquals("'Content-Type' in headers", failure(() -> assertNoHeader("Content-Type")));
        assertEquals("expected body:\nb'Hello'\n\nactual body:\nb'Hello world!'", failure(() -> assertBody("Hello")));
        assertEquals("b'planet' not in body: b'Hello world!'", failure(() -> assertInBody("planet")));
        assertEquals("b'world' found in body", failure(() -> assertNotInBody("world")));
        assertEquals("No match for b'^world' in body", failure(() -> assertMatchesBody("^world")));
        assertEquals("custom", failure(() -> assertStatus(500, "custom")));
    }

    @Test
    void headerItems() {
        getPage("/remember");
        assertEquals("b", assertHeaderItemValue("X-Kit", "b"));
        assertEquals("'c' not in ['a', 'b']", failure(() -> assertHeaderItemValue("X-Kit", "c")));
        assertNoHeaderItemValue("X-Kit", "a");
        assertTrue(failure(() -> assertNoHeaderItemValue("X-Kit", "a, b")).startsWith("'X-Kit':'a, b' in [("));
    }

    @Test
    void cookiesAreKeptForTheNextRequest() {
        getPage("/recall");
        assertBody("nothing");
        assertTrue(cookies().isEmpty());
        getPage("/remember");
        assertEquals(1, cookies().size());
        assertEquals("Cookie", cookies().get(0).getKey());
        assertTrue(cookies().get(0).getValue().startsWith("flavour=cherry"), cookies().toString());
        getPage("/recall", cookies());
        assertBody("cherry");
        // as in CherryPy, the next response (without Set-Cookie) leaves none to send
        assertTrue(cookies().isEmpty());
        getPage("/recall");
        assertBody("nothing");
    }

    @Test
    void postsAForm() {
        getPage("/greet", null, "POST", "name=Alice");
        assertStatus(200);
        assertBody("Hello Alice!");
        getPage("/greet?name=Bob", headers("Accept", "text/plain"));
        assertBody("Hello Bob!");
    }

    @Test
    void errorPages() {
        getPage("/nowhere");
        assertStatus(404);
        // as in CherryPy, NotFound's page has its own message, not the status's default
        assertTrue(failure(() -> assertErrorPage(404)).contains("<p>Nothing matches the given URI</p>"));
        assertErrorPage(404, "The path '/nowhere' was not found.");
        // test_suite shows tracebacks (request.show_tracebacks: True), of HTTP errors too, as
        // CherryPy's HTTPError.set_response does
        assertErrorPage("404 Not Found", "The path '/nowhere' was not found.", "NotFound");
        assertEquals("Error page contains traceback",
                failure(() -> assertErrorPage(404, "The path '/nowhere' was not found.", null)));
        assertTrue(failure(() -> assertErrorPage(500)).startsWith("Error page does not match; expected:\n<!DOCTYPE html PUBLIC"));
        getPage("/boom");
        assertStatus(500);
        assertErrorPage(500, null, "java.lang.ArithmeticException: / by zero");
        assertEquals("Error page does not contain 'NullPointerException' in traceback",
                failure(() -> assertErrorPage(500, null, "NullPointerException")));
    }

    @Test
    void logsSeeTheAccessLineAndTheHandlersError() {
        getPage("/");
        accessLog().assertInLog("\"GET / HTTP/1.1\" 200 12 \"\" \"\"");
        accessLog().assertLog(-1, "127.0.0.1 - - [");
        errorLog().assertNotInLog("ArithmeticException");
        errorLog().markLog("boom");
        getPage("/boom");
        errorLog().assertInLog("java.lang.ArithmeticException: / by zero");
        errorLog().assertInLog("at org.cerise.testkit.KitApp.boom", "boom");
        accessLog().assertInLog("\"GET /boom HTTP/1.1\" 500");
        assertEquals("'/elsewhere' not found in log", failure(() -> accessLog().assertInLog("/elsewhere")));
        assertEquals("'GET /boom' found in log", failure(() -> accessLog().assertNotInLog("GET /boom")));
        assertEquals("b'POST' not found on log line 0", failure(() -> accessLog().assertLog(0, "POST")));
        accessLog().assertLog(0, 2, List.of("GET / ", "GET /boom "));
        assertEquals("b'GET /x' not found in log", failure(() -> accessLog().assertLog(0, 2, List.of("GET / ", "GET /x"))));
        // a new marker: the region starts after it
        accessLog().markLog("later");
        accessLog().assertNotInLog("GET /boom");
        accessLog().emptyLog();
        assertFalse(accessLog().lines().iterator().hasNext());
    }

    @Test
    void eachTestSeesItsOwnLogLines() {
        accessLog().assertNotInLog("GET ");
        getPage("/recall");
        accessLog().assertInLog("GET /recall HTTP/1.1");
    }
}
