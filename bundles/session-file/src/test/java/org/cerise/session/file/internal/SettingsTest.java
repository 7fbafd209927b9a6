package org.cerise.session.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.cerise.api.session.SessionStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration: defaults that work unconfigured, and bad values refused naming their key. */
class SettingsTest {

    @TempDir
    Path temp;

    @Test
    void unconfiguredTheStoreKeepsSessionsInTheDataArea() throws Exception {
        Path area = temp.resolve("bundle-data").resolve(Settings.DATA_AREA_DIRECTORY);
        Settings settings = Settings.from(Map.of(), () -> area);
        assertEquals(area, settings.storagePath());
        assertTrue(settings.fsync());
        assertEquals(Duration.ofMillis(10), settings.lockPoll());
        assertEquals(Duration.ofSeconds(600), settings.tempMaxAge());
        FileSessionStore store = new FileSessionStore(settings);
        assertTrue(Files.isDirectory(area), "created, parents too");
        assertEquals(0, store.count());
    }

    @Test
    void configAdminStringsAreRead() {
        Settings settings = Settings.from(Map.of("storage_path", temp.toString(), "fsync", "False",
                "lock_poll_ms", " 25 ", "temp_max_age_s", 60), () -> null);
        assertEquals(temp, settings.storagePath());
        assertFalse(settings.fsync());
        assertEquals(Duration.ofMillis(25), settings.lockPoll());
        assertEquals(Duration.ofSeconds(60), settings.tempMaxAge());
    }

    @Test
    void aRelativeStoragePathIsFromTheWorkingDirectory() {
        Settings settings = Settings.from(Map.of("storage_path", "var/sessions"), () -> null);
        assertEquals(Path.of("").toAbsolutePath().resolve("var/sessions"), settings.storagePath());
    }

    @Test
    void badValuesAreRefusedNamingTheirKey() {
        assertMessage("org.cerise.session.file: lock_poll_ms = 'often' is not a whole number of milliseconds",
                Map.of("lock_poll_ms", "often"));
        assertMessage("org.cerise.session.file: lock_poll_ms = 0 is out of range (1 to 60000 milliseconds)",
                Map.of("lock_poll_ms", 0));
        assertMessage("org.cerise.session.file: temp_max_age_s = -5 is out of range (1 to 2147483647 seconds)",
                Map.of("temp_max_age_s", "-5"));
        assertMessage("org.cerise.session.file: fsync = 'yes' is not true or false", Map.of("fsync", "yes"));
        assertMessage("org.cerise.session.file: storage_path = 'a\u0000b' is not a path: ",
                Map.of("storage_path", "a\u0000b"));
        IllegalArgumentException noArea = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of(), () -> null));
        assertTrue(noArea.getMessage().contains("storage_path is not set and the framework has no data area"),
                noArea.getMessage());
    }

    private void assertMessage(String expectedStart, Map<String, ?> properties) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(properties, () -> temp));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void aStoragePathThatCannotBeADirectoryFailsActivationNamingIt() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        for (Path bad : new Path[] {file, file.resolve("below")}) {
            SessionStoreException e = assertThrows(SessionStoreException.class,
                    () -> new FileSessionStore(new Settings(bad, true, Duration.ofMillis(10), Duration.ofSeconds(60))));
            assertTrue(e.getMessage().startsWith("file session store (org.cerise.session.file): storage_path " + bad
                    + " cannot be used as a writable directory: "), e.getMessage());
        }
    }

    @Test
    void aDirectoryThatCannotBeWrittenFailsActivationNamingIt() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("read-only"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
        try {
            if (Files.isWritable(dir)) {
                // root writes anywhere: a directory that is not a directory stands in for it
                dir = Files.writeString(temp.resolve("not-writable"), "x");
            }
            Path bad = dir;
            SessionStoreException e = assertThrows(SessionStoreException.class,
                    () -> new FileSessionStore(new Settings(bad, true, Duration.ofMillis(10), Duration.ofSeconds(60))));
            assertTrue(e.getMessage().contains("storage_path " + bad + " cannot be used as a writable directory"),
                    e.getMessage());
        } finally {
            Files.setPosixFilePermissions(temp.resolve("read-only"),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }
}
