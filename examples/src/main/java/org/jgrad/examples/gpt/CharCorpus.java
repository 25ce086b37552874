package org.jgrad.examples.gpt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A text as character ids, split 90/10 into training and validation, with the unigram and bigram baselines a
 * language model has to beat (cross-entropy on the validation text in bits per character).
 *
 * <p>The default corpus is English text every Debian system has: the licence texts of Debian's {@code base-files}
 * package, {@code /usr/share/common-licenses} (the GPL, LGPL, GFDL, Apache, Artistic, MPL, CC0 texts, about 270
 * KB; each may be copied verbatim, which is all we do). Any UTF-8 text file can be given instead.
 *
 * <pre>{@code
 * CharCorpus c = CharCorpus.load(CharCorpus.DEBIAN_LICENSES);
 * int[] ids = c.encode("the");
 * }</pre>
 */
public record CharCorpus(String text, char[] vocab, int[] train, int[] validation) {
    /** The folder of Debian's licence texts (package base-files). */
    public static final Path DEBIAN_LICENSES = Path.of("/usr/share/common-licenses");

    /** A file, or every regular file of a folder (sorted by name, followed links skipped), as one text. */
    public static CharCorpus load(Path source) throws IOException {
        StringBuilder b = new StringBuilder();
        if (Files.isDirectory(source)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(source)) {
                files = list.filter(p -> Files.isRegularFile(p) && !Files.isSymbolicLink(p)).sorted().toList();
            }
            for (Path f : files) {
                b.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
            }
        } else if (Files.isRegularFile(source)) {
            b.append(Files.readString(source, StandardCharsets.UTF_8));
        } else {
            throw new IOException("no text at " + source.toAbsolutePath() + " (give a UTF-8 file or a folder of them)");
        }
        if (b.length() < 1000) {
            throw new IOException(source + " holds " + b.length() + " characters; a language model needs at least 1000");
        }
        return of(b.toString());
    }

    /** The corpus of a text: its characters as the vocabulary, the first 90% for training. */
    public static CharCorpus of(String text) {
        TreeSet<Character> set = new TreeSet<>();
        for (char c : text.toCharArray()) {
            set.add(c);
        }
        char[] vocab = new char[set.size()];
        int i = 0;
        for (char c : set) {
            vocab[i++] = c;
        }
        int[] all = new int[text.length()];
        for (int k = 0; k < all.length; k++) {
            all[k] = java.util.Arrays.binarySearch(vocab, text.charAt(k));
        }
        int cut = all.length * 9 / 10;
        return new CharCorpus(text, vocab, java.util.Arrays.copyOfRange(all, 0, cut),
                java.util.Arrays.copyOfRange(all, cut, all.length));
    }

    public int vocabSize() {
        return vocab.length;
    }

    /** Ids of {@code s}; characters outside the vocabulary are an error naming them. */
    public int[] encode(String s) {
        int[] ids = new int[s.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = java.util.Arrays.binarySearch(vocab, s.charAt(i));
            if (ids[i] < 0) {
                throw new IllegalArgumentException("'" + s.charAt(i) + "' is not in the corpus's vocabulary");
            }
        }
        return ids;
    }

    public String decode(int[] ids) {
        StringBuilder b = new StringBuilder();
        for (int id : ids) {
            b.append(vocab[id]);
        }
        return b.toString();
    }

    /** Validation cross-entropy, bits per character, of character frequencies in the training text (add-one). */
    public double unigramBits() {
        double[] p = new double[vocabSize()];
        for (int id : train) {
            p[id]++;
        }
        double total = train.length + vocabSize();
        double bits = 0;
        for (int id : validation) {
            bits -= Math.log((p[id] + 1) / total) / Math.log(2);
        }
        return bits / validation.length;
    }

    /** The same for the next character given the previous one (add-one smoothing). */
    public double bigramBits() {
        int v = vocabSize();
        double[][] counts = new double[v][v];
        double[] rows = new double[v];
        for (int i = 1; i < train.length; i++) {
            counts[train[i - 1]][train[i]]++;
            rows[train[i - 1]]++;
        }
        double bits = 0;
        for (int i = 1; i < validation.length; i++) {
            int a = validation[i - 1];
            int b = validation[i];
            bits -= Math.log((counts[a][b] + 1) / (rows[a] + v)) / Math.log(2);
        }
        return bits / (validation.length - 1);
    }
}
