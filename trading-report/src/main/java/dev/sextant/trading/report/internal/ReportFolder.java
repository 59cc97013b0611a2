package dev.sextant.trading.report.internal;

import dev.sextant.trading.core.ErrorText;
import dev.sextant.trading.core.io.BoundedLineReader;
import dev.sextant.trading.core.io.ReadLimits;
import dev.sextant.trading.report.ReportFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files of a report folder, each read strictly when present: a wrong header, a value that is
 * not a number or time, or malformed JSON is a {@link ReportFormatException} naming the file,
 * line and field. Files that are absent are empty optionals.
 */
public final class ReportFolder {
    /** Files the tear sheet reads. */
    public static final List<String> FILES = List.of("run.json", "metrics.json", "backtest.json", "folds.json", "state.json",
            "equity.csv", "exposure.csv", "trades.csv", "predictions.csv", "feature_importance.csv",
            "tree_gain.csv");

    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final int MAX_JSON_BYTES = 16 << 20;

    /** A time series read from a CSV. */
    public record Series(long[] times, double[] values) {
        /** Number of points. */
        public int size() {
            return times.length;
        }
    }

    /** One fill of trades.csv. */
    public record TradeRow(long time, String orderId, String side, double quantity, double price, double notional,
            double fee) {
    }

    /** predictions.csv: calibrated and raw probabilities (3 a row), labels (-1 when not known). */
    public record Predictions(long[] times, int[] folds, double[] calibrated, double[] raw, int[] labels) {
        /** Number of rows. */
        public int size() {
            return times.length;
        }
    }

    /** feature_importance.csv. */
    public record Importance(List<String> features, double[] permutation) {
    }

    /** tree_gain.csv: per feature, total split gain, its share, total cover and split count. */
    public record TreeGains(List<String> features, double[] gain, double[] share, double[] cover, long[] splits) {
    }

    private final Path dir;
    private final Optional<JsonNode> run;
    private final Optional<JsonNode> metrics;
    private final Optional<JsonNode> backtest;
    private final Optional<JsonNode> folds;
    private final Optional<JsonNode> state;
    private final Optional<Series> equity;
    private final Optional<Series> exposure;
    private final Optional<List<TradeRow>> trades;
    private final Optional<Predictions> predictions;
    private final Optional<Importance> importance;
    private final Optional<TreeGains> treeGains;

    private ReportFolder(Path dir) {
        this.dir = dir;
        run = json("run.json");
        metrics = json("metrics.json");
        backtest = json("backtest.json");
        folds = json("folds.json");
        state = json("state.json");
        equity = csv("equity.csv", List.of("timestamp", "equity"), (c, s) -> series(c, "equity"));
        exposure = csv("exposure.csv", List.of("timestamp", "cash", "position_value", "exposure"), (c, s) -> series(c, "exposure"));
        trades = csv("trades.csv", List.of("timestamp", "order_id", "side", "quantity", "price", "notional", "fee"),
                (c, s) -> trades(c));
        predictions = csv("predictions.csv", List.of("timestamp", "fold", "p_sell", "p_hold", "p_buy", "raw_sell", "raw_hold",
                "raw_buy", "label", "forward_return"), (c, s) -> predictions(c));
        importance = csv("feature_importance.csv", List.of("feature", "permutation_log_loss_increase"), (c, s) -> importance(c));
        treeGains = csv("tree_gain.csv", List.of("feature", "gain", "gain_share", "cover", "splits"), (c, s) -> treeGains(c));
        if (folds.isPresent() && !folds.get().isArray()) {
            throw new ReportFormatException("folds.json", 0, null, null, "must be a JSON array of folds");
        }
        for (var f : List.of(run, metrics, backtest, state)) {
            f.ifPresent(n -> {
                if (!n.isObject()) {
                    throw new ReportFormatException(nameOf(n), 0, null, null, "must be a JSON object");
                }
            });
        }
    }

    private String nameOf(JsonNode n) {
        return n == run.orElse(null) ? "run.json" : n == metrics.orElse(null) ? "metrics.json"
                : n == backtest.orElse(null) ? "backtest.json" : "state.json";
    }

    /**
     * Reads the folder.
     *
     * @throws IllegalArgumentException if it is not a folder or holds none of {@link #FILES}
     * @throws ReportFormatException    for a malformed file
     */
    public static ReportFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("report folder " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist"));
        }
        if (FILES.stream().noneMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
            throw new IllegalArgumentException("report folder " + dir + " holds none of the report files ("
                    + String.join(", ", FILES) + "): run sextant backtest, walkforward, demo or paper with --report " + dir);
        }
        return new ReportFolder(dir);
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** run.json. */
    public Optional<JsonNode> run() {
        return run;
    }

    /** metrics.json (walk-forward and demo). */
    public Optional<JsonNode> metrics() {
        return metrics;
    }

    /** backtest.json (backtest). */
    public Optional<JsonNode> backtest() {
        return backtest;
    }

    /** folds.json, an array. */
    public Optional<JsonNode> folds() {
        return folds;
    }

    /** state.json (paper). */
    public Optional<JsonNode> state() {
        return state;
    }

    /** equity.csv. */
    public Optional<Series> equity() {
        return equity;
    }

    /** exposure.csv's exposure column. */
    public Optional<Series> exposure() {
        return exposure;
    }

    /** trades.csv. */
    public Optional<List<TradeRow>> trades() {
        return trades;
    }

    /** predictions.csv. */
    public Optional<Predictions> predictions() {
        return predictions;
    }

    /** feature_importance.csv. */
    public Optional<Importance> importance() {
        return importance;
    }

    /** tree_gain.csv. */
    public Optional<TreeGains> treeGains() {
        return treeGains;
    }

    /**
     * A number field of a JSON object: NaN when absent or null.
     *
     * @throws ReportFormatException if present and not a number
     */
    public static double number(JsonNode object, String field, String file) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new ReportFormatException(file, 0, field, v.toString(), "must be a number or null");
        }
        return v.asDouble();
    }

    /**
     * A string field of a JSON object, empty when absent or null.
     *
     * @throws ReportFormatException if present and not a string
     */
    public static Optional<String> string(JsonNode object, String field, String file) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw new ReportFormatException(file, 0, field, v.toString(), "must be a string");
        }
        return Optional.of(v.asString());
    }

    private Optional<JsonNode> json(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_JSON_BYTES) {
                throw new ReportFormatException(name, 0, null, null, "is larger than " + (MAX_JSON_BYTES >> 20) + " MB");
            }
            JsonNode n = JSON.readTree(Files.readString(file));
            if (n == null || n.isMissingNode()) {
                throw new ReportFormatException(name, 1, null, null, "is empty, not JSON");
            }
            return Optional.of(n);
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ReportFormatException(name, line, null, null, "is not valid JSON: " + ErrorText.line(e.getOriginalMessage()));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ReportFormatException(name, 0, null, null, "is not valid UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads one CSV row after another; a row hands out typed fields that name themselves in errors. */
    @FunctionalInterface
    private interface CsvBody<T> {
        T read(Cursor c, String file);
    }

    private <T> Optional<T> csv(String name, List<String> header, CsvBody<T> body) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (BoundedLineReader r = BoundedLineReader.open(file, ReadLimits.DEFAULT)) {
            String first = r.next();
            if (first == null) {
                throw new ReportFormatException(name, 1, null, null, "is empty; the header must be " + String.join(",", header));
            }
            List<String> got = Arrays.asList(first.split(",", -1));
            if (got.size() < header.size() || !got.subList(0, header.size()).equals(header)) {
                throw new ReportFormatException(name, 1, null, first, "is not the header " + String.join(",", header));
            }
            return Optional.of(body.read(new Cursor(r, name, header), name));
        }
    }

    /** The data rows of a CSV, each split and typed on demand. */
    private static final class Cursor {
        private final BoundedLineReader reader;
        private final String file;
        private final List<String> header;
        private String[] fields;

        Cursor(BoundedLineReader reader, String file, List<String> header) {
            this.reader = reader;
            this.file = file;
            this.header = header;
        }

        boolean next() {
            String line;
            do {
                line = reader.next();
                if (line == null) {
                    return false;
                }
            } while (line.isEmpty());
            fields = line.split(",", -1);
            if (fields.length < header.size()) {
                throw new ReportFormatException(file, reader.lineNumber(), null, line, "has " + fields.length
                        + " fields but the header has " + header.size());
            }
            return true;
        }

        String string(int col) {
            return fields[col];
        }

        private ReportFormatException error(int col, String reason) {
            return new ReportFormatException(file, reader.lineNumber(), header.get(col), fields[col], reason);
        }

        double number(int col) {
            try {
                double v = Double.parseDouble(fields[col]);
                if (!Double.isFinite(v)) {
                    throw error(col, "is not a finite number");
                }
                return v;
            } catch (NumberFormatException e) {
                throw error(col, "is not a number");
            }
        }

        double numberOrNaN(int col) {
            return fields[col].isEmpty() ? Double.NaN : number(col);
        }

        double positive(int col) {
            double v = number(col);
            if (!(v > 0)) {
                throw error(col, "must be positive");
            }
            return v;
        }

        double probability(int col) {
            double v = number(col);
            if (v < 0 || v > 1) {
                throw error(col, "is not a probability in [0, 1]");
            }
            return v;
        }

        int integer(int col, int min, int max) {
            try {
                int v = Integer.parseInt(fields[col]);
                if (v < min || v > max) {
                    throw error(col, "must be in " + min + ".." + max);
                }
                return v;
            } catch (NumberFormatException e) {
                throw error(col, "is not a whole number");
            }
        }

        long time(int col, long previous) {
            long t;
            try {
                t = Instant.parse(fields[col]).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw error(col, "is not an ISO-8601 UTC time such as 2013-01-02T00:00:00Z");
            }
            if (t < previous) {
                throw error(col, "is earlier than the row before it");
            }
            return t;
        }
    }

    private static Series series(Cursor c, String column) {
        long[] times = new long[1024];
        double[] values = new double[1024];
        int n = 0;
        long last = Long.MIN_VALUE;
        int col = c.header.indexOf(column);
        while (c.next()) {
            if (n == times.length) {
                times = Arrays.copyOf(times, 2 * n);
                values = Arrays.copyOf(values, 2 * n);
            }
            last = c.time(0, last);
            times[n] = last;
            values[n] = column.equals("equity") ? c.positive(col) : c.number(col);
            n++;
        }
        return new Series(Arrays.copyOf(times, n), Arrays.copyOf(values, n));
    }

    private static List<TradeRow> trades(Cursor c) {
        List<TradeRow> out = new ArrayList<>();
        long last = Long.MIN_VALUE;
        while (c.next()) {
            last = c.time(0, last);
            String side = c.string(2);
            if (!side.equals("BUY") && !side.equals("SELL")) {
                throw c.error(2, "is not BUY or SELL");
            }
            double fee = c.number(6);
            if (fee < 0) {
                throw c.error(6, "must not be negative");
            }
            out.add(new TradeRow(last, c.string(1), side, c.positive(3), c.positive(4), c.positive(5), fee));
        }
        return out;
    }

    private static Predictions predictions(Cursor c) {
        List<Long> times = new ArrayList<>();
        List<Integer> folds = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        double[] cal = new double[3 * 1024];
        double[] raw = new double[3 * 1024];
        int n = 0;
        long last = Long.MIN_VALUE;
        while (c.next()) {
            last = c.time(0, last);
            times.add(last);
            folds.add(c.integer(1, 0, Integer.MAX_VALUE));
            if (3 * n + 3 > cal.length) {
                cal = Arrays.copyOf(cal, 2 * cal.length);
                raw = Arrays.copyOf(raw, 2 * raw.length);
            }
            for (int k = 0; k < 3; k++) {
                cal[3 * n + k] = c.probability(2 + k);
                raw[3 * n + k] = c.probability(5 + k);
            }
            labels.add(c.string(8).isEmpty() ? -1 : c.integer(8, 0, 2));
            c.numberOrNaN(9);
            n++;
        }
        return new Predictions(times.stream().mapToLong(Long::longValue).toArray(),
                folds.stream().mapToInt(Integer::intValue).toArray(), Arrays.copyOf(cal, 3 * n), Arrays.copyOf(raw, 3 * n),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Importance importance(Cursor c) {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        while (c.next()) {
            if (c.string(0).isBlank()) {
                throw c.error(0, "is blank");
            }
            names.add(c.string(0));
            values.add(c.number(1));
        }
        return new Importance(names, values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static TreeGains treeGains(Cursor c) {
        List<String> names = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        while (c.next()) {
            if (c.string(0).isBlank()) {
                throw c.error(0, "is blank");
            }
            names.add(c.string(0));
            double gain = c.number(1);
            if (gain < 0) {
                throw c.error(1, "must not be negative");
            }
            double share = c.probability(2);
            double cover = c.number(3);
            if (cover < 0) {
                throw c.error(3, "must not be negative");
            }
            rows.add(new double[] {gain, share, cover, c.integer(4, 0, Integer.MAX_VALUE)});
        }
        int n = rows.size();
        double[] gain = new double[n];
        double[] share = new double[n];
        double[] cover = new double[n];
        long[] splits = new long[n];
        for (int i = 0; i < n; i++) {
            gain[i] = rows.get(i)[0];
            share[i] = rows.get(i)[1];
            cover[i] = rows.get(i)[2];
            splits[i] = (long) rows.get(i)[3];
        }
        return new TreeGains(names, gain, share, cover, splits);
    }
}
