package org.cerise.tool.gzip.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.cerise.api.ConfigException;
import org.cerise.api.HeaderElement;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.gzip}: at {@code before_finalize} (priority 80) it adds
 * {@code Vary: Accept-Encoding}, then compresses a non-empty body whose media type is in
 * {@code mime_types} when the client's most preferred {@code Accept-Encoding} element is
 * {@code gzip} or {@code x-gzip}; {@code identity} preferred (quality above 0) or gzip at
 * quality 0 leaves the body alone; no usable element at all is 406. A response served from the
 * cache ({@link Request#cached()}) is left as it was stored.
 */
@Component(service = Tool.class)
@CeriseTool(name = "gzip")
public final class GzipTool implements Tool {

    static final int PRIORITY = 80;
    private static final Logger LOG = LoggerFactory.getLogger("org.cerise.tool.gzip");
    /**
     * Set when this tool answered the request itself (406, 400): the pipeline runs
     * {@code before_finalize} again for the error page, which CherryPy's {@code set_response}
     * does not, so the second pass must leave the page alone.
     */
    private static final String ANSWERED = "org.cerise.tool.gzip.answered";
    private static final int BLOCK = 8192;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("compress_level", "mime_types", "debug");
        long level = setup.longArg("compress_level", 5);
        if (level < -1 || level > 9) {
            throw setup.badArg("compress_level", "must be an integer from 0 (none) to 9 (best), or -1 for zlib's default");
        }
        MimeTypes mimeTypes;
        if (setup.args().containsKey("mime_types")) {
            List<String> entries = new ArrayList<>();
            for (Object t : setup.listArg("mime_types")) {
                if (!(t instanceof String)) {
                    throw setup.badArg("mime_types", "must be a list of media types in quotes");
                }
                entries.add((String) t);
            }
            try {
                mimeTypes = new MimeTypes(entries);
            } catch (IllegalArgumentException e) {
                throw setup.badArg("mime_types", "has '" + e.getMessage()
                        + "', which is not type/subtype, type/* or type/*+suffix");
            }
        } else {
            mimeTypes = new MimeTypes(List.of("text/html", "text/plain"));
        }
        boolean debug = setup.booleanArg("debug", false);
        int compressLevel = (int) level;
        setup.hook(HookPoint.BEFORE_FINALIZE, setup.priority(PRIORITY), false,
                (request, response) -> gzip(request, response, compressLevel, mimeTypes, debug));
    }

    private static void gzip(Request request, Response response, int level, MimeTypes mimeTypes, boolean debug) {
        if (request.attribute(ANSWERED) != null) {
            return;
        }
        addVary(response);
        if (isEmpty(response.body())) {
            // e.g. a 304
            log(debug, "No response body");
            return;
        }
        if (request.cached()) {
            // the caching tool stored what this tool made of the first answer: compressed already
            log(debug, "Not gzipping cached response");
            return;
        }
        try {
            negotiate(request, response, level, mimeTypes, debug);
        } catch (HttpError malformed) {
            // a quality that is not a number, read while sorting or walking the elements
            request.setAttribute(ANSWERED, Boolean.TRUE);
            throw malformed;
        }
    }

    private static void negotiate(Request request, Response response, int level, MimeTypes mimeTypes, boolean debug) {
        List<HeaderElement> acceptable = request.headerElements("Accept-Encoding");
        if (acceptable.isEmpty()) {
            // RFC 2616 14.3: without Accept-Encoding, identity is the coding to use
            log(debug, "No Accept-Encoding");
            return;
        }
        String ct = response.header("Content-Type");
        String mediaType = ct == null ? "" : ct.split(";", -1)[0];
        for (HeaderElement coding : acceptable) {
            if (coding.value().equals("identity") && coding.qvalue() != 0) {
                log(debug, "Non-zero identity qvalue: " + coding);
                return;
            }
            if (coding.value().equals("gzip") || coding.value().equals("x-gzip")) {
                if (coding.qvalue() == 0) {
                    log(debug, "Zero gzip qvalue: " + coding);
                    return;
                }
                if (!mimeTypes.matches(mediaType)) {
                    log(debug, "Content-Type " + mediaType + " not in mime_types");
                    return;
                }
                log(debug, "Gzipping");
                response.setHeader("Content-Encoding", "gzip");
                response.removeHeader("Content-Length");
                if (response.stream()) {
                    Object body = response.body();
                    ByteChunks chunks = new ByteChunks(body, response.charset());
                    response.setBody(Gzip.compressing(chunks, level, () -> {
                        chunks.close();
                        close(body);
                    }));
                } else {
                    response.setBody(Gzip.compress(response.collapseBody(), level));
                }
                return;
            }
        }
        log(debug, "No acceptable encoding found.");
        request.setAttribute(ANSWERED, Boolean.TRUE);
        throw new HttpError(406, "identity, gzip");
    }

    /** CherryPy's {@code set_vary_header}: the names already there kept, the new one added once. */
    private static void addVary(Response response) {
        List<String> names = new ArrayList<>();
        for (String value : response.headers("Vary")) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        if (!names.contains("Accept-Encoding")) {
            names.add("Accept-Encoding");
        }
        response.setHeader("Vary", String.join(", ", names));
    }

    /** Python's truth value of a body after CherryPy's {@code prepare_iter}. */
    private static boolean isEmpty(Object body) {
        return body == null || (body instanceof CharSequence && ((CharSequence) body).length() == 0)
                || (body instanceof byte[] && ((byte[]) body).length == 0)
                || (body instanceof Collection && ((Collection<?>) body).isEmpty());
    }

    private static void log(boolean debug, String message) {
        if (debug) {
            LOG.info("[TOOLS.GZIP] {}", message);
        }
    }

    private static void close(Object body) {
        try {
            if (body instanceof InputStream) {
                ((InputStream) body).close();
            } else if (body instanceof Stream) {
                ((Stream<?>) body).close();
            }
        } catch (IOException e) {
            // nothing more to do for a body that is done with
        }
    }

    /**
     * Any body as a lazy sequence of byte chunks: text in the response's charset, streams and
     * files in blocks, iterators chunk by chunk.
     */
    private static final class ByteChunks implements Iterator<byte[]> {
        private final Charset charset;
        private final Iterator<?> chunks;
        private InputStream open;
        private byte[] next;

        ByteChunks(Object body, Charset charset) {
            this.charset = charset;
            if (body instanceof Iterator) {
                chunks = (Iterator<?>) body;
            } else if (body instanceof Stream) {
                chunks = ((Stream<?>) body).iterator();
            } else if (body instanceof Iterable && !(body instanceof Path)) {
                chunks = ((Iterable<?>) body).iterator();
            } else {
                chunks = Collections.singletonList(body).iterator();
            }
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null) {
                    if (open != null) {
                        byte[] block = open.readNBytes(BLOCK);
                        if (block.length > 0) {
                            next = block;
                            break;
                        }
                        open.close();
                        open = null;
                    }
                    if (!chunks.hasNext()) {
                        return false;
                    }
                    Object chunk = chunks.next();
                    if (chunk instanceof byte[]) {
                        next = (byte[]) chunk;
                    } else if (chunk instanceof CharSequence) {
                        next = chunk.toString().getBytes(charset);
                    } else if (chunk instanceof InputStream) {
                        open = (InputStream) chunk;
                    } else if (chunk instanceof Path) {
                        open = Files.newInputStream((Path) chunk);
                    } else if (chunk != null) {
                        next = chunk.toString().getBytes(charset);
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public byte[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            byte[] out = next;
            next = null;
            return out;
        }

        /** Closes a stream or file being read, when the response ends before it does. */
        void close() {
            GzipTool.close(open);
            open = null;
        }
    }
}
