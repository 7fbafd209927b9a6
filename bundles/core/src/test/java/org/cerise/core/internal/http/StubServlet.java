package org.cerise.core.internal.http;

import java.lang.reflect.Proxy;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

/** A servlet request that answers only the getters that CoreRequest's formatting reads. */
final class StubServlet {

    private StubServlet() {
    }

    static HttpServletRequest request(String protocol, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(StubServlet.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getProtocol":
                            return protocol;
                        case "getScheme":
                            return "http";
                        case "getRemoteAddr":
                            return "127.0.0.1";
                        case "getHeader":
                            return headers.get((String) args[0]);
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    static CoreRequest coreRequest(String protocol, Map<String, String> headers, String scriptName, String pathInfo,
            String queryString) {
        return new CoreRequest(request(protocol, headers), new CoreResponse(), "GET", scriptName, pathInfo,
                queryString, "app", null);
    }
}
