package org.cerise.core.internal.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cerise.api.HttpStatus;
import org.cerise.api.embed.LocalServer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The container's in-process entry point ({@link LocalServer}): a request handed over as data
 * goes through the same {@link FrontServlet} (so the same mount table, pipeline, tools and
 * dispatchers) as one from Jetty, with in-memory servlet request and response objects. For test
 * kits, which then need no socket and no HTTP server (CherryPy tests an app through its
 * {@code interface} the same way).
 *
 * <p>The servlet objects are dynamic proxies: the servlet interfaces have some hundred methods of
 * which the core calls about twenty, and a method the core starts to call later fails loudly
 * here (naming it) instead of answering a silent default. This is a test path, not the request
 * path of a server: the reflection costs microseconds per request.
 */
@Component(service = LocalServer.class)
public final class LocalEntry implements LocalServer {

    /** Where the pipeline leaves a reason phrase that the servlet API cannot set (see Pipeline). */
    private static final String REASON_ATTRIBUTE = "org.cerise.reason";
    private static final String LOCAL_ADDRESS = "127.0.0.1";

    @Reference(target = "(osgi.http.whiteboard.servlet.name=cerise)")
    private jakarta.servlet.Servlet front;

    @Override
    public Response serve(String method, String target, String protocol, List<Map.Entry<String, String>> headers,
            byte[] body) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        byte[] in = body == null ? new byte[0] : body;
        Map<String, Object> attributes = new HashMap<>();
        Out out = new Out();
        HttpServletRequest request = request(method, path, query, protocol, headers, in, attributes);
        HttpServletResponse response = response(out);
        try {
            front.service(request, response);
        } catch (ServletException e) {
            throw new IllegalStateException("The front servlet failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.header("Date") == null) {
            // Jetty adds it to every response; the same answer either way
            out.headers.add(Map.entry("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))));
        }
        Object reason = attributes.get(REASON_ATTRIBUTE);
        return new Response(out.status, reason != null ? reason.toString() : HttpStatus.reason(out.status), out.headers,
                "HEAD".equalsIgnoreCase(method) ? new byte[0] : out.body.toByteArray());
    }

    private static HttpServletRequest request(String method, String path, String query, String protocol,
            List<Map.Entry<String, String>> headers, byte[] body, Map<String, Object> attributes) {
        ServletInputStream input = new BytesInputStream(body);
        int localPort = localPort(headers);
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "getMethod": return method;
                        case "getRequestURI": return path;
                        case "getQueryString": return query;
                        case "getProtocol": return protocol;
                        case "getScheme": return "http";
                        case "isSecure": return false;
                        case "getRemoteAddr":
                        case "getRemoteHost":
                        case "getLocalAddr": return LOCAL_ADDRESS;
                        case "getRemotePort": return 0;
                        case "getLocalPort":
                        case "getServerPort": return localPort;
                        case "getHeader": return first(headers, (String) args[0]);
                        case "getHeaders": return Collections.enumeration(all(headers, (String) args[0]));
                        case "getHeaderNames": return Collections.enumeration(names(headers));
                        case "getContentType": return first(headers, "Content-Type");
                        case "getContentLength": return (int) contentLength(headers);
                        case "getContentLengthLong": return contentLength(headers);
                        case "getInputStream": return input;
                        case "getCookies": return cookies(all(headers, "Cookie"));
                        case "getAttribute": return attributes.get(args[0]);
                        case "setAttribute": attributes.put((String) args[0], args[1]); return null;
                        case "removeAttribute": attributes.remove(args[0]); return null;
                        case "getParts":
                        case "getPart":
                            throw new ServletException("multipart/form-data is parsed by the HTTP server: "
                                    + "send this request over a socket");
                        case "toString": return method + " " + path + (query == null ? "" : "?" + query);
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        default: throw unsupported(m);
                    }
                });
    }

    /** The response as the servlet writes it. */
    private static final class Out {
        int status = 200;
        final List<Map.Entry<String, String>> headers = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String header(String name) {
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }

        void put(String name, String value, boolean replace) {
            if (replace) {
                headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
            }
            if (value != null) {
                headers.add(Map.entry(name, value));
            }
        }
    }

    private static HttpServletResponse response(Out out) {
        ServletOutputStream output = new ServletOutputStream() {
            @Override
            public void write(int b) {
                out.body.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.body.write(b, off, len);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("no async writes in-process");
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus": out.status = (Integer) args[0]; return null;
                        case "getStatus": return out.status;
                        case "setHeader": out.put((String) args[0], (String) args[1], true); return null;
                        case "addHeader": out.put((String) args[0], (String) args[1], false); return null;
                        case "setContentType": out.put("Content-Type", (String) args[0], true); return null;
                        case "setContentLength":
                        case "setContentLengthLong": out.put("Content-Length", String.valueOf(args[0]), true); return null;
                        case "getOutputStream": return output;
                        case "flushBuffer": return null;
                        case "isCommitted": return false;
                        case "getHeader": return out.header((String) args[0]);
                        case "containsHeader": return out.header((String) args[0]) != null;
                        case "toString": return "in-process response";
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        default: throw unsupported(m);
                    }
                });
    }

    private static UnsupportedOperationException unsupported(Method m) {
        return new UnsupportedOperationException(m.getDeclaringClass().getSimpleName() + "." + m.getName()
                + " is not supported by the in-process entry point (org.cerise.core LocalEntry)");
    }

    private static int localPort(List<Map.Entry<String, String>> headers) {
        String host = first(headers, "Host");
        if (host != null) {
            int colon = host.lastIndexOf(':');
            if (colon > 0 && host.indexOf(']', colon) < 0) {
                try {
                    return Integer.parseInt(host.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    // not a port: the default below
                }
            }
        }
        return 80;
    }

    private static String first(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    private static List<String> all(List<Map.Entry<String, String>> headers, String name) {
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                values.add(h.getValue());
            }
        }
        return values;
    }

    private static Set<String> names(List<Map.Entry<String, String>> headers) {
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, String> h : headers) {
            names.add(h.getKey());
        }
        return names;
    }

    private static long contentLength(List<Map.Entry<String, String>> headers) {
        String value = first(headers, "Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The cookies of the Cookie headers ({@code a=1; b=2}), as a servlet container parses them. */
    private static Cookie[] cookies(List<String> values) {
        List<Cookie> cookies = new ArrayList<>();
        for (String value : values) {
            for (String pair : value.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).strip();
                String v = pair.substring(eq + 1).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                try {
                    cookies.add(new Cookie(name, v));
                } catch (IllegalArgumentException e) {
                    // a name the servlet API refuses (e.g. "$Path"): Jetty drops it too
                }
            }
        }
        return cookies.isEmpty() ? null : cookies.toArray(new Cookie[0]);
    }
}
