package org.cerise.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Without setupServer() nothing starts, as in CherryPy; getPage says what is missing. */
class NoServerTest extends CPWebCase {

    @Test
    void getPageNamesTheMissingSetup() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> getPage("/"));
        assertEquals("No Cerise server runs for this test class: declare 'static void setupServer()' that mounts "
                + "the apps (Cerise.mount), as CherryPy's setup_server", e.getMessage());
    }

    @Test
    void urljoinIsCherryPys() {
        assertEquals("/app/x", urljoin("/app", "/x"));
        assertEquals("/app/x", urljoin("/app/", "x"));
        assertEquals("/", urljoin("", ""));
    }
}
