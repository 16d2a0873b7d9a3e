package jload.engine.proto.http;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * Request params no one can change: made from a script's params text by the JS module's host object, which hands the
 * same instance again for the same text. {@link VuHttp} may keep what it read from one (a Groovy map may be changed
 * between two requests, so it is read every time).
 */
public final class FrozenParams extends AbstractMap<String, Object> {
    private final Map<String, Object> params;

    /** @param params read from JSON by the caller and held by no one else */
    public FrozenParams(Map<String, Object> params) {
        this.params = java.util.Collections.unmodifiableMap(params);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return params.entrySet();
    }

    @Override
    public Object get(Object key) {
        return params.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return params.containsKey(key);
    }
}
