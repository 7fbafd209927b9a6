package org.cerise.tool.etags.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.cerise.api.ConfigException;
import org.cerise.api.HeaderElement;
import org.cerise.api.HttpError;
import org.cerise.api.HttpRedirect;
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
 * CherryPy's {@code tools.etags} ({@code cptools.validate_etags}): at {@code before_finalize}
 * (priority 75), with {@code autotags} a 200 response without an ETag gets one from the MD5 of
 * its body; then, for a 2xx response, {@code If-Match} that names neither the ETag nor is
 * {@code *} is 412, and {@code If-None-Match} that names it or is {@code *} is 304 for GET and
 * HEAD, 412 for other methods.
 */
@Component(service = Tool.class)
@CeriseTool(name = "etags")
public final class EtagsTool implements Tool {

    static final int PRIORITY = 75;
    /**
     * CherryPy's guard against running twice ({@code response.ETag}): the 304 or 412 this tool
     * raises makes the pipeline run {@code before_finalize} again for the new response.
     */
    private static final String DONE = "org.cerise.tool.etags.done";
    private static final Logger LOG = LoggerFactory.getLogger("org.cerise.tool.etags");

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("autotags", "debug");
        boolean autotags = setup.booleanArg("autotags", false);
        boolean debug = setup.booleanArg("debug", false);
        MessageDigest md5 = autotags ? md5() : null;
        setup.hook(HookPoint.BEFORE_FINALIZE, setup.priority(PRIORITY), false,
                (request, response) -> validate(request, response, md5, debug));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private static void validate(Request request, Response response, MessageDigest md5, boolean debug)
            throws CloneNotSupportedException {
        if (request.attribute(DONE) != null) {
            return;
        }
        request.setAttribute(DONE, Boolean.TRUE);
        int status = response.status();
        String etag = response.header("ETag");
        if (etag != null && !etag.isEmpty()) {
            log(debug, "ETag already set: " + etag);
        } else if (md5 == null) {
            log(debug, "Autotags off");
        } else if (status != 200) {
            log(debug, "Status not 200");
        } else {
            // the prototype digest is prepared once; a clone is this request's own
            MessageDigest digest = (MessageDigest) md5.clone();
            etag = '"' + HexFormat.of().formatHex(digest.digest(response.collapseBody())) + '"';
            log(debug, "Setting ETag: " + etag);
            response.setHeader("ETag", etag);
        }
        // RFC 2616 14.24: a response that would not be 2xx (or 412) ignores If-Match
        if (status < 200 || status > 299) {
            return;
        }
        List<String> conditions = elements(request, "If-Match");
        log(debug, "If-Match conditions: " + Python.repr(conditions));
        if (!conditions.isEmpty() && !(conditions.equals(List.of("*")) || conditions.contains(etag))) {
            throw new HttpError(412, "If-Match failed: ETag " + Python.repr(etag) + " did not match "
                    + Python.repr(conditions));
        }
        conditions = elements(request, "If-None-Match");
        log(debug, "If-None-Match conditions: " + Python.repr(conditions));
        if (conditions.equals(List.of("*")) || conditions.contains(etag)) {
            String method = request.method();
            if (method.equals("GET") || method.equals("HEAD")) {
                throw HttpRedirect.notModified();
            }
            throw new HttpError(412, "If-None-Match failed: ETag " + Python.repr(etag) + " matched "
                    + Python.repr(conditions));
        }
    }

    /**
     * A conditional header's entity tags as CherryPy's {@code validate_etags} lists them:
     * {@code [str(x) for x in request.headers.elements(name)]}, in descending order of value,
     * each with its parameters.
     */
    private static List<String> elements(Request request, String name) {
        List<HeaderElement> elements = request.headerElements(name);
        List<String> out = new ArrayList<>(elements.size());
        elements.forEach(e -> out.add(e.toString()));
        return out;
    }

    private static void log(boolean debug, String message) {
        if (debug) {
            LOG.info("[TOOLS.ETAGS] {}", message);
        }
    }
}
