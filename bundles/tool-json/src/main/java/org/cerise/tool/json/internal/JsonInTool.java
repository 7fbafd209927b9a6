package org.cerise.tool.json.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.cerise.api.ConfigException;
import org.cerise.api.HeaderElement;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * CherryPy's {@code tools.json_in}: a request body of one of the {@code content_type}s is read
 * as JSON into {@link Request#json()}.
 *
 * <p>CherryPy's tool runs at {@code before_request_body}, priority 30, and only installs a body
 * processor; the body is read after every {@code before_request_body} hook, where CherryPy
 * processes bodies. Cerise does the same with two hooks: the tool's, at priority 30, claims the
 * body of a request that has one to process; a second one, after all others of the point, reads
 * it if body processing is still on. So a hook at priority 50 that refuses the request (a
 * referer check) answers before a malformed body does, as in CherryPy.
 *
 * <p>Answers, as CherryPy's: no {@code Content-Length} (and no {@code Transfer-Encoding}) is
 * 411; with {@code force} another media type is 415 "Expected an entity of content type
 * application/json, text/javascript"; a JSON type without {@code Content-Length} (chunked) is
 * 411; a body longer than {@code request.body.maxbytes} is the core's 413
 * ({@link Request#bodyBytes()}); a body that is not UTF-8 JSON is 400 "Invalid JSON document".
 * Without {@code force}, other media types are processed by the core as usual (forms become
 * parameters).
 */
@Component(service = Tool.class)
@CeriseTool(name = "json_in")
public final class JsonInTool implements Tool {

    static final int PRIORITY = 30;
    /** The {@link Reader} of the scope, set when the tool claimed the request's body. */
    private static final String CLAIMED = "org.cerise.tool.json.in";
    /** CherryPy's {@code RequestBody.default_content_type}, for a request without one. */
    private static final String DEFAULT_CONTENT_TYPE = "application/x-www-form-urlencoded";
    private static final Logger LOG = LoggerFactory.getLogger("org.cerise.tool.json");

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        if (setup.args().containsKey("processor")) {
            throw setup.badArg("processor", "is a Python callable in CherryPy; Cerise's json_in always parses the "
                    + "body with Jackson into request.json() (convert it with org.cerise.tool.json.Json.read)");
        }
        setup.allowArgs("content_type", "force", "debug");
        List<String> types = new ArrayList<>();
        if (setup.args().containsKey("content_type")) {
            for (Object t : setup.listArg("content_type")) {
                if (!(t instanceof String)) {
                    throw setup.badArg("content_type", "must be a media type or a list of them, in quotes");
                }
                types.add((String) t);
            }
        } else {
            types.add("application/json");
            types.add("text/javascript");
        }
        Reader reader = new Reader(List.copyOf(types), setup.booleanArg("force", true),
                setup.booleanArg("debug", false), Mappers.mapper());
        setup.hook(HookPoint.BEFORE_REQUEST_BODY, setup.priority(PRIORITY), false, (request, response) -> {
            if (request.processRequestBody()) {
                request.setAttribute(CLAIMED, reader);
            }
        });
        setup.hook(HookPoint.BEFORE_REQUEST_BODY, Integer.MAX_VALUE, false, (request, response) -> {
            Object claimed = request.attribute(CLAIMED);
            if (claimed != null && request.processRequestBody()) {
                ((Reader) claimed).process(request);
            }
        });
    }

    /** One scope's settings, and the reading of one request's body. */
    private static final class Reader {
        private final List<String> types;
        private final boolean force;
        private final boolean debug;
        private final String expected;
        private final ObjectMapper mapper;

        Reader(List<String> types, boolean force, boolean debug, ObjectMapper mapper) {
            this.mapper = mapper;
            this.types = types;
            this.force = force;
            this.debug = debug;
            this.expected = "Expected an entity of content type " + String.join(", ", types);
        }

        void process(Request request) throws IOException {
            String length = request.header("Content-Length");
            if (length == null && request.header("Transfer-Encoding") == null) {
                throw new HttpError(411);
            }
            // CherryPy's RequestBody: the first of the Content-Type's elements (as
            // request.headers.elements sorts them), else the default form type; the processor is
            // looked up by that media type as sent, then by its top-level type
            List<HeaderElement> contentType = request.headerElements("Content-Type");
            String media = contentType.isEmpty() ? DEFAULT_CONTENT_TYPE : contentType.get(0).value();
            int slash = media.indexOf('/');
            if (!types.contains(media) && !types.contains(slash < 0 ? media : media.substring(0, slash))) {
                if (force) {
                    throw new HttpError(415, expected);
                }
                return;
            }
            if (length == null || length.isEmpty()) {
                throw new HttpError(411);
            }
            if (debug) {
                LOG.info("[TOOLS.JSON_IN] Reading a {} body as JSON", media);
            }
            // the core's limit (request.body.maxbytes): 413 for a longer declared or sent body
            byte[] bytes = request.bodyBytes();
            request.setProcessRequestBody(false);
            Object document;
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                document = mapper.readValue(text, Object.class);
            } catch (CharacterCodingException | JacksonException e) {
                throw new HttpError(400, "Invalid JSON document");
            }
            request.setJson(document);
            request.setAttribute(Mappers.ATTRIBUTE, mapper);
        }
    }
}
