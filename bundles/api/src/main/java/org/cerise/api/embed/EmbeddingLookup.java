package org.cerise.api.embed;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the embedding once, on first use (the holder idiom: no lock after that). */
final class EmbeddingLookup {

    static final Embedding INSTANCE = find();

    private EmbeddingLookup() {
    }

    private static Embedding find() {
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(Embedding.class.getClassLoader());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != loaders.get(0)) {
            loaders.add(context);
        }
        for (ClassLoader loader : loaders) {
            try {
                Iterator<Embedding> it = ServiceLoader.load(Embedding.class, loader).iterator();
                if (it.hasNext()) {
                    return it.next();
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("Cerise's embedded container cannot be loaded: " + e.getMessage(), e);
            }
        }
        return null;
    }
}
