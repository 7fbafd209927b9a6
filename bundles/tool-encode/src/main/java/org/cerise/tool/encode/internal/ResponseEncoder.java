package org.cerise.tool.encode.internal;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.cerise.api.HeaderElement;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encode tool's settings for one config scope and what it does to a handler's result:
 * CherryPy's {@code ResponseEncoder}. Immutable; per-request state lives in {@link Attempts}.
 *
 * <p>Negotiation, as CherryPy's {@code find_acceptable_charset}: with {@code encoding} set, that
 * charset if the client accepts it (no {@code Accept-Charset}, {@code *}, or named at any
 * quality); else without {@code Accept-Charset} the {@code default_encoding} (500 if the body
 * cannot be encoded in it); else each charset with a quality above 0, most preferred first
 * ({@code *} meaning {@code default_encoding}), then ISO-8859-1 unless the header names it or
 * {@code *}. A charset is acceptable when every text chunk of the body can be encoded in it
 * under the {@code errors} policy. None: 406.
 */
final class ResponseEncoder {

    private static final Logger LOG = LoggerFactory.getLogger("org.cerise.tool.encode");
    private static final String ISO_8859_1 = "iso-8859-1";
    /** CherryPy's {@code ResponseEncoder.failmsg}. */
    static final String FAILMSG = "Response body could not be encoded with %r.";

    private final String encoding;
    private final Charset forced;
    private final String defaultEncoding;
    private final Charset defaultCharset;
    private final Errors errors;
    private final boolean textOnly;
    private final boolean addCharset;
    private final String failmsg;
    private final boolean debug;

    ResponseEncoder(String encoding, Charset forced, String defaultEncoding, Charset defaultCharset, Errors errors,
            boolean textOnly, boolean addCharset, String failmsg, boolean debug) {
        this.encoding = encoding;
        this.forced = forced;
        this.defaultEncoding = defaultEncoding;
        this.defaultCharset = defaultCharset;
        this.errors = errors;
        this.textOnly = textOnly;
        this.addCharset = addCharset;
        this.failmsg = failmsg;
        this.debug = debug;
    }

    void log(String message) {
        if (debug) {
            LOG.info("[TOOLS.ENCODE] {}", message);
        }
    }

    /**
     * @param request  the request
     * @param response the response, whose Content-Type the handler may have set
     * @param returned what the handler returned
     * @return the body to send: text encoded, other chunks as they were
     */
    Object encode(Request request, Response response, Object returned) {
        // CherryPy's prepare_iter: an empty string is an empty body, with no text to encode
        Object body = returned instanceof CharSequence && ((CharSequence) returned).length() == 0 ? null : returned;
        String ct = response.header("Content-Type");
        ContentType type = ct == null || ct.isEmpty() ? null : contentType(ct, response);
        if (type != null && addCharset && type.negotiated) {
            if (debug) {
                log("Content-Type " + ct + ": finding a charset");
            }
            Attempts attempts = new Attempts(response.stream(), body);
            if (!response.stream()) {
                // the encoded length differs from anything set before; finalize computes it again
                response.removeHeader("Content-Length");
            }
            String value = type.withCharset(find(request, attempts));
            response.setHeader("Content-Type", value);
            if (debug) {
                log("Setting Content-Type " + value);
            }
            return attempts.result;
        }
        return unnegotiated(type == null ? null : type.params.get("charset"), body);
    }

    /** The Content-Type last read, parsed: a scope's responses mostly share one. */
    private volatile ContentType lastContentType;

    /**
     * The response's Content-Type as CherryPy reads it, {@code response.headers.elements(
     * 'Content-Type')[0]}, parsed once per distinct value (the last one is kept).
     */
    private ContentType contentType(String ct, Response response) {
        ContentType last = lastContentType;
        if (last != null && last.header.equals(ct)) {
            return last;
        }
        List<HeaderElement> elements = response.headerElements("Content-Type");
        if (elements.isEmpty()) {
            return null;
        }
        ContentType parsed = new ContentType(ct, elements.get(0), textOnly);
        lastContentType = parsed;
        return parsed;
    }

    /** A parsed Content-Type and the values it takes with each charset chosen so far. */
    private static final class ContentType {
        final String header;
        final String type;
        final Map<String, String> params;
        /** Whether the charset is negotiated for it ({@code text_only} limits that to text/*). */
        final boolean negotiated;
        private final Map<String, String> byCharset = new java.util.concurrent.ConcurrentHashMap<>(2);

        ContentType(String header, HeaderElement element, boolean textOnly) {
            this.header = header;
            this.type = element.value();
            this.params = element.params();
            this.negotiated = !textOnly || type.toLowerCase(Locale.ROOT).startsWith("text/");
        }

        /** CherryPy: {@code ct.params['charset'] = encoding; str(ct)}. */
        String withCharset(String charset) {
            String value = byCharset.get(charset);
            if (value == null) {
                Map<String, String> p = new LinkedHashMap<>(params);
                p.put("charset", charset);
                StringBuilder b = new StringBuilder(type);
                p.forEach((k, v) -> b.append(';').append(k).append('=').append(v));
                value = b.toString();
                if (byCharset.size() < 16) {
                    byCharset.put(charset, value);
                }
            }
            return value;
        }
    }

    private String find(Request request, Attempts attempts) {
        // a quality is read only where CherryPy reads one: a forced encoding never looks at it
        List<HeaderElement> accepted = request.headerElements("Accept-Charset");
        Set<String> named = accepted.isEmpty() ? Set.of() : new java.util.HashSet<>();
        accepted.forEach(e -> named.add(e.value().toLowerCase(Locale.ROOT)));
        if (encoding != null) {
            if ((accepted.isEmpty() || named.contains("*") || named.contains(encoding))
                    && attempts.attempt(encoding, forced)) {
                return encoding;
            }
        } else if (accepted.isEmpty()) {
            if (attempts.attempt(defaultEncoding, defaultCharset)) {
                return defaultEncoding;
            }
            throw new HttpError(500, FailMessage.format(failmsg, defaultEncoding));
        } else {
            for (HeaderElement e : accepted) {
                if (e.qvalue() > 0) {
                    if (e.value().equals("*")) {
                        if (attempts.attempt(defaultEncoding, defaultCharset)) {
                            return defaultEncoding;
                        }
                    } else if (attempts.attempt(e.value(), null)) {
                        return e.value();
                    }
                }
            }
            // RFC 2616 14.2: without "*", ISO-8859-1 is acceptable unless named
            if (!named.contains("*") && !named.contains(ISO_8859_1) && attempts.attempt(ISO_8859_1, null)) {
                return ISO_8859_1;
            }
        }
        // CherryPy quotes the header as its header map holds it: several lines joined with ", "
        List<String> lines = request.headers("Accept-Charset");
        String header = lines.isEmpty() ? null : String.join(", ", lines);
        String msg = header == null ? "Your client did not send an Accept-Charset header."
                : "Your client sent this Accept-Charset header: " + header + ".";
        List<String> tried = new ArrayList<>(attempts.tried);
        tried.sort(null);
        throw new HttpError(406, msg + " We tried these charsets: " + String.join(", ", tried) + ".");
    }

    /**
     * Text that no negotiation covered (a non-text type, {@code add_charset} off, no
     * Content-Type) is encoded with the Content-Type's charset, else {@code encoding}, else
     * {@code default_encoding}. CherryPy refuses such text with a 500 ("Page handlers MUST return
     * bytes"); Java handlers return strings for every type, so Cerise encodes them.
     */
    /** @param named the charset the Content-Type names, or {@code null} */
    private Object unnegotiated(String named, Object body) {
        boolean text = body instanceof CharSequence;
        if (!text && !isChunked(body)) {
            return body;
        }
        Charset cs = named == null ? null : Charsets.lookup(named);
        if (cs == null) {
            cs = forced != null ? forced : defaultCharset;
        }
        if (text) {
            byte[] bytes = errors.encode((CharSequence) body, cs);
            if (bytes == null) {
                throw new HttpError(500, FailMessage.format(failmsg, cs.name().toLowerCase(Locale.ROOT)));
            }
            return bytes;
        }
        return lazily(body, cs);
    }

    /** Text chunks encoded as they are produced: a failure shows only once the response is being sent. */
    private Stream<Object> lazily(Object body, Charset cs) {
        Stream<?> source;
        if (body instanceof Stream) {
            source = (Stream<?>) body;
        } else {
            Iterator<?> it = body instanceof Iterator ? (Iterator<?>) body : ((Iterable<?>) body).iterator();
            source = StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
        }
        return source.map(chunk -> {
            if (!(chunk instanceof CharSequence)) {
                return chunk;
            }
            byte[] bytes = errors.encode((CharSequence) chunk, cs);
            if (bytes == null) {
                throw new IllegalStateException(FailMessage.format(failmsg, cs.name().toLowerCase(Locale.ROOT)));
            }
            return bytes;
        });
    }

    private static boolean isChunked(Object body) {
        return body instanceof Iterator || body instanceof Stream || (body instanceof Iterable && !(body instanceof Path));
    }

    /**
     * One request's tries, CherryPy's {@code encode_string}/{@code encode_stream}: each charset
     * is tried once; the last successful try's body is the result.
     */
    private final class Attempts {
        /** Each label once; sorted for the 406 message, as CherryPy lists them. */
        final List<String> tried = new ArrayList<>(2);
        private final Object original;
        /** A streamed iterable body: encoded lazily, so only the charset's existence is checked. */
        private final boolean lazy;
        /** A buffered iterable body, drained once so that several charsets can be tried on it. */
        private final List<Object> chunks;
        Object result;

        Attempts(boolean stream, Object body) {
            this.original = body;
            this.lazy = stream && isChunked(body);
            this.chunks = !lazy && isChunked(body) ? drain(body) : null;
            this.result = chunks != null ? chunks : body;
        }

        boolean attempt(String label, Charset known) {
            if (tried.contains(label)) {
                return false;
            }
            tried.add(label);
            if (debug) {
                log("Attempting encoding " + label);
            }
            if (lazy) {
                Charset cs = known != null ? known : Charsets.lookup(label);
                if (cs == null) {
                    return false;
                }
                result = lazily(original, cs);
                return true;
            }
            if (chunks == null) {
                if (!(original instanceof CharSequence)) {
                    return true;
                }
                Charset cs = known != null ? known : Charsets.lookup(label);
                byte[] bytes = cs == null ? null : errors.encode((CharSequence) original, cs);
                if (bytes == null) {
                    return false;
                }
                result = bytes;
                return true;
            }
            boolean text = chunks.stream().anyMatch(c -> c instanceof CharSequence);
            Charset cs = !text ? null : known != null ? known : Charsets.lookup(label);
            if (text && cs == null) {
                return false;
            }
            List<Object> encoded = new ArrayList<>(chunks.size());
            int size = 0;
            boolean allBytes = true;
            for (Object chunk : chunks) {
                if (chunk instanceof CharSequence) {
                    chunk = errors.encode((CharSequence) chunk, cs);
                    if (chunk == null) {
                        return false;
                    }
                }
                if (chunk instanceof byte[]) {
                    size += ((byte[]) chunk).length;
                } else {
                    allBytes = false;
                }
                encoded.add(chunk);
            }
            result = allBytes ? join(encoded, size) : encoded;
            return true;
        }
    }

    private static List<Object> drain(Object body) {
        List<Object> chunks = new ArrayList<>();
        if (body instanceof Stream) {
            try (Stream<?> s = (Stream<?>) body) {
                s.forEachOrdered(chunks::add);
            }
        } else {
            Iterator<?> it = body instanceof Iterator ? (Iterator<?>) body : ((Iterable<?>) body).iterator();
            it.forEachRemaining(chunks::add);
        }
        return chunks;
    }

    /** A buffered body as one array, so that finalize gives it a Content-Length as CherryPy does. */
    private static byte[] join(List<Object> chunks, int size) {
        byte[] out = new byte[size];
        int at = 0;
        for (Object c : chunks) {
            byte[] b = (byte[]) c;
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }
}
