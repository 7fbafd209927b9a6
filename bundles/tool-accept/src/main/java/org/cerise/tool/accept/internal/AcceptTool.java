package org.cerise.tool.accept.internal;

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
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.accept}: at {@code on_start_resource} (priority 50) the client's
 * {@code Accept} ranges, most preferred first as {@link Request#headerElements} orders them
 * (CherryPy's {@code request.headers.elements}), are matched against the media types the path
 * emits ({@code media}); the first match is the answer, kept in the request attribute
 * {@value #MEDIA_ATTRIBUTE}. No match answers 406 with CherryPy's message; no (or an empty)
 * {@code Accept} header accepts the first media type.
 */
@Component(service = Tool.class)
@CeriseTool(name = "accept")
public final class AcceptTool implements Tool {

    /** The request attribute that holds the chosen media type (a {@code String}). */
    static final String MEDIA_ATTRIBUTE = "cerise.accept.media";

    static final int PRIORITY = 50;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("media", "debug");
        boolean debug = setup.booleanArg("debug", false);
        List<String> media = new ArrayList<>();
        for (Object m : setup.listArg("media")) {
            if (!(m instanceof String)) {
                throw setup.badArg("media", "must be a media type or a list of them, e.g. ['text/html', 'application/json']");
            }
            media.add((String) m);
        }
        // CherryPy tests nothing when media is None or empty
        if (media.isEmpty() || media.size() == 1 && media.get(0).isEmpty()) {
            return;
        }
        Negotiation negotiation = new Negotiation(media, debug);
        setup.hook(HookPoint.ON_START_RESOURCE, setup.priority(PRIORITY), false,
                (request, response) -> request.setAttribute(MEDIA_ATTRIBUTE, negotiation.choose(request)));
    }

    /** The media types of one config scope, ready to be matched against Accept headers. */
    static final class Negotiation {
        private final List<String> media;
        private final String first;
        private final String refusal;
        private final boolean debug;

        Negotiation(List<String> media, boolean debug) {
            this.media = List.copyOf(media);
            this.first = media.get(0);
            this.refusal = " But this resource only emits these media types: " + String.join(", ", media) + ".";
            this.debug = debug;
        }

        String choose(Request request) {
            List<HeaderElement> ranges = request.headerElements("Accept");
            if (ranges.isEmpty()) {
                debug(request, "No Accept header elements");
                return first;
            }
            for (HeaderElement range : ranges) {
                if (!(range.qvalue() > 0)) {
                    continue;
                }
                String type = range.value();
                if (type.equals("*/*")) {
                    debug(request, "Match due to */*");
                    return first;
                }
                if (type.endsWith("/*")) {
                    String prefix = type.substring(0, type.length() - 1);
                    for (String m : media) {
                        if (m.startsWith(prefix)) {
                            debug(request, "Match due to " + type);
                            return m;
                        }
                    }
                } else if (media.contains(type)) {
                    debug(request, "Match due to " + type);
                    return type;
                }
            }
            // CherryPy quotes request.headers.get('Accept'): every Accept line, joined.
            String header = String.join(", ", request.headers("Accept"));
            throw new HttpError(406, "Your client sent this Accept header: " + header + "." + refusal);
        }

        private void debug(Request request, String message) {
            if (debug) {
                LoggerFactory.getLogger("cerise.error." + request.appName()).info("TOOLS.ACCEPT {}", message);
            }
        }
    }
}
