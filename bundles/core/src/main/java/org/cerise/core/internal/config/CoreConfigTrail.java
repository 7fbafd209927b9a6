package org.cerise.core.internal.config;

import java.lang.reflect.AnnotatedElement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cerise.api.dispatch.ConfigTrail;

/**
 * The core's {@link ConfigTrail}: a walked path and the compiled {@link Scope} in force there.
 * Trails are small; steps that bring no new config share their parent's scope, and steps onto
 * app objects or config sections are remembered, so that a prepared dispatcher's trails are
 * built once.
 */
public final class CoreConfigTrail implements ConfigTrail {

    /** Beyond this many remembered children (dynamic segments), new steps are built afresh. */
    private static final int MEMO_LIMIT = 1024;

    private final TrailSpace space;
    private final String path;
    private final Scope scope;
    private final Map<Object, CoreConfigTrail> memo = new ConcurrentHashMap<>();

    CoreConfigTrail(TrailSpace space, String path, Scope scope) {
        this.space = space;
        this.path = path;
        this.scope = scope;
    }

    @Override
    public String path() {
        return path;
    }

    /** @return the compiled scope */
    public Scope scope() {
        return scope;
    }

    @Override
    public Map<String, Object> config() {
        return scope.config;
    }

    @Override
    public ConfigTrail step(String segment, Object node) {
        Object nodeKey = node == null ? null : node instanceof AnnotatedElement ? node : node.getClass();
        Object memoKey = nodeKey == null ? segment : new StepKey(segment, nodeKey);
        CoreConfigTrail known = memo.get(memoKey);
        if (known != null) {
            return known;
        }
        String newPath = path + "/" + segment;
        Map<String, Object> sectionConf = space.section(newPath);
        Scope next;
        try {
            Map<String, Object> nodeConf = space.nodeConfig(node);
            next = nodeConf.isEmpty() && sectionConf == null ? scope
                    : space.extend(scope, nodeConf, sectionConf, newPath, nodeKey);
        } catch (AnnotationConfig.Invalid e) {
            next = space.failed(scope, e.configException());
        }
        CoreConfigTrail trail = new CoreConfigTrail(space, newPath, next);
        // Remember steps onto app objects and toward config sections (both finite); a dynamic
        // segment past the objects (a positional argument) is not worth a map entry.
        if ((nodeKey != null || space.sectionsAtOrBelow(newPath)) && memo.size() < MEMO_LIMIT) {
            CoreConfigTrail raced = memo.putIfAbsent(memoKey, trail);
            return raced != null ? raced : trail;
        }
        return trail;
    }

    @Override
    public ConfigTrail member(AnnotatedElement member) {
        CoreConfigTrail known = memo.get(member);
        if (known != null) {
            return known;
        }
        Scope next;
        try {
            Map<String, Object> conf = space.nodeConfig(member);
            next = conf.isEmpty() ? scope : space.extend(scope, conf, null, path, member);
        } catch (AnnotationConfig.Invalid e) {
            next = space.failed(scope, e.configException());
        }
        CoreConfigTrail trail = new CoreConfigTrail(space, path, next);
        CoreConfigTrail raced = memo.putIfAbsent(member, trail);
        return raced != null ? raced : trail;
    }

    /**
     * A step's memo key. Its equals and hashCode are written out: a record's generated ones are
     * bound through invokedynamic at first use, some forty classes loaded while the first app
     * mounts (start-up time).
     */
    private record StepKey(String segment, Object node) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StepKey k && k.segment.equals(segment) && k.node.equals(node);
        }

        @Override
        public int hashCode() {
            return 31 * segment.hashCode() + node.hashCode();
        }
    }
}
