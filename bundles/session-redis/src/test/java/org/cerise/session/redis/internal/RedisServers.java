package org.cerise.session.redis.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.cerise.api.session.ExternalServer;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Starts the real redis-server the tests run against, and settings that point at it. */
final class RedisServers {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private RedisServers() {
    }

    /**
     * @param extra more server arguments, e.g. {@code --requirepass secret}
     * @return a redis-server on a free port of 127.0.0.1, keeping nothing on disk
     * @throws IOException if it is not installed or does not start
     */
    static ExternalServer start(String... extra) throws IOException {
        return ExternalServer.start("redis-server", "apt-get install -y redis-server", port -> {
            List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no"));
            args.addAll(List.of(extra));
            return args;
        });
    }

    /**
     * @param port       the port the store connects to
     * @param properties more configuration, as a .cfg would give it (strings)
     * @return the settings of a store with a prefix no other store of this run uses
     */
    static RedisSettings settings(int port, String... properties) {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(RedisSettings.HOST, "127.0.0.1");
        config.put(RedisSettings.PORT, String.valueOf(port));
        config.put(RedisSettings.PREFIX, "test" + PREFIXES.incrementAndGet() + ":session:");
        for (int i = 0; i < properties.length; i += 2) {
            config.put(properties[i], properties[i + 1]);
        }
        return RedisSettings.from(config);
    }

    /** @return a plain client of the server, to look at what the store wrote */
    static Jedis client(ExternalServer server) {
        return new Jedis(new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder().autoNegotiateProtocol(false).build());
    }
}
