package org.cerise.tool.encode.internal;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy's {@code tools.decode} ({@code lib/encoding.decode}): at {@code before_request_body}
 * (priority 50) it sets the charsets tried to decode a form body
 * ({@code request.body.attempt_charsets}). With {@code encoding} (one name or a list) those are
 * the only charsets tried, even one the request's {@code Content-Type} names; otherwise
 * {@code default_encoding} (one name or a list, default {@code 'utf-8'}) is appended to the
 * request's charsets as they are, so that the default twice tries UTF-8 twice, and the 400
 * message lists it twice, as CherryPy's does.
 */
@Component(service = Tool.class)
@CeriseTool(name = "decode")
public final class DecodeTool implements Tool {

    static final int PRIORITY = 50;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("encoding", "default_encoding");
        List<Charset> only = charsets(setup, "encoding");
        List<Charset> extra = setup.args().containsKey("default_encoding") ? charsets(setup, "default_encoding")
                : List.of(java.nio.charset.StandardCharsets.UTF_8);
        int priority = setup.priority(PRIORITY);
        if (setup.args().get("encoding") != null) {
            List<Charset> replacement = List.copyOf(only);
            setup.hook(HookPoint.BEFORE_REQUEST_BODY, priority, false,
                    (request, response) -> request.setAttemptCharsets(replacement));
        } else if (!extra.isEmpty()) {
            setup.hook(HookPoint.BEFORE_REQUEST_BODY, priority, false, (request, response) -> {
                List<Charset> charsets = new ArrayList<>(request.attemptCharsets().size() + extra.size());
                charsets.addAll(request.attemptCharsets());
                charsets.addAll(extra);
                request.setAttemptCharsets(charsets);
            });
        }
    }

    /** One name or a list of names, each a charset this runtime has; an empty string is no charset. */
    private static List<Charset> charsets(ToolSetup setup, String arg) throws ConfigException {
        List<Charset> out = new ArrayList<>();
        for (Object name : setup.listArg(arg)) {
            if (!(name instanceof String)) {
                throw setup.badArg(arg, "must be a charset name or a list of them, in quotes");
            }
            if (((String) name).isEmpty()) {
                continue;
            }
            Charset cs = Charsets.lookup((String) name);
            if (cs == null) {
                throw setup.badArg(arg, "names a charset this Java runtime does not have: '" + name + "'");
            }
            out.add(cs);
        }
        return out;
    }
}
