package org.cerise.testkit.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cerise.api.embed.Embedding;
import org.cerise.api.embed.LocalServer;
import org.cerise.testkit.InProcess;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * CherryPy's {@code CPWebCase.setup_class}/{@code teardown_class} as a JUnit 5 extension: one
 * container per test class. Before the class: the embedded container is reset (apps and global
 * config forgotten, as CherryPy's helper does with {@code cherrypy.tree = Tree()} and
 * {@code config.reset()}), given the base config ({@code server.socket_host},
 * {@code server.socket_port}, {@code environment: 'test_suite'}), the class's static
 * {@code setupServer()} mounts its apps, and the container starts, over a socket or in-process
 * ({@link InProcess}). After the class it stops. Without a {@code setupServer()} nothing starts,
 * as in CherryPy.
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback {

    /** CherryPy's default test port; in-process it is only what the Host header names. */
    public static final int IN_PROCESS_PORT = 54583;
    /** The host the server listens on and requests go to. */
    public static final String HOST = "127.0.0.1";

    /** What the running test class talks to. */
    public static final class Running {
        /** The port requests go to (and the Host header names). */
        public final int port;
        /** The in-process entry point, or {@code null} over sockets. */
        public final LocalServer local;

        Running(int port, LocalServer local) {
            this.port = port;
            this.local = local;
        }
    }

    private static volatile Running running;

    /** @return the server of the running test class, or {@code null} */
    public static Running running() {
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        Method setup = setupServer(testClass);
        if (setup == null) {
            return;
        }
        Embedding embedding = embedding();
        embedding.stop();
        embedding.reset();
        boolean inProcess = testClass.isAnnotationPresent(InProcess.class)
                || "false".equalsIgnoreCase(System.getProperty("cerise.testkit.sockets"));
        int port = inProcess ? IN_PROCESS_PORT : freePort();
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("server.socket_host", HOST);
        base.put("server.socket_port", port);
        base.put("environment", "test_suite");
        embedding.update(base);
        try {
            setup.invoke(null);
        } catch (InvocationTargetException e) {
            embedding.reset();
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
        if (inProcess) {
            embedding.startWithoutServer();
        } else {
            embedding.start();
        }
        running = new Running(port, inProcess ? embedding.localServer() : null);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (running == null) {
            return;
        }
        running = null;
        Embedding embedding = embedding();
        embedding.stop();
        embedding.reset();
    }

    private static Embedding embedding() {
        Embedding e = Embedding.current();
        if (e == null) {
            throw new IllegalStateException("CPWebCase needs Cerise's embedded container: add the test dependency "
                    + "org.cerise:cerise-testkit (it brings org.cerise:cerise-quickstart)");
        }
        return e;
    }

    /** The static no-argument {@code setupServer()} of the class or a superclass, or {@code null}. */
    static Method setupServer(Class<?> testClass) {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("setupServer") && m.getParameterCount() == 0) {
                    if (!Modifier.isStatic(m.getModifiers())) {
                        throw new IllegalStateException(c.getName() + ".setupServer() must be static: it runs once "
                                + "before the class's tests, as CherryPy's @staticmethod setup_server");
                    }
                    m.setAccessible(true);
                    return m;
                }
            }
        }
        return null;
    }

    /** A port that is free now: bound and released (CherryPy's helper uses a fixed 54583). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }
}
