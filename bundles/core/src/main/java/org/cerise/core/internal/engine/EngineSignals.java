package org.cerise.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * CherryPy's {@code SignalHandler} plugin: SIGTERM ends the container cleanly
 * ({@code engine.exit()}: stop subscribers run, the process exits with 0), SIGHUP and SIGUSR1
 * ask for a graceful restart (log files reopened, apps mounted afresh). Only loaded when the
 * container asks for signals (framework property {@code cerise.engine.signals=true}, as the
 * distribution does): an engine embedded in another program, or in a test JVM, leaves the
 * signals to it.
 */
final class EngineSignals {

    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    /**
     * @param engine the engine to drive
     * @param config the global config: {@code engine.SIGTERM = None} or {@code engine.SIGHUP = None}
     *               (the {@code embedded} environment) leave that signal alone
     * @param log    where to say which signals are listened for
     */
    EngineSignals(CoreEngine engine, Map<String, Object> config, Logger log) {
        install("TERM", config, log, engine::exit);
        install("HUP", config, log, engine::graceful);
        install("USR1", config, log, engine::graceful);
    }

    private void install(String name, Map<String, Object> config, Logger log, Runnable action) {
        String key = "engine.SIG" + name;
        if (config.containsKey(key) && (config.get(key) == null || "None".equals(config.get(key)))) {
            return;
        }
        try {
            Signal signal = new Signal(name);
            previous.add(Signal.handle(signal, s -> action.run()));
            installed.add(signal);
            log.info("Listening for SIG{}.", name);
        } catch (IllegalArgumentException e) {
            log.info("Cannot listen for SIG{} here: {}", name, e.getMessage());
        }
    }

    /** Gives the signals back to the handlers they had. */
    void uninstall() {
        for (int i = 0; i < installed.size(); i++) {
            try {
                Signal.handle(installed.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                // the JVM is going away
            }
        }
        installed.clear();
        previous.clear();
    }
}
