package org.jgrad.core;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/** Converts nested Java arrays of any rank ({@code float[][][]}, ...) to a flat array plus a shape. */
final class JavaArrays {
    private JavaArrays() {
    }

    record Flat(Object data, Shape shape, DType dtype) {
    }

    static Flat flatten(Object nested) {
        if (nested == null || !nested.getClass().isArray()) {
            throw new IllegalArgumentException("fromArray: expected a Java array such as float[][] but got "
                    + (nested == null ? "null" : nested.getClass().getSimpleName()));
        }
        Class<?> leaf = nested.getClass();
        List<Integer> dims = new ArrayList<>();
        Object probe = nested;
        while (leaf.isArray() && leaf.getComponentType().isArray()) {
            int len = Array.getLength(probe);
            dims.add(len);
            probe = len > 0 ? Array.get(probe, 0) : null;
            leaf = leaf.getComponentType();
            if (probe == null) {
                // An empty outer dim: inner sizes are unknown, take them as 0.
                while (leaf.isArray()) {
                    dims.add(0);
                    leaf = leaf.getComponentType();
                }
                break;
            }
        }
        if (leaf.isArray()) {
            dims.add(Array.getLength(probe));
            leaf = leaf.getComponentType();
        }
        DType dtype = dtypeOf(leaf);
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        Shape s = Shape.of(shape);
        Object flat = Array.newInstance(leaf, s.numel());
        copy(nested, shape, 0, flat, new int[] {0}, "");
        return new Flat(flat, s, dtype);
    }

    private static DType dtypeOf(Class<?> leaf) {
        if (leaf == float.class) {
            return DType.F32;
        } else if (leaf == double.class) {
            return DType.F64;
        } else if (leaf == int.class) {
            return DType.I32;
        } else if (leaf == long.class) {
            return DType.I64;
        } else if (leaf == boolean.class) {
            return DType.BOOL;
        }
        throw new IllegalArgumentException("fromArray: element type " + leaf.getSimpleName()
                + " is not supported (expected float, double, int, long or boolean)");
    }

    private static void copy(Object src, int[] shape, int depth, Object flat, int[] at, String path) {
        int len = Array.getLength(src);
        if (len != shape[depth]) {
            throw new IllegalArgumentException("fromArray: ragged nested array: element " + (path.isEmpty() ? "root" : path)
                    + " has length " + len + " but dim " + depth + " has size " + shape[depth]
                    + " (expected every row at one depth to have the same length)");
        }
        if (depth == shape.length - 1) {
            System.arraycopy(src, 0, flat, at[0], len);
            at[0] += len;
            return;
        }
        for (int i = 0; i < len; i++) {
            copy(Array.get(src, i), shape, depth + 1, flat, at, path + "[" + i + "]");
        }
    }
}
