package org.cerise.examples.blog;

import org.cerise.api.CeriseApp;
import org.cerise.dispatch.routes.RouteMap;
import org.cerise.dispatch.routes.Routes;
import org.osgi.service.component.annotations.Component;

/**
 * A small blog at {@code /blog}, routed as a CherryPy app with a {@code RoutesDispatcher}:
 *
 * <pre>
 * d = cherrypy.dispatch.RoutesDispatcher()
 * d.connect('index', '/', controller=posts, action='index')
 * d.connect('month', '/{year}/{month}', controller=posts, action='month',
 *           requirements=dict(year=r'\d{4}', month=r'\d{2}'))
 * d.connect('comment', '/{year}/{month}/{slug}', controller=posts, action='comment',
 *           conditions=dict(method=['POST']))
 * d.connect('post', '/{year}/{month}/{slug}', controller=posts, action='show',
 *           requirements=dict(year=r'\d{4}', month=r'\d{2}'))
 * </pre>
 */
@Component(service = Blog.class)
@CeriseApp(mount = "/blog", config = "/blog.conf")
public class Blog implements Routes {

    private final Posts posts = new Posts();

    @Override
    public void connect(RouteMap d) {
        d.connect("index", "/", posts).action("index");
        d.connect("month", "/{year}/{month}", posts).action("month")
                .requirement("year", "\\d{4}").requirement("month", "\\d{2}");
        d.connect("comment", "/{year}/{month}/{slug}", posts).action("comment").methods("POST")
                .requirement("year", "\\d{4}").requirement("month", "\\d{2}");
        d.connect("post", "/{year}/{month}/{slug}", posts).action("show")
                .requirement("year", "\\d{4}").requirement("month", "\\d{2}");
    }
}
