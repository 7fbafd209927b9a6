package org.cerise.tool.staticfiles.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;

import org.cerise.api.HttpError;
import org.cerise.api.HttpRedirect;
import org.cerise.api.Request;
import org.cerise.api.Response;

/**
 * CherryPy's {@code serve_file} / {@code _serve_fileobj} once the file is found: Last-Modified
 * and {@code validate_since} (304, 412), Content-Type, Content-Disposition, and the body, whole
 * or by byte ranges on HTTP/1.1 (206, multipart/byteranges, 416).
 */
public final class Sender {

    private static final String INVALID_RANGE = "Invalid Range (first-byte-pos greater than Content-Length)";

    private Sender() {
    }

    /**
     * Sets status, headers and body for a file.
     *
     * @param request     the request
     * @param response    the response
     * @param file        the file
     * @param contentType the Content-Type to send, or {@code null} to leave the response's
     * @param disposition the Content-Disposition header, or {@code null} for none
     * @return the body, also set on the response
     * @throws HttpError    412 or 416
     * @throws HttpRedirect 304
     */
    public static Object send(Request request, Response response, StaticFile file, String contentType,
            String disposition) {
        try {
            return sendOrThrow(request, response, file, contentType, disposition);
        } catch (RuntimeException e) {
            InputStream own = file.callerStream();
            if (own != null) {
                try {
                    own.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static Object sendOrThrow(Request request, Response response, StaticFile file, String contentType,
            String disposition) {
        if (file.lastModified != null) {
            response.setHeader("Last-Modified", file.lastModified);
            validateSince(request, response, file.lastModified);
        }
        if (contentType != null) {
            response.setHeader("Content-Type", contentType);
        }
        if (disposition != null) {
            response.setHeader("Content-Disposition", disposition);
        }
        try {
            Object body = body(request, response, file);
            InputStream own = file.callerStream();
            if (own != null && body != own) {
                // a range of the caller's stream: close the stream itself when the body is done
                body = new java.io.FilterInputStream((InputStream) body) {
                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            own.close();
                        }
                    }
                };
            }
            response.setBody(body);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object body(Request request, Response response, StaticFile file) throws IOException {
        long length = file.length;
        if (http11(request) && length >= 0) {
            response.setHeader("Accept-Ranges", "bytes");
            long[] r = Ranges.parse(joined(request, "Range"), length);
            if (r == Ranges.UNSATISFIABLE) {
                response.setHeader("Content-Range", "bytes */" + length);
                throw new HttpError(416, INVALID_RANGE);
            }
            if (r != null) {
                response.setStatus(206);
                if (r.length == 2) {
                    long start = r[0];
                    long stop = Math.min(r[1], length);
                    response.setHeader("Content-Range", "bytes " + start + "-" + (stop - 1) + "/" + length);
                    response.setHeader("Content-Length", String.valueOf(stop - start));
                    return file.slice(start, stop);
                }
                return multipart(request, response, file, r);
            }
        }
        if (length >= 0) {
            response.setHeader("Content-Length", String.valueOf(length));
        }
        return file.whole();
    }

    /** CherryPy's multipart/byteranges body, with its leading and trailing CRLF (Apache's habit). */
    private static Object multipart(Request request, Response response, StaticFile file, long[] r)
            throws IOException {
        String boundary = String.format("===============%019d==", ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
        // CherryPy names the type it was given; the response's is the same one here
        String type = response.header("Content-Type");
        response.setHeader("Content-Type", "multipart/byteranges; boundary=" + boundary);
        List<Object> parts = new ArrayList<>();
        long total = 0;
        parts.add(ascii("\r\n"));
        for (int i = 0; i < r.length; i += 2) {
            // CherryPy does not clamp a part's end to the file; Cerise does, so the header is true
            long start = r[i];
            long stop = Math.min(r[i + 1], file.length);
            parts.add(ascii("--" + boundary + "\r\nContent-type: " + type + "\r\nContent-range: bytes " + start + "-"
                    + (stop - 1) + "/" + file.length + "\r\n\r\n"));
            parts.add(new long[] {start, stop});
            parts.add(ascii("\r\n"));
        }
        parts.add(ascii("--" + boundary + "--"));
        parts.add(ascii("\r\n"));
        for (Object p : parts) {
            total += p instanceof byte[] ? ((byte[]) p).length : ((long[]) p)[1] - ((long[]) p)[0];
        }
        response.setHeader("Content-Length", String.valueOf(total));
        if (file.bytes != null) {
            byte[] out = new byte[(int) total];
            int at = 0;
            for (Object p : parts) {
                if (p instanceof byte[]) {
                    byte[] b = (byte[]) p;
                    System.arraycopy(b, 0, out, at, b.length);
                    at += b.length;
                } else {
                    long[] range = (long[]) p;
                    int n = (int) (range[1] - range[0]);
                    System.arraycopy(file.bytes, (int) range[0], out, at, n);
                    at += n;
                }
            }
            return out;
        }
        // large files: each range is opened when the writer reaches it
        Iterator<Object> it = parts.iterator();
        return new SequenceInputStream(new java.util.Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                Object p = it.next();
                if (p instanceof byte[]) {
                    return new ByteArrayInputStream((byte[]) p);
                }
                long[] range = (long[]) p;
                try {
                    return file.open(range[0], range[1]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** HTTP/1.0 has no ranges (nor 206), as in CherryPy. */
    private static boolean http11(Request request) {
        String p = request.protocol();
        return !"HTTP/1.0".equals(p) && !"HTTP/0.9".equals(p);
    }

    /**
     * CherryPy's {@code cptools.validate_since}: If-Unmodified-Since different from Last-Modified
     * is 412; If-Modified-Since equal to it (as text) is 304 for GET and HEAD, 412 otherwise.
     */
    static void validateSince(Request request, Response response, String lastModified) {
        int status = response.status();
        String since = joined(request, "If-Unmodified-Since");
        if (since != null && !since.isEmpty() && !since.equals(lastModified)
                && ((status >= 200 && status <= 299) || status == 412)) {
            throw new HttpError(412);
        }
        since = joined(request, "If-Modified-Since");
        if (since != null && !since.isEmpty() && since.equals(lastModified)
                && ((status >= 200 && status <= 299) || status == 304)) {
            if (request.method().equals("GET") || request.method().equals("HEAD")) {
                throw HttpRedirect.notModified();
            }
            throw new HttpError(412);
        }
    }

    /** A request header as CherryPy's header map holds it: repeated lines joined by commas. */
    private static String joined(Request request, String name) {
        List<String> values = request.headers(name);
        return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : String.join(", ", values);
    }

    /**
     * CherryPy's {@code _make_content_disposition} (RFC 6266 appendix D): an ASCII
     * {@code filename} (NFKC, other characters dropped) and, when that lost something,
     * {@code filename*=UTF-8''} with the name percent-encoded.
     *
     * @param disposition {@code attachment} or {@code inline}
     * @param name        the file name
     * @return the header value
     */
    public static String contentDisposition(String disposition, String name) {
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder ascii = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            if (c < 128) {
                ascii.append(c);
            }
        }
        String header = disposition + "; filename=\"" + ascii + "\"";
        if (!ascii.toString().equals(name)) {
            header += "; filename*=UTF-8''" + quote(name);
        }
        return header;
    }

    /** Python's {@code urllib.parse.quote} with its default {@code safe='/'}. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

}
