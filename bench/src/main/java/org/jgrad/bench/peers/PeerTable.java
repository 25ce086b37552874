package org.jgrad.bench.peers;

import java.util.List;
import java.util.Locale;

/**
 * The comparison as one markdown table: per row and thread count the medians of both sides, their ratio
 * (jgrad's speed over torch's, so above 1 means jgrad is faster), the jgrad warm-up figure, bytes it
 * allocates per step and its share of time in GC.
 *
 * <p>For a latency row the ratio is still a speed ratio: torch's latency over jgrad's; the latency ratio
 * itself (jgrad's over torch's, the "7x slower") is given next to it.
 *
 * <pre>{@code
 * String md = PeerTable.markdown(List.of(new PeerTable.Entry(PeerRow.MATMUL_256, 1, torch, jgrad)));
 * }</pre>
 */
public final class PeerTable {
    /** One line of the table. */
    public record Entry(PeerRow row, int threads, Outcome torch, Outcome jgrad) {
    }

    private PeerTable() {
    }

    /** The header line, separator and one line per entry. */
    public static String markdown(List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        sb.append("| workload | threads | torch median | jgrad median | ratio jgrad/torch speed (>1: jgrad faster)"
                + " | jgrad warm-up to 90% | jgrad alloc/step | jgrad GC |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (Entry e : entries) {
            sb.append("| ").append(e.row().title()).append(" `").append(e.row().id()).append("`")
                    .append(" | ").append(e.threads())
                    .append(" | ").append(cell(e.torch()))
                    .append(" | ").append(cell(e.jgrad()))
                    .append(" | ").append(ratioCell(e))
                    .append(" | ").append(e.jgrad().ok() ? seconds(e.jgrad().result().warmupSeconds()) : "")
                    .append(" | ").append(e.jgrad().ok() ? bytes(e.jgrad().result().bytesPerStep()) : "")
                    .append(" | ").append(e.jgrad().ok() ? percent(e.jgrad().result().gcShare()) : "")
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** jgrad's speed over torch's (above 1: jgrad faster); for latencies, torch's latency over jgrad's. */
    public static double speedRatio(PeerResult torch, PeerResult jgrad) {
        if (torch.latency() != jgrad.latency() || !torch.unit().equals(jgrad.unit())) {
            throw new IllegalArgumentException("speedRatio: the sides measured different things for " + jgrad.workload()
                    + ": torch " + torch.unit() + ", jgrad " + jgrad.unit());
        }
        return jgrad.speed() / torch.speed();
    }

    static String ratioCell(Entry e) {
        if (!e.torch().ok() || !e.jgrad().ok()) {
            return "n/a";
        }
        PeerResult t = e.torch().result();
        PeerResult j = e.jgrad().result();
        double r = speedRatio(t, j);
        String s = "**" + number(r) + "**";
        if (j.latency()) {
            s += " (latency jgrad/torch " + number(j.median() / t.median()) + ")";
        }
        return s;
    }

    static String cell(Outcome o) {
        if (!o.ok()) {
            return "failed: " + o.failure().replace('|', '/').replace('\n', ' ');
        }
        PeerResult r = o.result();
        return number(r.median()) + " " + r.unit() + (r.latency() ? " p50" : "");
    }

    /** Three significant digits or so, without an exponent for the ranges we print. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }

    static String seconds(Double s) {
        return s == null ? "not reached" : String.format(Locale.ROOT, "%.2f s", s);
    }

    static String bytes(Double b) {
        if (b == null) {
            return "n/a";
        }
        double v = b;
        String[] units = {"B", "KB", "MB", "GB"};
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return number(v) + " " + units[u];
    }

    static String percent(Double share) {
        return share == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
