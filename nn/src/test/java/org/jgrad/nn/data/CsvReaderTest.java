package org.jgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    static CsvTable read(CsvReader reader, String text) throws IOException {
        return reader.read(new StringReader(text), "t.csv");
    }

    static String error(CsvReader reader, String text) {
        return assertThrows(IOException.class, () -> read(reader, text)).getMessage();
    }

    static void assertContains(String expected, String message) {
        assertTrue(message.contains(expected), "expected the message to contain '" + expected + "' but was: " + message);
    }

    @Test
    void headerIsReadWhenSaidPresent() throws IOException {
        CsvTable t = read(new CsvReader().header(CsvReader.Header.PRESENT), "a,b,target\n1,2.5,-3\n4e1, .5 ,\"6\"\n\n\n");
        assertEquals(List.of("a", "b", "target"), t.columnNames());
        assertEquals(DType.F32, t.values().dtype());
        assertArrayEquals(new int[] {2, 3}, t.values().shape().toArray());
        assertArrayEquals(new float[] {1, 2.5f, -3, 40, 0.5f, 6}, t.values().toFloatArray());
        assertArrayEquals(new float[] {-3, 6}, t.column("target").toFloatArray());
        NDArray x = t.columns("b", "a");
        assertArrayEquals(new int[] {2, 2}, x.shape().toArray());
        assertArrayEquals(new float[] {2.5f, 1, 0.5f, 40}, x.toFloatArray());
    }

    /** The reader never guesses: a header it was not told about is an error naming the option. */
    @Test
    void anUnannouncedHeaderIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> read(new CsvReader(), "price,rooms\n1,2\n"));
        assertTrue(e.getMessage().contains("line 1 is not numeric ([price, rooms])"), e.getMessage());
        assertTrue(e.getMessage().contains("header(CsvReader.Header.PRESENT)"), e.getMessage());
    }

    @Test
    void withoutHeaderColumnsAreNumbered() throws IOException {
        CsvTable t = read(new CsvReader().dtype(DType.F64), "1,2\r\n3,4\r\n");
        assertEquals(List.of("0", "1"), t.columnNames());
        assertEquals(DType.F64, t.values().dtype());
        assertArrayEquals(new double[] {1, 2, 3, 4}, t.values().toDoubleArray());
        // Told there is a header, the all-numeric first line becomes the names.
        CsvTable h = read(new CsvReader().header(CsvReader.Header.PRESENT), "1,2\n3,4\n");
        assertEquals(List.of("1", "2"), h.columnNames());
        assertEquals(1, h.numRows());
    }

    @Test
    void separatorQuotesAndSpecialValues() throws IOException {
        CsvTable t = read(new CsvReader().separator(';').dtype(DType.F64).header(CsvReader.Header.PRESENT),
                "\uFEFF\"x;1\" ; \"y \"\"2\"\"\"\n nan;-Infinity\n+inf;1e-3\n");
        assertEquals(List.of("x;1", "y \"2\""), t.columnNames());
        double[] v = t.values().toDoubleArray();
        assertTrue(Double.isNaN(v[0]));
        assertEquals(Double.NEGATIVE_INFINITY, v[1]);
        assertEquals(Double.POSITIVE_INFINITY, v[2]);
        assertEquals(1e-3, v[3]);
        CsvTable tabs = read(new CsvReader().separator('\t').header(CsvReader.Header.ABSENT), "1\t2\n");
        assertArrayEquals(new float[] {1, 2}, tabs.values().toFloatArray());
    }

    @Test
    void errorsNameLineAndColumn() {
        CsvReader r = new CsvReader().header(CsvReader.Header.PRESENT);
        assertContains("t.csv: line 3, column 2 ('b'): 'x' is not a number", error(r, "a,b\n1,2\n3,x\n"));
        assertContains("line 4 has 3 fields but line 1 (the header) has 2", error(r, "a,b\n1,2\n\n3,4,5\n"));
        assertContains("line 2 has 1 fields but line 1 has 2", error(new CsvReader(), "1,2\n3\n"));
        assertContains("line 2, column 2 ('b'): empty cell", error(r, "a,b\n1,\n"));
        assertContains("line 2, column 1: the quote opened at character 1 is not closed", error(r, "a,b\n\"1,2\n"));
        assertContains("line 2, column 1: unexpected 'x' after the closing quote", error(r, "a,b\n\"1\"x,2\n"));
        assertContains("column 2 repeats the name 'a' of column 1", error(r, "a,a\n1,2\n"));
        // Java's parser would take these; a numeric table should not.
        assertContains("'1.5f' is not a number", error(r, "a\n1.5f\n"));
        assertContains("'0x10' is not a number", error(r, "a\n0x10\n"));
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CsvReader().separator('"'));
        assertThrows(IllegalArgumentException.class, () -> new CsvReader().separator('.'));
        assertThrows(IllegalArgumentException.class, () -> new CsvReader().dtype(DType.I32));
        CsvTable t = new CsvTable(List.of("a"), NDArray.zeros(DType.F32, 1, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> t.columns("a", "nope"));
        assertTrue(e.getMessage().contains("no column named 'nope'; the columns are [a]"), e.getMessage());
    }

    @Test
    void emptyInputGivesAnEmptyTable() throws IOException {
        assertArrayEquals(new int[] {0, 0}, read(new CsvReader(), "\n  \n").values().shape().toArray());
        CsvTable headerOnly = read(new CsvReader().header(CsvReader.Header.PRESENT), "a,b\n");
        assertEquals(List.of("a", "b"), headerOnly.columnNames());
        assertArrayEquals(new int[] {0, 2}, headerOnly.values().shape().toArray());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("data.csv");
        Files.writeString(path, "x,y\n1,2\n");
        CsvReader withHeader = new CsvReader().header(CsvReader.Header.PRESENT);
        CsvTable t = withHeader.read(path);
        assertArrayEquals(new float[] {1, 2}, t.values().toFloatArray());
        String m = assertThrows(IOException.class, () -> {
            Files.writeString(path, "x,y\n1,?\n");
            withHeader.read(path);
        }).getMessage();
        assertTrue(m.contains(path + ": line 2, column 2 ('y')"), m);
    }
}
