package org.cerise.api.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A real server process for a store's tests (memcached, redis-server), started on a free port of
 * 127.0.0.1 and stopped at the end. A server that is not installed fails the test with the
 * command that installs it; {@code .ci/run} installs them.
 *
 * <pre>
 * ExternalServer redis = ExternalServer.start("redis-server", "apt-get install -y redis-server",
 *         port -> List.of("--port", String.valueOf(port), "--save", ""));
 * </pre>
 */
public final class ExternalServer implements AutoCloseable {

    private final String program;
    private final String install;
    private final IntFunction<List<String>> arguments;
    private final int port;
    private final Path log;
    private Process process;

    private ExternalServer(String program, String install, IntFunction<List<String>> arguments, int port)
            throws IOException {
        this.program = program;
        this.install = install;
        this.arguments = arguments;
        this.port = port;
        this.log = Files.createTempFile(program + "-" + port + "-", ".log");
    }

    /**
     * Starts the server and waits until it accepts connections.
     *
     * @param program   the executable, looked up on the PATH
     * @param install   the command that installs it, for the failure message
     * @param arguments the server's arguments for a port
     * @return the running server
     * @throws IOException if it is not installed or does not come up within 10 s
     */
    public static ExternalServer start(String program, String install, IntFunction<List<String>> arguments)
            throws IOException {
        ExternalServer server = new ExternalServer(program, install, arguments, freePort());
        server.restart();
        return server;
    }

    /** @return the port it listens on */
    public int port() {
        return port;
    }

    /** @return {@code 127.0.0.1:PORT} */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /**
     * Stops the server (as a kill would: the store sees it vanish).
     *
     * @throws IOException if it does not stop
     */
    public void stop() throws IOException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IOException(program + " on port " + port + " did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping " + program, e);
            }
        }
    }

    /**
     * Starts the server again on the same port (after {@link #stop()}).
     *
     * @throws IOException if it is not installed or does not come up
     */
    public void restart() throws IOException {
        stop();
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(arguments.apply(port));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IOException(program + " is needed by these tests and is not installed: " + install, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String output = Files.exists(log) ? Files.readString(log) : "";
                    stop();
                    throw new IOException(String.join(" ", command) + " did not accept connections on port " + port
                            + (process.isAlive() ? " within 10 s" : "; it exited with " + process.exitValue())
                            + ":\n" + output);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting " + program, e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        Files.deleteIfExists(log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
