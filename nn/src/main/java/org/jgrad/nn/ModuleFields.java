package org.jgrad.nn;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jgrad.autograd.Tensor;

/**
 * The state-bearing fields of one {@link Module} class, found once by reflection and cached: {@code Tensor}
 * fields (parameters, or buffers when annotated {@link Buffer}), {@code Module} fields and collections or
 * arrays of modules (children). Static and {@code transient} fields are not state.
 */
final class ModuleFields {
    enum Kind { PARAMETER, BUFFER, CHILD, CHILDREN }

    record Entry(Field field, String name, Kind kind) {
        Object get(Object owner) {
            try {
                return field.get(owner);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read field " + field, e);
            }
        }
    }

    private static final ClassValue<List<Entry>> CACHE = new ClassValue<>() {
        @Override
        protected List<Entry> computeValue(Class<?> type) {
            return scan(type);
        }
    };

    private ModuleFields() {
    }

    static List<Entry> of(Class<?> type) {
        return CACHE.get(type);
    }

    private static List<Entry> scan(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Module.class; c = c.getSuperclass()) {
            chain.add(0, c);   // superclass fields first, like PyTorch's registration order in __init__
        }
        List<Entry> entries = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                int mods = f.getModifiers();
                if (Modifier.isStatic(mods) || Modifier.isTransient(mods) || f.isSynthetic()) {
                    continue;
                }
                Kind kind = kindOf(f);
                if (kind != null) {
                    f.setAccessible(true);
                    entries.add(new Entry(f, StateNames.of(f.getName()), kind));
                }
            }
        }
        return List.copyOf(entries);
    }

    private static Kind kindOf(Field f) {
        Class<?> t = f.getType();
        if (Tensor.class.isAssignableFrom(t)) {
            return f.isAnnotationPresent(Buffer.class) ? Kind.BUFFER : Kind.PARAMETER;
        }
        if (f.isAnnotationPresent(Buffer.class)) {
            throw new IllegalStateException("@Buffer on " + f + ": only Tensor fields can be buffers");
        }
        if (Module.class.isAssignableFrom(t)) {
            return Kind.CHILD;
        }
        if ((t.isArray() && Module.class.isAssignableFrom(t.getComponentType()))
                || Collection.class.isAssignableFrom(t) || Map.class.isAssignableFrom(t)) {
            return Kind.CHILDREN;   // element types are checked when read (generics are erased)
        }
        return null;
    }
}
