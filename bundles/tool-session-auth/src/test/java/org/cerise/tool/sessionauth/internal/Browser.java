package org.cerise.tool.sessionauth.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cerise.core.internal.mount.Harness;

/** Harness requests that keep the cookies they are sent, as a browser (or curl -b/-c) does. */
final class Browser {

    private final Harness harness;
    final Map<String, String> cookies = new LinkedHashMap<>();

    Browser(Harness harness) {
        this.harness = harness;
    }

    Harness.Result get(String target) {
        return keep(harness.request("GET", target, null, headers()));
    }

    Harness.Result post(String target, String form) {
        List<String> h = new ArrayList<>(List.of(headers()));
        h.add("Content-Type: application/x-www-form-urlencoded");
        return keep(harness.request("POST", target, form.getBytes(StandardCharsets.UTF_8), h.toArray(new String[0])));
    }

    private String[] headers() {
        if (cookies.isEmpty()) {
            return new String[0];
        }
        List<String> pairs = new ArrayList<>();
        cookies.forEach((k, v) -> pairs.add(k + "=" + v));
        return new String[] {"Cookie: " + String.join("; ", pairs)};
    }

    private Harness.Result keep(Harness.Result r) {
        for (String setCookie : r.headers("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return r;
    }
}
