package org.cerise.tool.params.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy's {@code tools.params} ({@code cptools.convert_params}) for handlers whose
 * parameters say nothing about types ({@code Object}, {@code Map}): at {@code before_handler}
 * (priority 15) each request parameter named in {@code types} is converted as Python's
 * {@code int()}, {@code float()}, {@code bool()} would; a value that does not convert is
 * answered with the {@code error} status (400) and Python's message. The parameter map keeps
 * text, rewritten in canonical form ({@code " 1_000 "} becomes {@code 1000}); the converted
 * values are in the request attribute {@value #TYPED_ATTRIBUTE}.
 */
@Component(service = Tool.class)
@CeriseTool(name = "params")
public final class ParamsTool implements Tool {

    /** The request attribute holding the converted values: a {@code Map<String, Object>}. */
    static final String TYPED_ATTRIBUTE = "cerise.params";

    static final int PRIORITY = 15;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        // CherryPy's exception argument has no Java counterpart: say why rather than "unknown".
        if (setup.args().containsKey("exception")) {
            throw setup.badArg("exception", "names a Python exception class; Cerise answers the error status for "
                    + "every value that does not convert, so leave it out");
        }
        setup.allowArgs("types", "error");
        Object types = setup.args().get("types");
        if (types != null && !(types instanceof Map)) {
            throw setup.badArg("types", "must map parameter names to types, e.g. {'length': 'int', 'ratio': 'float'}");
        }
        List<String> names = new ArrayList<>();
        List<ParamType> kinds = new ArrayList<>();
        if (types != null) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) types).entrySet()) {
                ParamType type = ParamType.named(e.getValue());
                if (!(e.getKey() instanceof String) || type == null) {
                    throw setup.badArg("types", "must map parameter names to 'str', 'int', 'float', 'bool' or 'list'; "
                            + e.getKey() + " is given " + e.getValue());
                }
                names.add((String) e.getKey());
                kinds.add(type);
            }
        }
        Object error = setup.args().get("error");
        String status = error == null ? "400" : error.toString();
        try {
            if (!(error == null || error instanceof Long || error instanceof String)) {
                throw new IllegalArgumentException();
            }
            new HttpError(status, null);
        } catch (IllegalArgumentException e) {
            throw setup.badArg("error", "must be an error status from 400 to 599, such as 400 or '422 Bad Values'");
        }
        if (names.isEmpty()) {
            return;
        }
        Conversion conversion = new Conversion(names.toArray(new String[0]), kinds.toArray(new ParamType[0]), status);
        setup.hook(HookPoint.BEFORE_HANDLER, setup.priority(PRIORITY), false, conversion::apply);
    }

    /** The declared types of one config scope. */
    private static final class Conversion {
        private final String[] names;
        private final ParamType[] types;
        private final String status;

        Conversion(String[] names, ParamType[] types, String status) {
            this.names = names;
            this.types = types;
            this.status = status;
        }

        void apply(Request request, Response response) {
            Map<String, List<String>> params = request.params();
            Map<String, Object> typed = null;
            for (int i = 0; i < names.length; i++) {
                List<String> values = params.get(names[i]);
                if (values == null) {
                    continue;
                }
                ParamType type = types[i];
                if (typed == null) {
                    typed = new LinkedHashMap<>();
                }
                if (type == ParamType.LIST || type == ParamType.STR) {
                    typed.put(names[i], type == ParamType.LIST || values.size() != 1 ? List.copyOf(values) : values.get(0));
                    continue;
                }
                List<Object> converted = new ArrayList<>(values.size());
                List<String> canonical = new ArrayList<>(values.size());
                for (String value : values) {
                    Object v;
                    try {
                        v = type.convert(value);
                    } catch (IllegalArgumentException e) {
                        throw new HttpError(status, e.getMessage());
                    }
                    converted.add(v);
                    canonical.add(ParamType.asText(v));
                }
                params.put(names[i], canonical);
                typed.put(names[i], converted.size() == 1 ? converted.get(0) : List.copyOf(converted));
            }
            if (typed != null) {
                request.setAttribute(TYPED_ATTRIBUTE, typed);
            }
        }
    }
}
