package org.cerise.core.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.cerise.api.Cookie;
import org.cerise.api.HeaderElement;
import org.cerise.api.HttpStatus;
import org.cerise.api.Response;

/** The response being built; written to the servlet response only once finalized. */
public final class CoreResponse implements Response {

    private int status = 200;
    private String reason = "OK";
    private final HeaderList headers = new HeaderList();
    private Object body;
    private List<Cookie> cookies;
    private boolean stream;

    /** A fresh response with CherryPy's initial header: {@code Content-Type: text/html}. */
    public CoreResponse() {
        headers.set("Content-Type", "text/html");
    }

    /** Resets status, headers, body and cookies for an internal redirect's new request. */
    public void reset() {
        status = 200;
        reason = "OK";
        headers.clear();
        headers.set("Content-Type", "text/html");
        body = null;
        cookies = null;
        stream = false;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public void setStatus(int code) {
        setStatus(code, HttpStatus.reason(code));
    }

    @Override
    public void setStatus(int code, String reasonPhrase) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("Illegal response status from server (" + code + " is out of range).");
        }
        if (reasonPhrase.indexOf('\r') >= 0 || reasonPhrase.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reason phrase must not contain CR or LF");
        }
        this.status = code;
        this.reason = reasonPhrase;
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public List<String> headers(String name) {
        return headers.getAll(name);
    }

    @Override
    public Set<String> headerNames() {
        return headers.names();
    }

    @Override
    public void setHeader(String name, String value) {
        headers.set(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        headers.add(name, value);
    }

    @Override
    public String removeHeader(String name) {
        return headers.remove(name);
    }

    /** @return the header list, for writing */
    public HeaderList headerList() {
        return headers;
    }

    @Override
    public Object body() {
        return body;
    }

    @Override
    public void setBody(Object newBody) {
        this.body = newBody;
    }

    @Override
    public byte[] collapseBody() {
        byte[] bytes = toBytes(body, charset());
        body = bytes;
        return bytes;
    }

    @Override
    public List<HeaderElement> headerElements(String name) {
        return HeaderElements.parse(name, headers(name));
    }

    @Override
    public Charset charset() {
        String ct = headers.get("Content-Type");
        int i = ct == null ? -1 : indexOfCharset(ct);
        if (i < 0) {
            return StandardCharsets.UTF_8;
        }
        int start = i + "charset=".length();
        int end = ct.indexOf(';', start);
        String name = ct.substring(start, end < 0 ? ct.length() : end).strip().replace("\"", "");
        // the common case, without a charset lookup per response
        if (name.equalsIgnoreCase("utf-8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * @param contentType a Content-Type value
     * @return the index of its {@code charset=} parameter (any case), or -1
     */
    public static int indexOfCharset(String contentType) {
        for (int i = contentType.indexOf(';'); i >= 0 && i < contentType.length(); i++) {
            if (contentType.regionMatches(true, i, "charset=", 0, 8)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Converts any body type to bytes.
     *
     * @param body    the body
     * @param charset for text
     * @return the bytes
     */
    public static byte[] toBytes(Object body, Charset charset) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[]) {
            return (byte[]) body;
        }
        if (body instanceof CharSequence) {
            return body.toString().getBytes(charset);
        }
        try {
            if (body instanceof InputStream) {
                try (InputStream in = (InputStream) body) {
                    return in.readAllBytes();
                }
            }
            if (body instanceof Path) {
                return Files.readAllBytes((Path) body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Iterator<?> chunks = chunks(body);
        if (chunks != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (chunks.hasNext()) {
                out.writeBytes(toBytes(chunks.next(), charset));
            }
            if (body instanceof Stream) {
                ((Stream<?>) body).close();
            }
            return out.toByteArray();
        }
        return body.toString().getBytes(charset);
    }

    /**
     * @param body a body
     * @return an iterator over its chunks if it is an Iterator, Iterable or Stream, else {@code null}
     */
    public static Iterator<?> chunks(Object body) {
        if (body instanceof Iterator) {
            return (Iterator<?>) body;
        }
        if (body instanceof Stream) {
            return ((Stream<?>) body).iterator();
        }
        if (body instanceof Iterable && !(body instanceof Path)) {
            return ((Iterable<?>) body).iterator();
        }
        return null;
    }

    @Override
    public void addCookie(Cookie cookie) {
        if (cookies == null) {
            cookies = new ArrayList<>(2);
        }
        cookies.removeIf(c -> c.name().equals(cookie.name()));
        cookies.add(cookie);
    }

    @Override
    public List<Cookie> cookies() {
        return cookies == null ? List.of() : List.copyOf(cookies);
    }

    @Override
    public boolean stream() {
        return stream;
    }

    @Override
    public void setStream(boolean on) {
        this.stream = on;
    }
}
