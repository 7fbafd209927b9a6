package org.cerise.session.ram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreContract;
import org.junit.jupiter.api.Test;

/** The RAM store passes the compliance suite, and keeps no lock object for an id nobody locks. */
class RamSessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore newStore() {
        return new RamSessionStore();
    }

    @Test
    void locksAreForgottenOnceReleased() throws Exception {
        RamSessionStore ram = (RamSessionStore) store();
        for (int i = 0; i < 1000; i++) {
            try (SessionLock lock = ram.lock(newId(), Duration.ofSeconds(1))) {
                assertEquals(1, ram.lockObjects());
            }
        }
        assertEquals(0, ram.lockObjects(), "no lock left behind");
    }
}
