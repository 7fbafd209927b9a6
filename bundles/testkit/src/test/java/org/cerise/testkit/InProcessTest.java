package org.cerise.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;

import org.junit.jupiter.api.Test;

/** The kit without sockets: the container runs no HTTP server; the same contract passes. */
@InProcess
class InProcessTest extends KitContract {

    @Test
    void servesWithoutASocket() {
        assertTrue(inProcess());
        // nothing listens: the container started without Jetty
        assertThrows(IOException.class, () -> new Socket(HOST, port()).close());
        getPage("/", null, "GET", (byte[]) null, "HTTP/1.0");
        assertStatus(200);
        assertBody("Hello world!");
    }
}
