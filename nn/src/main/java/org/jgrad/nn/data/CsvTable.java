package org.jgrad.nn.data;

import java.util.List;
import java.util.Objects;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;

/**
 * A numeric table read by {@link CsvReader}: column names and the values as a {@code [rows, cols]} array.
 *
 * <pre>{@code
 * CsvTable t = new CsvReader().header(CsvReader.Header.PRESENT).read(Path.of("housing.csv"));
 * NDArray x = t.columns("rooms", "age", "income");   // [rows, 3]
 * NDArray y = t.column("price");                     // [rows]
 * }</pre>
 *
 * @param columnNames one name per column (from the header, else {@code "0", "1", ...} as pandas numbers them)
 * @param values      the cells, {@code [rows, columnNames.size()]}
 */
public record CsvTable(List<String> columnNames, NDArray values) {
    public CsvTable {
        columnNames = List.copyOf(columnNames);
        Objects.requireNonNull(values, "CsvTable: values must not be null");
        if (values.rank() != 2 || values.size(1) != columnNames.size()) {
            throw new IllegalArgumentException("CsvTable: values of shape " + values.shape() + " do not match "
                    + columnNames.size() + " column names (expected [rows, " + columnNames.size() + "])");
        }
        if (columnNames.stream().distinct().count() != columnNames.size()) {
            throw new IllegalArgumentException("CsvTable: column names " + columnNames + " are not unique");
        }
    }

    public int numRows() {
        return values.size(0);
    }

    public int numColumns() {
        return values.size(1);
    }

    /** The position of column {@code name}. */
    public int columnIndex(String name) {
        int i = columnNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("CsvTable: no column named '" + name + "'; the columns are "
                    + columnNames);
        }
        return i;
    }

    /** Column {@code name} as a {@code [rows]} array. */
    public NDArray column(String name) {
        return values.select(1, columnIndex(name)).contiguous();
    }

    /** The named columns, in the order given, as a {@code [rows, names.length]} array. */
    public NDArray columns(String... names) {
        long[] idx = new long[names.length];
        for (int k = 0; k < names.length; k++) {
            idx[k] = columnIndex(names[k]);
        }
        return values.indexSelect(1, NDArray.on(values.backend()).of(idx, DType.I64, idx.length));
    }
}
