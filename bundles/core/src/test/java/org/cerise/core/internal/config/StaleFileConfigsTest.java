package org.cerise.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleFileConfigsTest {

    @TempDir
    Path dir;

    @Test
    void aConfigurationOfAFileThatIsGoneIsStale() throws IOException {
        Path cfg = Files.writeString(dir.resolve("org.cerise.app-tut03.cfg"), "cerise.app = tut03\n");
        String filename = cfg.toUri().toString(); // as FileInstall writes it: file:/...
        assertFalse(StaleFileConfigs.isStale(filename), "the file is there");
        Files.delete(cfg);
        assertTrue(StaleFileConfigs.isStale(filename), "the file was deleted");
    }

    @Test
    void whatIsNotALocalFileIsKept() {
        assertFalse(StaleFileConfigs.isStale(null));
        assertFalse(StaleFileConfigs.isStale("http://example.org/x.cfg"));
        assertFalse(StaleFileConfigs.isStale("not a uri at all ::"));
        assertFalse(StaleFileConfigs.isStale("relative/x.cfg"));
    }
}
