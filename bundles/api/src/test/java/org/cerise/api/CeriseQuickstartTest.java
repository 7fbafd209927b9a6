package org.cerise.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Without cerise-quickstart on the class path (as here), the quickstart methods say what to add. */
class CeriseQuickstartTest {

    @Test
    void withoutAnEmbeddingTheMessageNamesTheArtifact() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Cerise.quickstart(new Object(), "/", Map.of()));
        assertTrue(e.getMessage().contains("org.cerise:cerise-quickstart"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Cerise.mount(new Object(), "/a"));
        assertThrows(IllegalStateException.class, Cerise::start);
    }
}
