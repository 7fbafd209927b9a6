package org.cerise.tool.logging.internal;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.log_tracebacks} ({@code cptools.log_traceback}), on by default: at
 * {@code before_error_response} (priority 50), that is for every unexpected exception (not
 * for {@code HttpError}s or redirects), the request line, the exception and its stack trace
 * are logged to the app's error log {@code cerise.error.<app>} with the context {@code HTTP},
 * at the level of {@code severity} (Python's logging levels; ERROR by default). The core logs
 * no traceback of its own: this is the record of an unexpected error.
 */
@Component(service = Tool.class)
@CeriseTool(name = "log_tracebacks")
public final class LogTracebacksTool implements Tool {

    static final int PRIORITY = 50;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("severity", "debug");
        setup.booleanArg("debug", false);
        Object severity = setup.args().get("severity");
        if (severity != null && !(severity instanceof Long)) {
            throw setup.badArg("severity", "must be a Python logging level: 50 CRITICAL, 40 ERROR, 30 WARNING, 20 INFO, "
                    + "10 DEBUG");
        }
        Emitter emitter = emitter(severity == null ? 40 : (Long) severity);
        setup.hook(HookPoint.BEFORE_ERROR_RESPONSE, setup.priority(PRIORITY), false, (request, response) -> {
            Throwable error = request.error();
            if (error != null) {
                // CherryPy's record says only "HTTP"; the request line tells which request failed,
                // now that the core no longer logs its own "Error serving ..." line.
                emitter.log(LoggerFactory.getLogger("cerise.error." + request.appName()), "HTTP " + request.requestLine(),
                        error);
            }
        });
    }

    /** Logs a message with the traceback at one level. */
    @FunctionalInterface
    interface Emitter {
        void log(Logger log, String message, Throwable error);
    }

    /**
     * Python's numeric level as the SLF4J level that shows the record at the same thresholds
     * (CRITICAL and above is ERROR, SLF4J's highest).
     */
    static Emitter emitter(long severity) {
        if (severity >= 40) {
            return (log, message, error) -> log.error(message, error);
        }
        if (severity >= 30) {
            return (log, message, error) -> log.warn(message, error);
        }
        if (severity >= 20) {
            return (log, message, error) -> log.info(message, error);
        }
        if (severity >= 10) {
            return (log, message, error) -> log.debug(message, error);
        }
        return (log, message, error) -> log.trace(message, error);
    }
}
