package org.cerise.session.memcached.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cerise.api.session.ExternalServer;

/** Test helpers: real memcached servers, settings with a prefix of their own, raw commands. */
final class Memcached {

    private Memcached() {
    }

    /**
     * @param extra more arguments, e.g. {@code -X}
     * @return a memcached on a free port of 127.0.0.1
     * @throws IOException if it is not installed or does not start
     */
    static ExternalServer start(String... extra) throws IOException {
        return ExternalServer.start("memcached", "apt-get install -y memcached", port -> {
            List<String> args = new ArrayList<>(List.of("-p", String.valueOf(port), "-l", "127.0.0.1", "-U", "0",
                    "-m", "64",
                    // memcached refuses to run as root without -u, and ignores -u otherwise
                    "-u", System.getProperty("user.name")));
            args.addAll(List.of(extra));
            return args;
        });
    }

    /** @return a key prefix no other test uses */
    static String uniquePrefix() {
        return "test." + UUID.randomUUID() + ".";
    }

    /**
     * @param more settings beyond the servers and a unique prefix, key then value
     * @param servers the servers' {@code host:port}
     * @return the settings
     */
    static MemcachedSettings settings(List<String> servers, String... more) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(MemcachedSettings.SERVERS, servers.toArray(String[]::new));
        properties.put(MemcachedSettings.PREFIX, uniquePrefix());
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return MemcachedSettings.from(properties);
    }

    /**
     * Sends one command and reads its one-line reply, on a connection of its own.
     *
     * @param port    the server's port on 127.0.0.1
     * @param command the command line
     * @return the reply's first line
     * @throws IOException if the server cannot be reached
     */
    static String raw(int port, String command) throws IOException {
        try (MemcachedConnection c = MemcachedConnection.open(new MemcachedSettings.Server("127.0.0.1", port), 1000,
                2000)) {
            c.command(command);
            c.flush();
            return c.readLine();
        }
    }

    /**
     * @param port the server's port on 127.0.0.1
     * @return every line of {@code lru_crawler metadump hash} (retried while the crawler is busy):
     *         the hash-table walk, as the store's own listing; an LRU crawl ({@code all}) skips an
     *         item being read or queued to move up after a read, such as one the test just loaded
     * @throws Exception if the server cannot be reached
     */
    static List<String> metadump(int port) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (MemcachedConnection c = MemcachedConnection.open(new MemcachedSettings.Server("127.0.0.1", port),
                    1000, 2000)) {
                c.command("lru_crawler metadump hash");
                c.flush();
                List<String> lines = new ArrayList<>();
                String line = c.readLine();
                if (line.startsWith("BUSY")) {
                    Thread.sleep(20);
                    continue;
                }
                for (; !line.equals("END"); line = c.readLine()) {
                    lines.add(line);
                }
                return lines;
            }
        }
        throw new IOException("the crawler stayed busy");
    }
}
