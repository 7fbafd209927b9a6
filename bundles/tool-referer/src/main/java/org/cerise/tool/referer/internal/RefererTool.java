package org.cerise.tool.referer.internal;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.cerise.api.ConfigException;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.referer}: at {@code before_request_body} (priority 50) the
 * {@code Referer} header must match {@code pattern} from its start (Python's
 * {@code re.match}), or must not match it when {@code accept} is off; a request without the
 * header passes only with {@code accept_missing}. Anything else is answered with the
 * {@code error} status and {@code message}.
 */
@Component(service = Tool.class)
@CeriseTool(name = "referer")
public final class RefererTool implements Tool {

    static final int PRIORITY = 50;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("pattern", "accept", "accept_missing", "error", "message", "debug");
        String source = setup.stringArg("pattern", null);
        if (source == null) {
            throw setup.badArg("pattern", "is required: a regular expression the Referer header must match");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(fromPython(source));
        } catch (PatternSyntaxException e) {
            throw setup.badArg("pattern", "is not a regular expression: " + e.getDescription());
        }
        boolean accept = setup.booleanArg("accept", true);
        boolean acceptMissing = setup.booleanArg("accept_missing", false);
        // an explicit None asks for the status's standard message
        String message = setup.args().containsKey("message") ? setup.stringArg("message", null)
                : "Forbidden Referer header.";
        Object error = setup.args().get("error");
        String status;
        if (error == null) {
            status = "403";
        } else if (error instanceof Long || error instanceof String) {
            status = error.toString();
        } else {
            throw setup.badArg("error", "must be an error status such as 403 or '418 I'm a teapot'");
        }
        try {
            new HttpError(status, message);
        } catch (IllegalArgumentException e) {
            throw setup.badArg("error", "must be an error status from 400 to 599, such as 403 or '418 I'm a teapot'");
        }
        boolean debug = setup.booleanArg("debug", false);
        Gate gate = new Gate(pattern, source, accept, acceptMissing, status, message, debug);
        setup.hook(HookPoint.BEFORE_REQUEST_BODY, setup.priority(PRIORITY), false, gate::check);
    }

    /**
     * Python's named groups, {@code (?P<name>...)} and {@code (?P=name)}, in Java's spelling;
     * the rest of the common syntax is the same.
     */
    static String fromPython(String regex) {
        return regex.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
    }

    /** The checks of one config scope. */
    private record Gate(Pattern pattern, String source, boolean accept, boolean acceptMissing, String status,
            String message, boolean debug) {

        void check(Request request, Response response) {
            String referer = request.header("Referer");
            if (referer != null) {
                boolean match = pattern.matcher(referer).lookingAt();
                if (debug) {
                    LoggerFactory.getLogger("cerise.error." + request.appName()).info(
                            "TOOLS.REFERER Referer '{}' {} '{}'", referer, match ? "matches" : "does not match", source);
                }
                if (accept == match) {
                    return;
                }
            } else {
                if (debug) {
                    LoggerFactory.getLogger("cerise.error." + request.appName()).info("TOOLS.REFERER No Referer header");
                }
                if (acceptMissing) {
                    return;
                }
            }
            throw new HttpError(status, message);
        }
    }
}
