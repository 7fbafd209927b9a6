package org.cerise.tool.encode.internal;

import java.nio.charset.Charset;
import java.util.Locale;

import org.cerise.api.ConfigException;
import org.cerise.api.Handler;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy's {@code tools.encode}, on by default: at {@code before_handler} (priority 70) it
 * wraps the handler, as CherryPy's {@code ResponseEncoder} does. When the handler has returned,
 * a {@code text/*} response (any response if {@code text_only} is off) gets the charset the
 * client accepts ({@code Accept-Charset}, see {@link ResponseEncoder}) as its Content-Type's
 * {@code charset} parameter and its text encoded in it; 406 when no charset fits.
 */
@Component(service = Tool.class)
@CeriseTool(name = "encode")
public final class EncodeTool implements Tool {

    static final int PRIORITY = 70;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        // CherryPy's ResponseEncoder takes any keyword as an attribute; Cerise refuses the ones
        // it would silently ignore, so that a misspelt key shows when the app mounts
        setup.allowArgs("encoding", "default_encoding", "errors", "text_only", "add_charset", "failmsg", "debug");
        String encoding = setup.stringArg("encoding", null);
        Charset forced = null;
        if (encoding != null) {
            encoding = encoding.toLowerCase(Locale.ROOT);
            forced = Charsets.lookup(encoding);
            if (forced == null) {
                throw setup.badArg("encoding", "names a charset this Java runtime does not have");
            }
        }
        String defaultEncoding = setup.stringArg("default_encoding", "utf-8");
        Charset defaultCharset = Charsets.lookup(defaultEncoding);
        if (defaultCharset == null) {
            throw setup.badArg("default_encoding", "names a charset this Java runtime does not have");
        }
        String errorsName = setup.stringArg("errors", "strict");
        Errors errors = Errors.named(errorsName);
        if (errors == null) {
            throw setup.badArg("errors", "must be 'strict', 'replace', 'ignore', 'xmlcharrefreplace' or "
                    + "'backslashreplace'");
        }
        String failmsg = setup.stringArg("failmsg", ResponseEncoder.FAILMSG);
        if (!FailMessage.valid(failmsg)) {
            throw setup.badArg("failmsg", "must hold one %r or %s (for the charset), as Python's % operator "
                    + "formats it; write %% for a percent sign");
        }
        ResponseEncoder encoder = new ResponseEncoder(encoding, forced, defaultEncoding, defaultCharset, errors,
                setup.booleanArg("text_only", true), setup.booleanArg("add_charset", true), failmsg,
                setup.booleanArg("debug", false));
        setup.hook(HookPoint.BEFORE_HANDLER, setup.priority(PRIORITY), false, (request, response) -> {
            Handler inner = request.handler();
            // a handler tool that answered already (handler None) leaves nothing to wrap, as in CherryPy
            if (inner != null) {
                encoder.log("Replacing request.handler");
                request.setHandler((req, resp) -> encoder.encode(req, resp, inner.handle(req, resp)));
            }
        });
    }
}
