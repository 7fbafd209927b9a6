package org.cerise.features.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;

/**
 * What install and remove requests changed, kept in a small properties file so that it
 * survives a restart: the features added beyond the launch list ({@code cerise.features}) and
 * the launch features removed. Kept as a difference, not as a full list, so that an edit of the
 * launch list still takes effect for every feature nobody touched.
 */
final class LaunchState {

    private final Path file;
    final Set<String> added = new LinkedHashSet<>();
    final Set<String> removed = new LinkedHashSet<>();

    /**
     * @param file where the state is kept; a missing file is an empty state
     * @throws IOException when it exists but cannot be read
     */
    LaunchState(Path file) throws IOException {
        this.file = file;
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            added.addAll(list(p.getProperty("added", "")));
            removed.addAll(list(p.getProperty("removed", "")));
        }
    }

    private static Set<String> list(String value) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    /** Writes the state (a temporary file moved over the old one: never half written). */
    void save() throws IOException {
        Properties p = new Properties();
        p.setProperty("added", String.join(",", added));
        p.setProperty("removed", String.join(",", removed));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "features", ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp)) {
            p.store(out, "Features installed (added) and removed at run time, beyond the launch list cerise.features");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
