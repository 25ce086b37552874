package org.jgrad.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;

/**
 * Reads numeric CSV tables into a {@link CsvTable}. The subset handled is small on purpose: every cell is a
 * number (optionally in double quotes, with surrounding spaces ignored), every row has the same number of
 * fields, one row per line. Blank lines are skipped (as pandas does). {@code nan}, {@code inf} and
 * {@code infinity} are accepted in any case with an optional sign, as Python's {@code float()} does; empty
 * cells are errors, not missing values. Errors name the line and column (both counted from 1).
 *
 * <p>The reader is an immutable value: each option returns a new reader. Defaults: separator {@code ','},
 * no header ({@link Header#ABSENT}), dtype F32. The reader never guesses whether the first line is a header:
 * say {@link Header#PRESENT} when it is; without that, a first line that is not numeric is an error that says so
 * (pandas guesses, and a header of numbers silently becomes a row of data, or a first row of data the names).
 *
 * <pre>{@code
 * CsvTable t = new CsvReader().separator(';').header(CsvReader.Header.PRESENT).dtype(DType.F64).read(path);
 * }</pre>
 */
public final class CsvReader {
    /** Whether the first non-blank line holds column names. */
    public enum Header {
        /** Always a header. */
        PRESENT,
        /** Never: every line is data and the columns are named {@code "0", "1", ...}. */
        ABSENT
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final char separator;
    private final Header header;
    private final DType dtype;

    /** A reader with the defaults: {@code ','}, {@link Header#ABSENT}, F32. */
    public CsvReader() {
        this(',', Header.ABSENT, DType.F32);
    }

    private CsvReader(char separator, Header header, DType dtype) {
        this.separator = separator;
        this.header = header;
        this.dtype = dtype;
    }

    /** The field separator, e.g. {@code ';'} or {@code '\t'} (not a quote, digit-like character or line break). */
    public CsvReader separator(char separator) {
        if (separator == '"' || separator == '\n' || separator == '\r' || separator == '.' || separator == '-'
                || separator == '+' || Character.isLetterOrDigit(separator)) {
            throw new IllegalArgumentException("CsvReader.separator: '" + separator + "' cannot separate numeric"
                    + " fields (it can appear inside a number, a quoted field or a line break)");
        }
        return new CsvReader(separator, header, dtype);
    }

    /** Whether the first non-blank line is a header. */
    public CsvReader header(Header header) {
        return new CsvReader(separator, Objects.requireNonNull(header, "CsvReader.header: must not be null"), dtype);
    }

    /** The dtype of the values, F32 or F64. */
    public CsvReader dtype(DType dtype) {
        if (dtype == null || !dtype.isFloating()) {
            throw new IllegalArgumentException("CsvReader.dtype: expected F32 or F64, got " + dtype);
        }
        return new CsvReader(separator, header, dtype);
    }

    /** Reads a UTF-8 file. */
    public CsvTable read(Path path) throws IOException {
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(in, path.toString());
        }
    }

    /**
     * Reads from {@code reader} (not closed); {@code name} is used in error messages.
     *
     * @throws IOException on a read failure, or when the text is not a numeric table: a cell that is not a
     *                     number, a row with a different field count, an unterminated quote, repeated names
     */
    public CsvTable read(Reader reader, String name) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> names = null;
        int width = -1;
        int widthLine = 0;
        double[] cells = new double[1024];
        int count = 0;
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a UTF-8 byte order mark, as spreadsheets write
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = split(line, name, lineNo);
            if (width < 0) {
                width = fields.size();
                widthLine = lineNo;
                if (header == Header.PRESENT) {
                    names = checkedNames(fields, name, lineNo);
                    continue;
                }
                if (!allNumeric(fields)) {
                    throw new IOException("CsvReader: " + name + ": line " + lineNo + " is not numeric (" + fields
                            + "); if it is a header, read with header(CsvReader.Header.PRESENT)");
                }
            } else if (fields.size() != width) {
                throw new IOException("CsvReader: " + name + ": line " + lineNo + " has " + fields.size()
                        + " fields but line " + widthLine + (names != null ? " (the header)" : "") + " has " + width);
            }
            if (count + width > cells.length) {
                cells = Arrays.copyOf(cells, Math.max(count + width, 2 * cells.length));
            }
            for (int c = 0; c < width; c++) {
                cells[count++] = parse(fields.get(c), name, lineNo, c, names);
            }
        }
        if (width < 0) {
            width = 0;
        }
        if (names == null) {
            names = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                names.add(Integer.toString(c));
            }
        }
        int rows = width == 0 ? 0 : count / width;
        NDArray values = NDArray.on().of(Arrays.copyOf(cells, count), DType.F64, rows, width).to(dtype);
        return new CsvTable(names, values);
    }

    /** The fields of one line; a quoted field may hold the separator and {@code ""} for a quote. */
    private List<String> split(String line, String name, int lineNo) throws IOException {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && line.charAt(i) == ' ' && separator != ' ') {
                i++;
            }
            StringBuilder field = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                int open = i++;
                while (true) {
                    if (i >= n) {
                        throw new IOException("CsvReader: " + name + ": line " + lineNo + ", column "
                                + (fields.size() + 1) + ": the quote opened at character " + (open + 1)
                                + " is not closed on this line (fields spanning lines are not supported)");
                    }
                    char ch = line.charAt(i++);
                    if (ch == '"' && i < n && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (ch == '"') {
                        break;
                    } else {
                        field.append(ch);
                    }
                }
                while (i < n && line.charAt(i) != separator && Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (i < n && line.charAt(i) != separator) {
                    throw new IOException("CsvReader: " + name + ": line " + lineNo + ", column " + (fields.size() + 1)
                            + ": unexpected '" + line.charAt(i) + "' after the closing quote (expected '"
                            + separator + "' or the end of the line)");
                }
                fields.add(field.toString());
            } else {
                int end = line.indexOf(separator, i);
                fields.add(line.substring(i, end < 0 ? n : end).strip());
                i = end < 0 ? n : end;
            }
            if (i >= n) {
                return fields;
            }
            i++; // the separator
        }
    }

    private static List<String> checkedNames(List<String> fields, String name, int lineNo) throws IOException {
        for (int c = 0; c < fields.size(); c++) {
            int first = fields.indexOf(fields.get(c));
            if (first != c) {
                throw new IOException("CsvReader: " + name + ": line " + lineNo + " (the header): column " + (c + 1)
                        + " repeats the name '" + fields.get(c) + "' of column " + (first + 1));
            }
        }
        return fields;
    }

    private static boolean allNumeric(List<String> fields) {
        for (String f : fields) {
            if (!isNumber(f)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String s) {
        if (DECIMAL.matcher(s).matches()) {
            return true;
        }
        String word = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        return word.equalsIgnoreCase("nan") || word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity");
    }

    private static double parse(String cell, String name, int lineNo, int col, List<String> names)
            throws IOException {
        if (!isNumber(cell)) {
            String column = names == null ? "" : " ('" + names.get(col) + "')";
            throw new IOException("CsvReader: " + name + ": line " + lineNo + ", column " + (col + 1) + column + ": "
                    + (cell.isEmpty() ? "empty cell (missing values are not supported)"
                            : "'" + cell + "' is not a number"));
        }
        String word = cell.startsWith("+") || cell.startsWith("-") ? cell.substring(1) : cell;
        if (word.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
            return cell.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(cell);
    }
}
