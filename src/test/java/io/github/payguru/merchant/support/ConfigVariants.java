package io.github.payguru.merchant.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A config mapping with some methods answering other values: tests a deployment setting on the real
 * services without another Quarkus profile (each profile costs seconds of boot).
 */
public final class ConfigVariants {

    private ConfigVariants() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T with(Class<T> type, T target, Map<String, Object> overrides) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, m, args) -> {
            if (overrides.containsKey(m.getName()) && (args == null || args.length == 0)) {
                return overrides.get(m.getName());
            }
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
