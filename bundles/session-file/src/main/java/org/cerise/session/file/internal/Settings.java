package org.cerise.session.file.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The file store's settings, read once at activation from the configuration
 * {@value FileSessionStore#PID} (or its defaults). Every value is checked here, so that a bad
 * one is an error naming its key before the store serves a single request.
 *
 * @param storagePath  the directory of the session files (absolute)
 * @param fsync        whether a save waits until its file and directory entry are on disk
 * @param lockPoll     how often a lock held by another process is tried again
 * @param tempMaxAge   how old a temporary file must be before {@code removeExpired} deletes it
 */
record Settings(Path storagePath, boolean fsync, Duration lockPoll, Duration tempMaxAge) {

    static final String STORAGE_PATH = "storage_path";
    static final String FSYNC = "fsync";
    static final String LOCK_POLL_MS = "lock_poll_ms";
    static final String TEMP_MAX_AGE_S = "temp_max_age_s";

    static final boolean DEFAULT_FSYNC = true;
    static final int DEFAULT_LOCK_POLL_MS = 10;
    static final int DEFAULT_TEMP_MAX_AGE_S = 600;

    /** The name of the default directory in the bundle's data area. */
    static final String DATA_AREA_DIRECTORY = "sessions";

    /**
     * @param properties the component's properties (Config Admin values are often strings)
     * @param dataArea   gives the default directory, or {@code null} if the framework has no
     *                   file system support
     * @return the settings
     * @throws IllegalArgumentException naming the key, if a value is not acceptable
     */
    static Settings from(Map<String, ?> properties, Supplier<Path> dataArea) {
        Path storage = storagePath(properties.get(STORAGE_PATH), dataArea);
        boolean fsync = bool(properties.get(FSYNC), FSYNC, DEFAULT_FSYNC);
        int poll = whole(properties.get(LOCK_POLL_MS), LOCK_POLL_MS, DEFAULT_LOCK_POLL_MS, 1, 60_000,
                "milliseconds");
        int tempAge = whole(properties.get(TEMP_MAX_AGE_S), TEMP_MAX_AGE_S, DEFAULT_TEMP_MAX_AGE_S, 1,
                Integer.MAX_VALUE, "seconds");
        return new Settings(storage, fsync, Duration.ofMillis(poll), Duration.ofSeconds(tempAge));
    }

    private static Path storagePath(Object value, Supplier<Path> dataArea) {
        String text = value == null ? "" : value.toString().strip();
        if (text.isEmpty()) {
            Path area = dataArea.get();
            if (area == null) {
                throw new IllegalArgumentException(FileSessionStore.PID + ": " + STORAGE_PATH
                        + " is not set and the framework has no data area to keep sessions in: set " + STORAGE_PATH);
            }
            return area.toAbsolutePath().normalize();
        }
        try {
            // relative to the working directory, as CherryPy's os.path.abspath(storage_path)
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(FileSessionStore.PID + ": " + STORAGE_PATH + " = '" + text
                    + "' is not a path: " + e.getMessage(), e);
        }
    }

    private static boolean bool(Object value, String key, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().strip().toLowerCase(Locale.ROOT);
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException(FileSessionStore.PID + ": " + key + " = '" + value
                + "' is not true or false");
    }

    private static int whole(Object value, String key, int fallback, int min, int max, String unit) {
        if (value == null) {
            return fallback;
        }
        long number;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            number = ((Number) value).longValue();
        } else {
            try {
                number = Long.parseLong(value.toString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(FileSessionStore.PID + ": " + key + " = '" + value
                        + "' is not a whole number of " + unit);
            }
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(FileSessionStore.PID + ": " + key + " = " + number + " is out of range ("
                    + min + " to " + max + " " + unit + ")");
        }
        return (int) number;
    }
}
