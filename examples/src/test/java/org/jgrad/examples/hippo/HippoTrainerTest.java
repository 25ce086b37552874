package org.jgrad.examples.hippo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.jgrad.core.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The book's run learns on drawn digits in both forms; the data sources behave. */
class HippoTrainerTest {
    private static MnistSource.Data small() throws Exception {
        return MnistSource.parse("drawn").load(10_000, 500, 4);
    }

    /** Chance is 10%; two epochs of the book's settings on 10,000 drawn digits reach far more. */
    @Test
    void autogradFormLearns() throws Exception {
        HippoTrainer.EpochResult r = new HippoTrainer(small(), 2, 10, 3.0, HippoTrainer.Form.AUTOGRAD, 1).run(e -> { });
        assertEquals(500, r.total());
        System.out.println("[hippo] autograd form, 2 epochs on 10,000 drawn digits: " + r.percent() + "%");
        assertTrue(r.percent() > 50, "test accuracy after 2 epochs: " + r.percent() + "%");
    }

    @Test
    void textbookFormLearns() throws Exception {
        HippoTrainer.EpochResult r = new HippoTrainer(small(), 1, 10, 3.0, HippoTrainer.Form.TEXTBOOK, 1).run(e -> { });
        System.out.println("[hippo] textbook form, 1 epoch on 10,000 drawn digits: " + r.percent() + "%");
        assertTrue(r.percent() > 40, "test accuracy after 1 epoch: " + r.percent() + "%");
    }

    @Test
    void drawnDigitsAreReproducibleAndLabelled() {
        DrawnDigits.Split a = DrawnDigits.generate(50, new Generator(3));
        DrawnDigits.Split b = DrawnDigits.generate(50, new Generator(3));
        assertArrayEquals(new int[] {50, 28, 28}, a.images().shape().toArray());
        assertArrayEquals((float[]) a.images().toArray(), (float[]) b.images().toArray());
        for (long label : (long[]) a.labels().toArray()) {
            assertTrue(label >= 0 && label <= 9);
        }
    }

    @Test
    void aMissingFolderIsNamed(@TempDir Path dir) {
        Exception e = assertThrows(java.io.IOException.class,
                () -> MnistSource.parse(dir.toString()).load(10, 10, 1));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }
}
