package org.cerise.itests.apps.wire;

import java.util.Map;

import org.cerise.api.Expose;
import org.cerise.api.HttpError;
import org.cerise.api.InternalRedirect;
import org.cerise.api.Request;

/** Handlers for the protocol details: reason phrases, positional arguments, internal redirects. */
public class WireApp {

    @Expose
    public String teapot() {
        throw new HttpError("418 I'm a teapot", "Short and stout.");
    }

    @Expose
    public String args(Request request, Map<String, String> params, String... args) {
        return String.join("|", args) + (request.queryString().isEmpty() ? "" : "?" + request.queryString())
                + (params.isEmpty() ? "" : " " + params);
    }

    @Expose
    public String inner() {
        throw new InternalRedirect("args/x/y", "q=1");
    }

    @Expose
    public String loop() {
        throw new InternalRedirect("/loop");
    }
}
