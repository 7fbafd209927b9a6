package org.cerise.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link CPWebCase} class without sockets: the container starts without its HTTP server
 * and {@link CPWebCase#getPage} hands each request to the core's in-process entry point (the
 * same front servlet, pipeline, tools and dispatchers). Faster to start and no port; what the
 * HTTP server does itself (connection handling, chunked framing, multipart parsing) is not
 * exercised. The system property {@code cerise.testkit.sockets=false} does the same for every
 * class.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface InProcess {
}
