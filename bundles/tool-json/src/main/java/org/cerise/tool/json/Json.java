package org.cerise.tool.json;

import java.lang.reflect.Type;

import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.tool.json.internal.Mappers;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The request body that {@code tools.json_in} parsed, as an object of the handler's choosing:
 *
 * <pre>
 * public record Order(String item, int quantity) { }
 *
 * &#64;Expose
 * &#64;UseTool("json_in")
 * public String order(Request request) {
 *     Order order = Json.read(request, Order.class);
 *     ...
 * }
 * </pre>
 *
 * <p>{@link Request#json()} itself holds plain data (maps, lists, strings, {@code Integer},
 * {@code Long}, {@code BigInteger}, {@code Double}, booleans, {@code null}); this converts it
 * with the Jackson mapper that read it, so Jackson's annotations on the class apply
 * ({@code @JsonProperty}, {@code @JsonIgnoreProperties(ignoreUnknown = true)}, ...).
 */
public final class Json {

    private Json() {
    }

    /**
     * @param <T>     the type
     * @param request the request, after {@code json_in} read its body
     * @param type    the class to convert the document to
     * @return the document as a {@code T}; {@code null} if there is no document (or it is {@code null})
     * @throws HttpError 400 "Invalid JSON document" if the document does not fit the class
     * @throws IllegalStateException if the document was not read by {@code json_in}
     */
    public static <T> T read(Request request, Class<T> type) {
        return read(request, (Type) type);
    }

    /**
     * For generic types, e.g. the {@code Type} of a {@code List<Order>} handler parameter.
     *
     * @param <T>     the type
     * @param request the request, after {@code json_in} read its body
     * @param type    the type to convert the document to
     * @return the document as a {@code T}; {@code null} if there is no document (or it is {@code null})
     * @throws HttpError 400 "Invalid JSON document" if the document does not fit the type
     * @throws IllegalStateException if the document was not read by {@code json_in}
     */
    public static <T> T read(Request request, Type type) {
        Object document = request.json();
        if (document == null) {
            return null;
        }
        ObjectMapper mapper = (ObjectMapper) request.attribute(Mappers.ATTRIBUTE);
        if (mapper == null) {
            throw new IllegalStateException("request.json() was not read by tools.json_in");
        }
        try {
            return mapper.convertValue(document, mapper.constructType(type));
        } catch (IllegalArgumentException e) {
            // the client's document, not the server, is at fault: the same answer as unparsable JSON
            throw new HttpError(400, "Invalid JSON document");
        }
    }
}
