package org.jgrad.bench;

import java.util.SplittableRandom;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;

/** Random float32 inputs for the benchmarks, made on the backend under test. */
final class Matrices {
    private Matrices() {
    }

    /** A dense storage of {@code count} floats uniform in [-1, 1), the same for every run with one seed. */
    static Storage random(Backend backend, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] data = new float[count];
        for (int i = 0; i < count; i++) {
            data[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return backend.fromArray(data, DType.F32);
    }

    /** The dense row-major view of an {@code n x n} matrix. */
    static View square(int n) {
        return View.contiguous(Shape.of(n, n));
    }
}
