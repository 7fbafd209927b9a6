package org.cerise.api;

import java.util.List;
import java.util.Set;

/**
 * The response being built, like {@code cherrypy.response}.
 *
 * <p>Reach it as a handler argument of type {@code Response} or from {@link Cerise#response()}.
 * Nothing is sent until the pipeline finalizes the response, so hooks that run later
 * ({@code before_finalize}, error hooks) may still change status, headers and body.
 */
public interface Response {

    /** @return the status code, 200 unless changed */
    int status();

    /** @return the reason phrase that goes with {@link #status()} */
    String reason();

    /**
     * Sets the status with its standard reason phrase.
     *
     * @param code a status code from 100 to 599
     */
    void setStatus(int code);

    /**
     * Sets the status with a custom reason phrase, e.g. {@code 418 I'm a teapot}.
     *
     * @param code   a status code from 100 to 599
     * @param reason the reason phrase
     */
    void setStatus(int code, String reason);

    /**
     * The first value of a response header.
     *
     * @param name the header name, case-insensitive
     * @return the value or {@code null}
     */
    String header(String name);

    /**
     * All values of a response header.
     *
     * @param name the header name, case-insensitive
     * @return the values, empty if none
     */
    List<String> headers(String name);

    /** @return the names of the headers set so far, as first set */
    Set<String> headerNames();

    /**
     * A comma-separated response header split into its elements, ordered as
     * {@link Request#headerElements(String)} orders a request header's ({@code Cache-Control},
     * {@code Vary}, {@code Pragma}).
     *
     * @param name the header name, case-insensitive
     * @return the elements, empty if the header is not set
     */
    List<HeaderElement> headerElements(String name);

    /**
     * The charset text in the body is written in: the one the {@code Content-Type} names, else
     * UTF-8 (also when the name is unknown). Tools that turn text chunks into bytes themselves
     * (compressing, caching) use it to produce the bytes the client would have got.
     *
     * @return the charset
     */
    java.nio.charset.Charset charset();

    /**
     * Sets a header, replacing all its earlier values.
     *
     * @param name  the header name
     * @param value the value; {@code null} removes the header
     */
    void setHeader(String name, String value);

    /**
     * Adds a header value, keeping the earlier ones.
     *
     * @param name  the header name
     * @param value the value
     */
    void addHeader(String name, String value);

    /**
     * Removes a header.
     *
     * @param name the header name, case-insensitive
     * @return the first removed value, or {@code null}
     */
    String removeHeader(String name);

    /**
     * The body as the handler (or a tool) left it: a {@code String}, {@code byte[]},
     * {@code InputStream}, {@code java.nio.file.Path}, {@code Iterator} or {@code Stream} of
     * chunks, or {@code null} for an empty body.
     *
     * @return the body
     */
    Object body();

    /** @param body the new body, of one of the types {@link #body()} lists */
    void setBody(Object body);

    /**
     * Reads the whole body into bytes and keeps them as the body, like CherryPy's
     * {@code collapse_body()}; text is encoded with the charset of the {@code Content-Type}
     * (UTF-8 if it names none).
     *
     * @return the body bytes
     * @throws java.io.UncheckedIOException if a stream body cannot be read
     */
    byte[] collapseBody();

    /**
     * Adds a {@code Set-Cookie} header at finalization.
     *
     * @param cookie the cookie
     */
    void addCookie(Cookie cookie);

    /** @return the cookies added so far */
    List<Cookie> cookies();

    /**
     * Whether the body is sent as it is produced ({@code response.stream} in config): chunk by
     * chunk without a {@code Content-Length}, instead of being collected first.
     *
     * @return the stream flag
     */
    boolean stream();

    /** @param stream the stream flag */
    void setStream(boolean stream);
}
