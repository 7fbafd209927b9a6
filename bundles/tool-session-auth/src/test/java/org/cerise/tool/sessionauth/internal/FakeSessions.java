package org.cerise.tool.sessionauth.internal;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.cerise.api.Cookie;
import org.cerise.api.Session;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;

/**
 * A test stand-in for the sessions tool ({@code tools.fake_sessions.on}): an in-memory
 * {@link Session} per {@code session_id} cookie, installed at {@code on_start_resource}, and the
 * cookie sent back at {@code before_finalize}, so that several harness requests share a session.
 */
final class FakeSessions implements Tool {

    static final String COOKIE = "session_id";

    final Map<String, FakeSession> store = new ConcurrentHashMap<>();

    @Override
    public void setup(ToolSetup setup) {
        setup.hook(HookPoint.ON_START_RESOURCE, 50, false, (request, response) -> {
            String id = request.cookie(COOKIE);
            FakeSession session = id == null ? null : store.get(id);
            if (session == null) {
                session = new FakeSession(UUID.randomUUID().toString());
                store.put(session.id, session);
            }
            request.setSession(session);
        });
        setup.hook(HookPoint.BEFORE_FINALIZE, 90, true, (request, response) ->
                response.addCookie(Cookie.of(COOKIE, request.session().id()).withPath("/")));
    }

    /** The session of one cookie. */
    final class FakeSession implements Session {
        private volatile String id;
        private final Map<String, Object> data = new ConcurrentHashMap<>();

        FakeSession(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Object get(String key) {
            return data.get(key);
        }

        @Override
        public <T> T get(String key, Class<T> type) {
            return type.cast(data.get(key));
        }

        @Override
        public Object put(String key, Object value) {
            return data.put(key, value);
        }

        @Override
        public Object remove(String key) {
            return data.remove(key);
        }

        @Override
        public boolean containsKey(String key) {
            return data.containsKey(key);
        }

        @Override
        public Set<String> keys() {
            return data.keySet();
        }

        @Override
        public void clear() {
            data.clear();
        }

        @Override
        public void regenerate() {
            store.remove(id);
            id = UUID.randomUUID().toString();
            store.put(id, this);
        }

        @Override
        public void expire() {
            data.clear();
            store.remove(id);
        }
    }
}
