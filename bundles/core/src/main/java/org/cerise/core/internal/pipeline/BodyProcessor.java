package org.cerise.core.internal.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cerise.api.HttpError;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.http.CoreRequest;
import org.cerise.core.internal.http.FormDecoder;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

/**
 * The request body stage of the pipeline, CherryPy's {@code RequestBody.process}: no length
 * is 411, too long is 413, urlencoded and multipart forms become parameters (trying the
 * request's attempt charsets for urlencoded text), and any other media type is left unread for
 * the handler or a tool.
 */
final class BodyProcessor {

    private BodyProcessor() {
    }

    /** CherryPy's {@code RequestBody.process}: 411, 413, urlencoded and multipart forms into params. */
    static void process(CoreRequest request, Scope scope) throws IOException {
        HttpServletRequest servlet = request.servletRequest();
        if (!request.bodyAllowed()) {
            return;
        }
        if (servlet.getHeader("Content-Length") == null && servlet.getHeader("Transfer-Encoding") == null) {
            throw new HttpError(411);
        }
        long declared = servlet.getContentLengthLong();
        if (scope.maxBodyBytes > 0 && declared > scope.maxBodyBytes) {
            throw new HttpError(413);
        }
        String contentType = servlet.getContentType();
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        Map<String, List<String>> bodyParams = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            byte[] bytes = request.bufferedBody() != null ? request.bufferedBody()
                    : CoreRequest.readBounded(servlet.getInputStream(), scope.maxBodyBytes);
            request.setProcessRequestBody(false);
            checkCharset(contentType);
            List<Charset> charsets = request.attemptCharsets();
            String text = null;
            for (Charset cs : charsets) {
                try {
                    names.clear();
                    bodyParams.clear();
                    FormDecoder.decodeBody(bytes, cs, bodyParams, names);
                    text = "";
                    break;
                } catch (CharacterCodingException e) {
                    // try the next charset
                }
            }
            if (text == null) {
                List<String> tried = new ArrayList<>();
                charsets.forEach(c -> tried.add("'" + c.name().toLowerCase(Locale.ROOT) + "'"));
                throw new HttpError(400, "The request entity could not be decoded. The following charsets were "
                        + "attempted: [" + String.join(", ", tried) + "]");
            }
        } else if (mediaType.startsWith("multipart/form-data")) {
            if (request.bufferedBody() != null) {
                throw new IllegalStateException("a tool read the multipart body of " + request.requestLine()
                        + " into memory (Request.bodyBytes()), so it can no longer be parsed into parts; turn "
                        + "request.process_request_body off for this path or let the tool leave multipart bodies alone");
            }
            try {
                for (Part part : servlet.getParts()) {
                    if (part.getSubmittedFileName() == null) {
                        try (InputStream in = part.getInputStream()) {
                            String value = new String(CoreRequest.readBounded(in, scope.maxBodyBytes),
                                    StandardCharsets.UTF_8);
                            bodyParams.computeIfAbsent(part.getName(), k -> new ArrayList<>(1)).add(value);
                            names.add(part.getName());
                        }
                    } else {
                        @SuppressWarnings("unchecked")
                        List<Part> uploads = (List<Part>) request.attribute("cerise.uploads");
                        if (uploads == null) {
                            uploads = new ArrayList<>();
                            request.setAttribute("cerise.uploads", uploads);
                        }
                        uploads.add(part);
                    }
                }
            } catch (ServletException | IllegalStateException e) {
                throw new HttpError(400, "The multipart body could not be read: " + e.getMessage());
            }
            request.setProcessRequestBody(false);
        } else {
            // Other media types stay unread, for the handler or a tool (request.body()).
            return;
        }
        for (Map.Entry<String, List<String>> e : bodyParams.entrySet()) {
            request.params().computeIfAbsent(e.getKey(), k -> new ArrayList<>(e.getValue().size())).addAll(e.getValue());
        }
        request.addBodyParamNames(names);
    }

    /** A charset the client names and Java does not know cannot decode anything: 400, naming it. */
    private static void checkCharset(String contentType) {
        String name = CoreRequest.contentTypeCharset(contentType);
        if (name != null) {
            try {
                Charset.forName(name);
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "The request entity could not be decoded: unknown charset " + name);
            }
        }
    }
}
