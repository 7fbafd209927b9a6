package org.cerise.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.cerise.api.session.ExternalServer;

/**
 * The real memcached and Redis servers of the session tests, started once per test JVM outside
 * the container (in Pax Exam's configuration step) on free ports, and stopped when the JVM
 * exits. Their ports reach the container as framework properties.
 */
final class SessionServers {

    static final String MEMCACHED_PORT = "cerise.itest.memcached.port";
    static final String REDIS_PORT = "cerise.itest.redis.port";

    private static ExternalServer memcached;
    private static ExternalServer redis;

    private SessionServers() {
    }

    /** @return the memcached port, starting the servers if needed */
    static synchronized int memcachedPort() {
        start();
        return memcached.port();
    }

    /** @return the Redis port, starting the servers if needed */
    static synchronized int redisPort() {
        start();
        return redis.port();
    }

    private static void start() {
        if (memcached != null) {
            return;
        }
        try {
            memcached = ExternalServer.start("memcached", "apt-get install -y memcached",
                    // memcached refuses to run as root without -u
                    port -> List.of("-p", String.valueOf(port), "-l", "127.0.0.1", "-U", "0", "-m", "64", "-u",
                            System.getProperty("user.name")));
            redis = ExternalServer.start("redis-server", "apt-get install -y redis-server",
                    port -> List.of("--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                            "--appendonly", "no"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                memcached.close();
                redis.close();
            } catch (IOException e) {
                // the JVM is going anyway
            }
        }));
    }
}
