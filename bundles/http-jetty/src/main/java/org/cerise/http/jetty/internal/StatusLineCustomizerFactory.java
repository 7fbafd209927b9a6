package org.cerise.http.jetty.internal;

import java.nio.ByteBuffer;

import org.apache.felix.http.jetty.LoadBalancerCustomizerFactory;
import org.cerise.api.HttpStatus;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Component;

/**
 * Gives Felix's Jetty the two pieces of CherryPy's wire format that a servlet cannot set.
 *
 * <ul>
 * <li><b>Reason phrases.</b> Jetty 12 writes its own reason phrase for every status
 * ({@code 500 Server Error}); CherryPy writes Python's ({@code 500 Internal Server Error},
 * {@code 413 Request Entity Too Large}, ...) or the one an app gave
 * ({@code 418 I'm a teapot}). The core passes a custom phrase in the request attribute
 * {@value #REASON_ATTRIBUTE}.</li>
 * <li><b>HTTP/1.0 keep-alive.</b> CherryPy keeps an HTTP/1.0 connection open when the
 * client sent {@code Connection: Keep-Alive}, and then answers {@code Connection: Keep-Alive}
 * and {@code Keep-Alive: timeout=N} (N the idle timeout in seconds); Jetty answers
 * {@code Connection: keep-alive} alone.</li>
 * </ul>
 *
 * <p>Felix applies the customizer of the best-ranked {@link LoadBalancerCustomizerFactory}
 * service when {@code org.apache.felix.proxy.load.balancer.connection.enable=true}; this one
 * ranks above Felix's own (which would honour {@code X-Forwarded-*} headers without being
 * asked: in Cerise that is the proxy tool's job).
 */
@Component(service = LoadBalancerCustomizerFactory.class, property = "service.ranking:Integer=1000")
public final class StatusLineCustomizerFactory implements LoadBalancerCustomizerFactory {

    /** Request attribute through which the core asks for a custom reason phrase. */
    public static final String REASON_ATTRIBUTE = "org.cerise.reason";

    @Override
    public HttpConfiguration.Customizer createCustomizer() {
        return (request, responseHeaders) -> {
            request.addHttpStreamWrapper(stream -> new CherryPyStream(stream, request));
            return request;
        };
    }

    /** Rewrites the response metadata just before Jetty serializes it. */
    private static final class CherryPyStream extends HttpStream.Wrapper {
        private final Request request;

        CherryPyStream(HttpStream wrapped, Request request) {
            super(wrapped);
            this.request = request;
        }

        @Override
        public void send(MetaData.Request req, MetaData.Response response, boolean last, ByteBuffer content,
                Callback callback) {
            super.send(req, response == null ? null : rewrite(response), last, content, callback);
        }

        private MetaData.Response rewrite(MetaData.Response response) {
            int status = response.getStatus();
            HttpFields fields = response.getHttpFields();
            Object custom = request.getAttribute(REASON_ATTRIBUTE);
            String reason = custom instanceof String ? (String) custom
                    : status >= 100 && status <= 599 ? HttpStatus.reason(status) : null;
            if (response.getHttpVersion() != HttpVersion.HTTP_1_0) {
                if (custom == null && reason != null && reason.equals(org.eclipse.jetty.http.HttpStatus.getMessage(status))) {
                    return response; // Jetty would write the same line (200 OK, 404 Not Found, ...)
                }
                return new MetaData.Response(status, reason, response.getHttpVersion(), fields,
                        response.getContentLength(), response.getTrailersSupplier());
            }
            HttpFields.Mutable out = HttpFields.build(fields);
            out.remove(HttpHeader.CONNECTION);
            out.remove(HttpHeader.KEEP_ALIVE);
            // Jetty's header cache folds the request's "Keep-Alive" to "keep-alive", so unlike
            // CherryPy any spelling of the token keeps the connection.
            if (request.getHeaders().contains(HttpHeader.CONNECTION, "keep-alive")) {
                long seconds = Math.max(1, request.getConnectionMetaData().getConnector().getIdleTimeout() / 1000);
                out.add(new HttpField(HttpHeader.CONNECTION, "Keep-Alive"));
                out.add(new HttpField(HttpHeader.KEEP_ALIVE, "timeout=" + seconds));
            }
            return new MetaData.Response(status, reason, response.getHttpVersion(), out.asImmutable(),
                    response.getContentLength(), response.getTrailersSupplier());
        }
    }
}
