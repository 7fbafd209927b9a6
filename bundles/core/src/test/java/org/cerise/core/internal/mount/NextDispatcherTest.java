package org.cerise.core.internal.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.api.dispatch.Dispatcher;
import org.cerise.api.dispatch.Router;
import org.cerise.core.internal.config.MissingServiceException;
import org.junit.jupiter.api.Test;

/**
 * {@link DispatchContext#prepare(String)}: a dispatcher that hands requests on to a next one
 * (CherryPy's {@code VirtualHost(next_dispatcher)}) gets the app's router of that dispatcher;
 * a missing one makes the app wait, a cycle keeps it from mounting. And the query string
 * replaces what a dispatcher put into the params under the same name (CherryPy's
 * {@code request.params.update(query)}, observed on CherryPy 18.8 with RoutesDispatcher:
 * {@code /blog/2024/05/hello?slug=zzz} calls {@code show(slug='zzz')}).
 */
class NextDispatcherTest {

    public static final class Root {
        @Expose
        public String hello(String who) {
            return "hello " + who;
        }

        @Expose
        public String both() {
            return "both";
        }
    }

    /** Prefixes every path with {@code /hello}'s route and adds {@code who=dispatcher}. */
    private static final class Prefixing implements Dispatcher {
        final String next;
        final AtomicInteger prepared = new AtomicInteger();

        Prefixing(String next) {
            this.next = next;
        }

        @Override
        public Router prepare(DispatchContext app) throws ConfigException {
            prepared.incrementAndGet();
            Router nextRouter = app.prepare(next);
            return (pathInfo, request) -> {
                if (request != null) {
                    List<String> who = new ArrayList<>(1);
                    who.add("dispatcher");
                    request.params().put("who", who);
                }
                return nextRouter.route("/hello", request);
            };
        }
    }

    @Test
    public void theNextDispatcherRoutesTheRewrittenPath() {
        Prefixing prefixing = new Prefixing("tree");
        Harness h = Harness.of(new Root()).dispatcher("tree", new ByNameDispatcher()).dispatcher("pre", prefixing)
                .config("[/]\nrequest.dispatch = \"pre\"\n");
        assertEquals("hello dispatcher", h.get("/app/anything").text());
        assertEquals(1, prefixing.prepared.get());
    }

    @Test
    public void theQueryStringReplacesWhatTheDispatcherPutIntoTheParams() {
        Harness h = Harness.of(new Root()).dispatcher("tree", new ByNameDispatcher())
                .dispatcher("pre", new Prefixing("tree")).config("[/]\nrequest.dispatch = \"pre\"\n");
        Harness.Result r = h.get("/app/x?who=query");
        assertEquals(200, r.status(), r::toString);
        assertEquals("hello query", r.text());
    }

    @Test
    public void theNextRouterIsTheOneTheAppUsesElsewhere() throws Exception {
        ByNameDispatcher tree = new ByNameDispatcher();
        AtomicInteger treePrepared = new AtomicInteger();
        Dispatcher counting = app -> {
            treePrepared.incrementAndGet();
            return tree.prepare(app);
        };
        Harness h = Harness.of(new Root()).dispatcher("tree", counting).dispatcher("pre", new Prefixing("tree"))
                .config("[/]\nrequest.dispatch = \"pre\"\n[/both]\nrequest.dispatch = \"tree\"\n");
        h.compile();
        assertEquals(1, treePrepared.get());
        assertEquals("both", h.get("/app/both").text());
        assertEquals("hello dispatcher", h.get("/app/other").text());
    }

    @Test
    public void aMissingNextDispatcherMakesTheAppWait() {
        Harness h = Harness.of(new Root()).dispatcher("tree", new ByNameDispatcher())
                .dispatcher("pre", new Prefixing("nosuch")).config("[/]\nrequest.dispatch = \"pre\"\n");
        MissingServiceException e = assertThrows(MissingServiceException.class, h::compile);
        assertEquals("nosuch", e.name());
        assertEquals("dispatcher", e.kind());
        assertTrue(e.getMessage().contains("app 'app'"), e.getMessage());
    }

    @Test
    public void aDispatcherThatHandsOnToItselfDoesNotMount() {
        Harness h = Harness.of(new Root()).dispatcher("tree", new ByNameDispatcher())
                .dispatcher("pre", new Prefixing("pre")).config("[/]\nrequest.dispatch = \"pre\"\n");
        ConfigException e = assertThrows(ConfigException.class, h::compile);
        assertEquals("the dispatcher 'pre' of app 'app' hands requests on to itself (through its next dispatchers)",
                e.getMessage());
    }
}
