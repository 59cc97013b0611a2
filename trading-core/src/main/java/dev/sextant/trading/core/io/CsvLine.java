package dev.sextant.trading.core.io;

/**
 * Splits one CSV line on commas without regular expressions or per-field allocation beyond the
 * field strings themselves. Fields may be wrapped in double quotes (no embedded commas or
 * quotes: market-data files never need them). Package-private.
 */
final class CsvLine {
    private CsvLine() {
    }

    /** Splits {@code line} into {@code out}; returns the number of fields found (may exceed out.length). */
    static int split(String line, String[] out) {
        int n = 0;
        int start = 0;
        int len = line.length();
        for (int i = 0; i <= len; i++) {
            if (i == len || line.charAt(i) == ',') {
                if (n < out.length) {
                    out[n] = unquote(line, start, i);
                }
                n++;
                start = i + 1;
            }
        }
        return n;
    }

    private static String unquote(String line, int from, int to) {
        while (from < to && line.charAt(from) == ' ') from++;
        while (to > from && line.charAt(to - 1) == ' ') to--;
        if (to - from >= 2 && line.charAt(from) == '"' && line.charAt(to - 1) == '"') {
            from++;
            to--;
        }
        return line.substring(from, to);
    }

    /** The header fields, lower-cased and trimmed. */
    static String[] header(String line) {
        String first = line.startsWith("\uFEFF") ? line.substring(1) : line;
        String[] probe = new String[256];
        int n = split(first, probe);
        String[] out = new String[Math.min(n, probe.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = probe[i].strip().toLowerCase(java.util.Locale.ROOT);
        }
        return out;
    }
}
