package org.cerise.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;

import org.junit.jupiter.api.Test;

/** The kit over real sockets, to the embedded container's Jetty on a free port. */
class SocketsTest extends KitContract {

    @Test
    void servesOverASocket() throws IOException {
        assertFalse(inProcess());
        try (Socket s = new Socket(HOST, port())) {
            assertTrue(s.isConnected());
        }
        getPage("/", null, "GET", (byte[]) null, "HTTP/1.0");
        assertStatus(200);
        assertBody("Hello world!");
    }
}
