package org.jgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DatasetsTest {
    /** A dataset whose item i is i, so a subset's items are its indices into it. */
    static Dataset<Integer> range(int n) {
        return new Dataset<>() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Integer get(int index) {
                Indices.check("range", index, n);
                return index;
            }
        };
    }

    static int[] items(Subset<Integer> s) {
        return IntStream.range(0, s.size()).map(s::get).toArray();
    }

    @Provide
    Arbitrary<int[]> lengths() {
        return Arbitraries.integers().between(0, 15).array(int[].class).ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 100)
    void splitsAreDisjointCoveringAndDeterministic(@ForAll("lengths") int[] lengths, @ForAll long seed) {
        int n = Arrays.stream(lengths).sum();
        List<Subset<Integer>> parts = Datasets.randomSplit(range(n), seed, lengths);
        assertEquals(lengths.length, parts.size());
        int[] all = parts.stream().flatMapToInt(p -> Arrays.stream(items(p))).sorted().toArray();
        assertArrayEquals(IntStream.range(0, n).toArray(), all, "the parts must cover every item exactly once");
        List<Subset<Integer>> again = Datasets.randomSplit(range(n), seed, lengths);
        for (int k = 0; k < parts.size(); k++) {
            assertEquals(lengths[k], parts.get(k).size());
            assertArrayEquals(items(parts.get(k)), items(again.get(k)), "part " + k + " with the same seed");
        }
    }

    @Test
    void differentSeedsGiveDifferentSplits() {
        int[] a = items(Datasets.randomSplit(range(40), 1, 20, 20).get(0));
        int[] b = items(Datasets.randomSplit(range(40), 2, 20, 20).get(0));
        // Two random sequences of 20 of 40 items agree with probability 20! / 40!, i.e. never by chance.
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void fractionsFollowPyTorchsRemainderRule() {
        // Expected lengths printed by torch.utils.data.random_split in PyTorch 1.13.
        assertArrayEquals(new int[] {4, 3, 3}, Datasets.lengthsOf(new double[] {0.33, 0.33, 0.34}, 10));
        assertArrayEquals(new int[] {4, 3}, Datasets.lengthsOf(new double[] {0.5, 0.5}, 7));
        assertArrayEquals(new int[] {3, 3, 3, 2}, Datasets.lengthsOf(new double[] {0.25, 0.25, 0.25, 0.25}, 11));
        assertArrayEquals(new int[] {1, 4}, Datasets.lengthsOf(new double[] {0.1, 0.9}, 5));
        assertArrayEquals(new int[] {1, 1, 1, 0, 0}, Datasets.lengthsOf(new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, 3));
        assertArrayEquals(new int[] {1, 0, 9}, Datasets.lengthsOf(new double[] {0.01, 0.06, 0.93}, 10));
        assertArrayEquals(new int[] {0, 0}, Datasets.lengthsOf(new double[] {0.5, 0.5}, 0));
        List<Subset<Integer>> parts = Datasets.randomSplit(range(10), 5, 0.33, 0.33, 0.34);
        assertEquals(List.of(4, 3, 3), parts.stream().map(Subset::size).toList());
    }

    @Test
    void aFractionSumJustAboveOneIsAccepted() {
        // 0.33 + 0.56 + 0.11 is 1.0000000000000002 in doubles; PyTorch rejects it, we take it as 1.
        int[] lengths = Datasets.lengthsOf(new double[] {0.33, 0.56, 0.11}, 10);
        assertEquals(10, Arrays.stream(lengths).sum());
        assertArrayEquals(new int[] {4, 5, 1}, lengths);
    }

    @Test
    void badLengthsAndFractionsAreNamed() {
        var sum = assertThrows(IllegalArgumentException.class, () -> Datasets.randomSplit(range(10), 0, 3, 4));
        assertTrue(sum.getMessage().contains("sum to 7 but the dataset has 10 items"), sum.getMessage());
        var neg = assertThrows(IllegalArgumentException.class, () -> Datasets.randomSplit(range(1), 0, 2, -1));
        assertTrue(neg.getMessage().contains("length -1 at position 1 is negative"), neg.getMessage());
        var frac = assertThrows(IllegalArgumentException.class, () -> Datasets.randomSplit(range(10), 0, 0.5, 0.4));
        assertTrue(frac.getMessage().contains("sum to 0.9"), frac.getMessage());
        var out = assertThrows(IllegalArgumentException.class, () -> Datasets.randomSplit(range(10), 0, 1.5, -0.5));
        assertTrue(out.getMessage().contains("fraction 1.5 at position 0 is not in [0, 1]"), out.getMessage());
    }

    @Test
    void subsetChecksItsIndices() {
        var e = assertThrows(IndexOutOfBoundsException.class, () -> new Subset<>(range(3), new int[] {0, 3}));
        assertTrue(e.getMessage().contains("indices[1] = 3 is out of range for a dataset of size 3"), e.getMessage());
        Subset<Integer> s = new Subset<>(range(3), new int[] {2, 2});
        assertEquals(2, s.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(2));
    }
}
