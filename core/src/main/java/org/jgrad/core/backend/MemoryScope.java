package org.jgrad.core.backend;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A try-with-resources region whose temporaries go back to their backends' pools when it closes: every
 * storage a backend creates on this thread while the scope is open belongs to it, and {@link #close()}
 * {@linkplain Backend#release releases} all of them except those {@linkplain #keep kept}. A training loop
 * that runs each step in a scope stops allocating fresh arrays after its first step (on a GPU backend, the
 * same mechanism frees device memory deterministically).
 *
 * <pre>{@code
 * for (Batch b : loader) {
 *     try (MemoryScope step = MemoryScope.open()) {
 *         Tensor loss = model.forward(b.x()).mseLoss(b.y());
 *         optimizer.zeroGrad();
 *         loss.backward();
 *         optimizer.step();
 *         total += loss.item();          // read what you need inside the scope...
 *         last = MemoryScope.keep(loss.data());   // ...or keep it
 *     }
 * }
 * }</pre>
 *
 * <p>Rules: create models and optimizers outside scopes (their state must outlive them; optimizers and
 * gradient accumulation {@linkplain #persist persist} what they create); an array made inside and used
 * after the close fails with a clear "used after it was released" error. {@link #keep} hands an array to the
 * enclosing scope (or to no scope, when this is the outermost). Scopes nest and belong to one thread; close
 * them in reverse order of opening (try-with-resources does).
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<MemoryScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final Set<Storage> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Thread thread = Thread.currentThread();
    private boolean closed;

    private MemoryScope() {
    }

    /** Opens a scope on this thread; it becomes the innermost one. */
    public static MemoryScope open() {
        MemoryScope s = new MemoryScope();
        OPEN.get().push(s);
        return s;
    }

    /**
     * Called by backends for every storage they create: it joins the innermost open scope of this thread, if
     * any. Returns the storage.
     */
    public static <S extends Storage> S adopt(S storage) {
        MemoryScope inner = OPEN.get().peek();
        if (inner != null) {
            inner.owned.add(storage);
        }
        return storage;
    }

    /** Moves {@code array}'s storage out of the innermost scope that owns it, into that scope's parent. Returns it. */
    public static org.jgrad.core.NDArray keep(org.jgrad.core.NDArray array) {
        keep(array.storage());
        return array;
    }

    /** Moves {@code storage} from the innermost scope that owns it to that scope's parent (or to none). */
    public static void keep(Storage storage) {
        // An ArrayDeque used as a stack iterates from the innermost scope outwards.
        var it = OPEN.get().iterator();
        while (it.hasNext()) {
            if (it.next().owned.remove(storage)) {
                if (it.hasNext()) {
                    it.next().owned.add(storage);
                }
                return;
            }
        }
    }

    /** Takes {@code storage} out of every open scope: it lives until the garbage collector takes it. */
    public static void persist(Storage storage) {
        for (MemoryScope s : OPEN.get()) {
            s.owned.remove(storage);
        }
    }

    /** Number of storages this scope will release. */
    public int size() {
        return owned.size();
    }

    /** Releases every storage this scope still owns and removes the scope from this thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("a MemoryScope must be closed on the thread that opened it ("
                    + thread.getName() + "), not on " + Thread.currentThread().getName());
        }
        ArrayDeque<MemoryScope> open = OPEN.get();
        if (open.peek() != this) {
            throw new IllegalStateException("MemoryScope closed out of order: close inner scopes first"
                    + " (use try-with-resources)");
        }
        open.pop();
        closed = true;
        for (Storage s : owned) {
            s.backend().release(s);
        }
        owned.clear();
    }
}
