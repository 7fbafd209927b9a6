package org.cerise.api;

import java.util.Map;

/**
 * One element of a comma-separated request header, as CherryPy's
 * {@code request.headers.elements(name)} gives it: a value with its parameters
 * ({@code text/html;level=1;q=0.5}). Elements of {@code Accept*} and {@code TE} headers carry
 * a quality ({@code q}), the rest do not.
 *
 * @see Request#headerElements(String)
 */
public interface HeaderElement {

    /** @return the element's value before its parameters, as sent (case kept), e.g. {@code text/html} */
    String value();

    /**
     * The element's parameters, names in lower case and values unquoted, as
     * {@code cgi.parse_header} gives them. For an {@code Accept*} element, {@code q} holds the
     * quality as sent, with any accept-extensions after it.
     *
     * @return the parameters, in order, read-only
     */
    Map<String, String> params();

    /**
     * The quality of an {@code Accept*} or {@code TE} element: its {@code q} parameter, 1 when
     * absent; always 1 for other headers.
     *
     * @return the quality
     * @throws HttpError 400 {@code Malformed HTTP header} if {@code q} is not a number, as CherryPy
     */
    double qvalue();

    /** @return the element as CherryPy prints it: {@code value;name=v;q=0.5} */
    @Override
    String toString();
}
