package org.cerise.tool.authdigest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache htdigest file ({@code user:realm:HA1} per line), as CherryPy's
 * {@code get_ha1_file_htdigest}. Only the lines of the tool's realm count. CherryPy reads the
 * file on every request, so that edits apply at once; this keeps it in memory and reloads it
 * when its modification time changes, looking at most once a second.
 */
final class HtdigestFile implements Ha1Lookup {

    private static final Logger LOG = LoggerFactory.getLogger("cerise.tool.auth_digest");
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    /** A line the file cannot have. */
    static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message);
        }
    }

    private final Path file;
    private final String realm;
    private final Set<Hash> hashes;
    private volatile Ha1Table table;
    private volatile FileTime loaded;
    private volatile long nextCheck;

    /**
     * @throws IOException if the file cannot be read
     * @throws BadLine     if a line is not {@code user:realm:HA1} with a hex HA1 of an offered hash
     */
    HtdigestFile(Path file, String realm, Set<Hash> hashes) throws IOException, BadLine {
        this.file = file;
        this.realm = realm;
        this.hashes = hashes;
        this.loaded = Files.getLastModifiedTime(file);
        this.table = load();
        this.nextCheck = System.nanoTime() + CHECK_EVERY_NANOS;
    }

    private Ha1Table load() throws IOException, BadLine {
        Ha1Table t = new Ha1Table(realm);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(":", -1);
            if (parts.length != 3) {
                throw new BadLine("line " + (i + 1) + " is not user:realm:HA1");
            }
            if (parts[1].equals(realm) && !t.putHex(parts[0], parts[2], hashes)) {
                throw new BadLine("line " + (i + 1) + " has no hex HA1 of " + names(hashes));
            }
        }
        return t;
    }

    static String names(Set<Hash> hashes) {
        StringBuilder sb = new StringBuilder();
        for (Hash h : hashes) {
            sb.append(sb.length() == 0 ? "" : " or ").append(h.jcaName);
        }
        return sb.toString();
    }

    private Ha1Table current() {
        long now = System.nanoTime();
        if (now - nextCheck >= 0) {
            nextCheck = now + CHECK_EVERY_NANOS;
            try {
                FileTime mtime = Files.getLastModifiedTime(file);
                if (!mtime.equals(loaded)) {
                    loaded = mtime;
                    table = load();
                    LOG.info("Reloaded {}", file);
                }
            } catch (IOException e) {
                // As CherryPy, whose requests fail while the file cannot be opened: better than
                // going on with users the file may have dropped.
                loaded = null;
                table = null;
            } catch (BadLine e) {
                LOG.error("Keeping the users of {} as they were until it is fixed: {}", file, e.getMessage());
            }
        }
        Ha1Table t = table;
        if (t == null) {
            throw new IllegalStateException("cannot read the htdigest file " + file);
        }
        return t;
    }

    @Override
    public String ha1(String user, Hash hash) {
        return current().ha1(user, hash);
    }

    @Override
    public String userOf(String hashedUser, Hash hash) {
        return current().userOf(hashedUser, hash);
    }
}
