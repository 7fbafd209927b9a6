package org.cerise.tool.caching.internal;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * CherryPy's {@code tee_output} for bodies that are produced while they are written (streams,
 * iterators): a copy of the bytes is kept as the body goes to the client, up to the largest
 * size that could be cached, and the body counts as complete only once it has been read to its
 * end. The client gets the body exactly as it would without the cache.
 */
final class Tee {

    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private final long limit;
    private boolean overflow;
    private volatile boolean complete;

    /** @param limit the copy is abandoned once it reaches this many bytes (it could not be cached) */
    Tee(long limit) {
        this.limit = limit;
    }

    /** @return the whole body, or {@code null} if it was not read to its end or is too large */
    byte[] bytes() {
        return complete && !overflow ? copy.toByteArray() : null;
    }

    private void keep(byte[] b, int off, int len) {
        if (overflow || len <= 0) {
            return;
        }
        if (copy.size() + (long) len >= limit) {
            overflow = true;
            copy.reset();
            return;
        }
        copy.write(b, off, len);
    }

    /**
     * @param in the body
     * @return a stream that reads {@code in} and keeps a copy
     */
    InputStream wrap(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    complete = true;
                } else {
                    keep(new byte[] {(byte) b}, 0, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    complete = true;
                } else {
                    keep(b, off, n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // skipped bytes are not in the copy: it cannot be the body any more
                overflow = true;
                return super.skip(n);
            }
        };
    }

    /**
     * @param chunks  the body's chunks
     * @param charset how text chunks are encoded (the response's charset when they are written)
     * @return an iterator over the same chunks that keeps a copy of their bytes
     */
    Iterator<Object> wrap(Iterator<?> chunks, Supplier<Charset> charset) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = chunks.hasNext();
                if (!more) {
                    complete = true;
                }
                return more;
            }

            @Override
            public Object next() {
                Object chunk = chunks.next();
                if (chunk instanceof byte[]) {
                    byte[] b = (byte[]) chunk;
                    keep(b, 0, b.length);
                } else if (chunk instanceof CharSequence) {
                    byte[] b = chunk.toString().getBytes(charset.get());
                    keep(b, 0, b.length);
                } else {
                    // nested bodies are rare; not knowing their exact bytes, do not cache them
                    overflow = true;
                }
                return chunk;
            }
        };
    }

    /**
     * @param stream  the body
     * @param charset as for {@link #wrap(Iterator, Supplier)}
     * @return a stream over the same chunks that keeps a copy and still closes the original
     */
    Stream<Object> wrap(Stream<?> stream, Supplier<Charset> charset) {
        Iterator<Object> it = wrap(stream.iterator(), charset);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                .onClose(stream::close);
    }
}
