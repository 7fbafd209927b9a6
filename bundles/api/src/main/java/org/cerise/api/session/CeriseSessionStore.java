package org.cerise.api.session;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that names a {@link SessionStore} component:
 *
 * <pre>
 * &#64;Component(service = SessionStore.class)
 * &#64;CeriseSessionStore("redis")
 * public class RedisSessionStore implements SessionStore { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@ComponentPropertyType
public @interface CeriseSessionStore {

    /**
     * The store's name, registered as {@code cerise.session.store} (a single-element component
     * property type takes its property name from the annotation's name).
     *
     * @return the name, as in {@code tools.sessions.storage = 'NAME'}
     */
    String value();
}
