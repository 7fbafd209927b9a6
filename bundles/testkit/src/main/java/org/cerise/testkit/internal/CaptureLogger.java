package org.cerise.testkit.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger of {@link CaptureProvider}: INFO and above are kept, formatted as the distribution's
 * log files are ({@code [dd/MMM/yyyy:HH:mm:ss] LEVEL logger message} for the error log, the bare
 * line for the access log), and WARN and above are also printed on stderr
 * ({@code -Dcerise.testkit.log=info} prints INFO too). The {@code test_suite} environment turns
 * CherryPy's {@code log.screen} off; the warnings stay visible because they explain failures.
 */
final class CaptureLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss']'", Locale.ENGLISH);
    private static final int PRINTED = "info".equalsIgnoreCase(System.getProperty("cerise.testkit.log"))
            ? Level.INFO.toInt() : Level.WARN.toInt();

    private final boolean access;
    /** Jetty's and Felix's INFO lines are start-up chatter: kept from WARN on. */
    private final int threshold;

    CaptureLogger(String name) {
        this.name = name;
        this.access = name.startsWith("cerise.access");
        this.threshold = name.startsWith("org.eclipse.jetty") || name.startsWith("org.apache.felix")
                ? Level.WARN.toInt() : Level.INFO.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return threshold <= Level.INFO.toInt();
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        if (level.toInt() < threshold) {
            return;
        }
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        String text;
        if (access) {
            text = message;
        } else {
            text = TIME.format(LocalDateTime.now()) + " " + String.format("%-5s", level) + " " + name + " " + message;
        }
        if (throwable != null) {
            StringWriter w = new StringWriter();
            throwable.printStackTrace(new PrintWriter(w));
            text = text + System.lineSeparator() + w.toString().stripTrailing();
        }
        LogBuffer buffer = access ? LogBuffer.ACCESS : LogBuffer.ERROR;
        // one entry per line, as LogCase reads a file
        for (String line : text.split("\\R")) {
            buffer.add(line);
        }
        if (level.toInt() >= PRINTED) {
            System.err.println(text);
        }
    }
}
