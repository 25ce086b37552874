package org.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;

/** Writing then reading gives back exactly what was written: names, order, dtypes, shapes and bits. */
class SafetensorsRoundTripProperties {

    @Property(tries = 200)
    @StatisticsReport(onFailureOnly = true)
    void roundTripIsBitExact(@ForAll("files") SafetensorsFile file) throws Exception {
        Statistics.label("tensors").collect(file.tensors().size());
        byte[] bytes = Safetensors.toBytes(file);
        SafetensorsFile back = Safetensors.read(bytes);

        assertEquals(new ArrayList<>(file.tensors().keySet()), new ArrayList<>(back.tensors().keySet()));
        assertEquals(file.metadata(), back.metadata());
        for (Map.Entry<String, NDArray> e : file.tensors().entrySet()) {
            NDArray expected = e.getValue();
            NDArray actual = back.tensors().get(e.getKey());
            assertEquals(expected.dtype(), actual.dtype(), e.getKey());
            assertEquals(expected.shape(), actual.shape(), e.getKey());
            assertSameBits(expected, actual, e.getKey());
        }
        assertArrayEquals(bytes, Safetensors.toBytes(back), "writing what was read gives the same bytes");
    }

    /** Floats are compared by raw bits, so NaN payloads and the sign of zero must survive too. */
    private static void assertSameBits(NDArray expected, NDArray actual, String name) {
        Object a = expected.toArray();
        Object b = actual.toArray();
        switch (expected.dtype()) {
            case F32 -> {
                float[] x = (float[]) a;
                float[] y = (float[]) b;
                for (int i = 0; i < x.length; i++) {
                    assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]), name + "[" + i + "]");
                }
            }
            case F64 -> {
                double[] x = (double[]) a;
                double[] y = (double[]) b;
                for (int i = 0; i < x.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(y[i]), name + "[" + i + "]");
                }
            }
            case I32 -> assertArrayEquals((int[]) a, (int[]) b, name);
            case I64 -> assertArrayEquals((long[]) a, (long[]) b, name);
            case BOOL -> assertArrayEquals((boolean[]) a, (boolean[]) b, name);
        }
    }

    @Provide
    Arbitrary<SafetensorsFile> files() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars("._0123456789 \"\\\n\u00e9\u4e2d")
                .ofMinLength(0).ofMaxLength(12);
        Arbitrary<List<String>> uniqueNames = names.filter(n -> !n.equals("__metadata__"))
                .list().ofMinSize(0).ofMaxSize(6).uniqueElements();
        Arbitrary<Map<String, String>> metadata = Arbitraries.maps(names, names).ofMaxSize(3);
        Arbitrary<List<TensorSpec>> specs = tensorSpec().list().ofSize(6);
        return Combinators.combine(uniqueNames, specs, metadata).as((ns, ts, meta) -> {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (int i = 0; i < ns.size(); i++) {
                tensors.put(ns.get(i), ts.get(i).build());
            }
            return new SafetensorsFile(tensors, meta);
        });
    }

    /** A dtype, a shape of rank 0 to 3 with sizes 0 to 4 (so 0-d and empty tensors), and a seed for the values. */
    record TensorSpec(DType dtype, int[] shape, long seed) {
        NDArray build() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            SplittableRandom r = new SplittableRandom(seed);
            Object values = switch (dtype) {
                // arbitrary bit patterns: NaNs with payloads, infinities, subnormals, -0.0
                case F32 -> {
                    float[] v = new float[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = Float.intBitsToFloat(r.nextInt());
                    }
                    yield v;
                }
                case F64 -> r.longs(n).mapToDouble(Double::longBitsToDouble).toArray();
                case I32 -> r.ints(n).toArray();
                case I64 -> r.longs(n).toArray();
                case BOOL -> {
                    boolean[] v = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = r.nextBoolean();
                    }
                    yield v;
                }
            };
            return NDArray.on().of(values, dtype, shape);
        }
    }

    private static Arbitrary<TensorSpec> tensorSpec() {
        Arbitrary<int[]> shapes = Arbitraries.integers().between(0, 4).array(int[].class).ofMinSize(0).ofMaxSize(3);
        return Combinators.combine(Arbitraries.of(DType.class), shapes, Arbitraries.longs()).as(TensorSpec::new);
    }
}
