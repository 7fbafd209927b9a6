package org.cerise.tool.sessions.internal;

import java.util.Map;

import org.cerise.api.session.SessionStore;
import org.cerise.api.tool.Tool;
import org.cerise.session.ram.internal.RamSessionStore;

/**
 * The real sessions tool over a RAM store, for the tests of tools that need sessions
 * ({@code session_auth}): {@code Harness.tool("sessions", SessionsWithRam.tool())}. In this
 * module's test-jar.
 */
public final class SessionsWithRam {

    private SessionsWithRam() {
    }

    /** @return a sessions tool whose default store is a fresh RAM store */
    public static Tool tool() {
        SessionsTool tool = new SessionsTool();
        tool.bindStore(new RamSessionStore(), Map.of(SessionStore.NAME, "ram", "service.id", 1L));
        tool.defaultStore().configure("ram");
        return tool;
    }
}
