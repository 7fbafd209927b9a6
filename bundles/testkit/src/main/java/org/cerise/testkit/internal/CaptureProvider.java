package org.cerise.testkit.internal;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The test kit's SLF4J provider: the embedded container logs through the application's SLF4J
 * (its {@code org.slf4j} packages are shared with the class path), so this provider sees every
 * line the core writes, keeps them for the log assertions ({@link LogBuffer}) and prints the
 * warnings and errors on stderr. {@code CPWebCase} selects it with the system property
 * {@code slf4j.provider} before SLF4J starts.
 */
public final class CaptureProvider implements SLF4JServiceProvider {

    private final ILoggerFactory loggers = CaptureLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }
}
