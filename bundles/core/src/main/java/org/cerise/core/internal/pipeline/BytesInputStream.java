package org.cerise.core.internal.pipeline;

import java.io.ByteArrayInputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body that is already in memory, as the servlet API's input stream: for requests
 * served in-process ({@link LocalEntry}) and the core's test harness.
 */
public final class BytesInputStream extends ServletInputStream {

    private final ByteArrayInputStream data;

    /** @param body the whole body */
    public BytesInputStream(byte[] body) {
        this.data = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
        return data.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        return data.read(b, off, len);
    }

    @Override
    public boolean isFinished() {
        return data.available() == 0;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("no async reads in-process");
    }
}
