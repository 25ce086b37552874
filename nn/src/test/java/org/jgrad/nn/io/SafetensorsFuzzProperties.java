package org.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;

/**
 * Corrupted and random input is either read or refused with a {@link CheckpointFormatException}: never an
 * OutOfMemoryError, NegativeArraySizeException, IndexOutOfBoundsException or other leak of the parser's
 * internals.
 */
class SafetensorsFuzzProperties {
    private static final byte[] VALID = validFile();
    private static final int HEADER_END = 8 + (int) ByteBuffer.wrap(VALID).order(ByteOrder.LITTLE_ENDIAN).getLong(0);

    private static byte[] validFile() {
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("layers.0.weight", NDArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        t.put("layers.0.bias", NDArray.of(new double[] {0.5, -0.5}));
        t.put("mask", NDArray.of(new boolean[] {true, false, true}));
        t.put("step", NDArray.scalar(3, DType.I64));
        t.put("ids", NDArray.of(new int[] {1, 2}));
        t.put("empty", NDArray.zeros(DType.F32, 0, 3));
        return Safetensors.toBytes(new SafetensorsFile(t, Map.of("epoch", "12", "lr", "0.001")));
    }

    /** What reading did: read or refused cleanly; anything else fails the property with its stack trace. */
    private static String readOutcome(byte[] bytes) {
        try {
            Safetensors.read(bytes);
            return "read";
        } catch (CheckpointFormatException e) {
            return "refused";
        } catch (Throwable t) {
            throw new AssertionError("reading corrupted input threw " + t + " instead of CheckpointFormatException", t);
        }
    }

    /** Byte edits, most of them in the header where the parser's decisions are made. */
    @Property(tries = 2000)
    @StatisticsReport(onFailureOnly = true)
    void corruptedBytesAreReadOrRefusedCleanly(@ForAll("edits") List<Tuple.Tuple2<Integer, Byte>> edits) {
        byte[] bytes = VALID.clone();
        for (Tuple.Tuple2<Integer, Byte> edit : edits) {
            bytes[edit.get1()] = edit.get2();
        }
        Statistics.collect(readOutcome(bytes));
    }

    /** Header text edited with characters that matter to JSON and to numbers. */
    @Property(tries = 2000)
    @StatisticsReport(onFailureOnly = true)
    void headerEditsWithJsonCharactersAreReadOrRefusedCleanly(
            @ForAll("headerEdits") List<Tuple.Tuple2<Integer, Character>> edits) {
        byte[] bytes = VALID.clone();
        for (Tuple.Tuple2<Integer, Character> edit : edits) {
            bytes[edit.get1()] = (byte) (char) edit.get2();
        }
        Statistics.collect(readOutcome(bytes));
    }

    @Property(tries = 500)
    void anyHeaderLengthIsReadOrRefusedCleanly(@ForAll long declaredLength) {
        byte[] bytes = VALID.clone();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, declaredLength);
        readOutcome(bytes);
    }

    @Property(tries = 500)
    void cutOrExtendedFilesAreReadOrRefusedCleanly(@ForAll("lengths") int length) {
        readOutcome(java.util.Arrays.copyOf(VALID, length));
    }

    @Property(tries = 500)
    void randomBytesAreRefusedCleanly(@ForAll @Size(max = 64) byte[] bytes) {
        readOutcome(bytes);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Byte>>> edits() {
        Arbitrary<Integer> anywhere = Arbitraries.integers().between(0, VALID.length - 1);
        Arbitrary<Integer> position = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, HEADER_END - 1)), Tuple.of(1, anywhere));
        return Combinators.combine(position, Arbitraries.bytes()).as(Tuple::of).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Character>>> headerEdits() {
        Arbitrary<Integer> position = Arbitraries.integers().between(8, HEADER_END - 1);
        Arbitrary<Character> jsonChar =
                Arbitraries.of('{', '}', '[', ']', ',', ':', '"', '\\', '-', '0', '1', '9', 'e', '.', ' ', 'n', 'u');
        return Combinators.combine(position, jsonChar).as(Tuple::of).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.integers().between(0, VALID.length + 16);
    }
}
