package dev.sextant.examples.cli;

import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.core.io.BoundedLineReader;
import dev.sextant.trading.core.io.MarketDataException;
import dev.sextant.trading.core.io.NumberGrammar;
import dev.sextant.trading.core.io.ReadLimits;
import dev.sextant.trading.core.io.Timestamps;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ModelOutputException;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant predict}: class probabilities for every row of a features CSV.
 *
 * <p>Every column but {@code timestamp} is a feature, in file order; an empty cell is a feature
 * not yet defined (warm-up). A vector model predicts each row whose features are all defined; a
 * window model of length L predicts row i from rows i-L+1..i (the window ending at row i) when
 * all of them are defined. Other rows get empty cells. Output:
 * {@code timestamp,p_sell,p_hold,p_buy} plus {@code confidence} when the model has one.
 *
 * <p>The model is an ONNX file ({@code .onnx}), an XGBoost model ({@code .json}, {@code .ubj}),
 * a Sextant bundle (a directory or {@code .zip} with {@code manifest.json}; its feature names
 * must match the CSV header), or any file with {@code --type} naming its adapter.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict SELL/HOLD/BUY probabilities for each row of a features CSV with an ONNX, XGBoost or "
                + "bundled model.")
public final class PredictCommand implements Callable<Integer> {

    /** Windows or rows sent to the model per batch call; bounds memory for long files. */
    static final int BATCH = 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true,
            description = "Model file (.onnx, .json/.ubj XGBoost) or bundle (directory or .zip).")
    Path model;

    @Option(names = "--input", required = true,
            description = "Features CSV: a timestamp column and one column per feature, in the model's order.")
    Path input;

    @Option(names = "--output", required = true, description = "Probabilities CSV to write.")
    Path output;

    @Option(names = "--type", description = "Model type id when the file name does not say (onnx, xgboost, ...).")
    String type;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "Adapter option, repeatable (e.g. executionProvider=auto, intraOpThreads=2, engine=xgboost4j).")
    List<String> options = new ArrayList<>();

    /**
     * Loads the model and the features, predicts and writes the output.
     *
     * @return 0
     * @throws dev.sextant.trading.models.ModelLoadException if the model or bundle cannot be loaded
     * @throws ModelOutputException if the model's output for a row is not a probability
     *                              distribution, naming the row and its timestamp
     * @throws IOException if the output cannot be written
     */
    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Features features = Features.read(input);
        ModelBundle bundle = null;
        Model m;
        if (isBundle(model)) {
            if (type != null || !options.isEmpty()) {
                throw new IllegalArgumentException("--type and --option do not apply to a bundle (" + model
                        + "): its manifest names each model's type and options");
            }
            // One load, one extraction: the engine that feeds the bundle is built from its own spec.
            bundle = ModelBundle.load(model);
            try {
                checkBundleColumns(bundle.manifest().featureSpec(), features);
            } catch (RuntimeException e) {
                bundle.close();
                throw e;
            }
            m = bundle.model();
        } else {
            m = Models.load(type != null ? type : typeOf(model), model, parseOptions(options));
        }
        try {
            ModelMetadata md = m.metadata();
            if (md.featureCount() != features.columns().size()) {
                throw new IllegalArgumentException(input + ": has " + features.columns().size()
                        + " feature columns but model " + md.id() + " reads " + md.featureCount() + " features");
            }
            int predicted = predict(m, features, output);
            out.printf(Locale.ROOT, "predicted %d of %d rows with %s (%s, %s%s) -> %s; %d rows without a prediction "
                    + "(undefined features%s)%n", predicted, features.rows(), md.id(), md.type(),
                    md.inputKind() == InputKind.VECTOR ? "vector" : "window of " + md.sequenceLength(),
                    md.hasConfidence() ? ", confidence" : "", output, features.rows() - predicted,
                    md.inputKind() == InputKind.WINDOW ? " or incomplete window" : "");
            return 0;
        } finally {
            if (bundle != null) {
                bundle.close();
            } else {
                m.close();
            }
        }
    }

    /** Runs the model over every row and writes the output atomically; returns the rows predicted. */
    static int predict(Model m, Features f, Path output) throws IOException {
        ModelMetadata md = m.metadata();
        int seq = md.sequenceLength();
        int width = md.featureCount();
        int n = f.rows();
        // ready[i]: row i can be predicted (its features, or its whole window, are defined).
        boolean[] ready = new boolean[n];
        int run = 0;
        for (int i = 0; i < n; i++) {
            run = f.defined(i) ? run + 1 : 0;
            ready[i] = run >= seq;
        }
        double[] probabilities = new double[3 * n];
        double[] confidence = new double[n];
        Arrays.fill(probabilities, Double.NaN);
        Arrays.fill(confidence, Double.NaN);
        int[] rows = new int[BATCH];
        float[][] batch = new float[BATCH][];
        double[] p = new double[3 * BATCH];
        double[] c = new double[BATCH];
        int count = 0;
        int predicted = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && ready[i]) {
                float[] in = batch[count] == null ? new float[md.inputLength()] : batch[count];
                for (int k = 0; k < seq; k++) {
                    System.arraycopy(f.values(), (i - seq + 1 + k) * width, in, k * width, width);
                }
                batch[count] = in;
                rows[count++] = i;
            }
            if (count == BATCH || (i == n && count > 0)) {
                float[][] inputs = count == BATCH ? batch : Arrays.copyOf(batch, count);
                try {
                    m.predictBatch(inputs, p, c);
                } catch (ModelOutputException e) {
                    int b = e.row() >= 0 && e.row() < count ? (int) e.row() : firstBadRow(m, inputs);
                    int row = b >= 0 ? rows[b] : rows[0];
                    throw new ModelOutputException(e.model(), row, e.problem() + " (features row " + (row + 1)
                            + ", timestamp " + f.timestamps().get(row) + ")");
                }
                for (int b = 0; b < count; b++) {
                    System.arraycopy(p, 3 * b, probabilities, 3 * rows[b], 3);
                    confidence[rows[b]] = c[b];
                }
                predicted += count;
                count = 0;
            }
        }
        AtomicFileWriter.writeText(output, w -> {
            w.write(md.hasConfidence() ? "timestamp,p_sell,p_hold,p_buy,confidence" : "timestamp,p_sell,p_hold,p_buy");
            w.write('\n');
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                line.append(f.timestamps().get(i));
                for (int k = 0; k < 3; k++) {
                    line.append(',');
                    if (ready[i]) {
                        line.append(probabilities[3 * i + k]);
                    }
                }
                if (md.hasConfidence()) {
                    line.append(',');
                    if (ready[i]) {
                        line.append(confidence[i]);
                    }
                }
                w.write(line.toString());
                w.write('\n');
            }
        });
        return predicted;
    }

    /** The first input of a failed batch whose single prediction fails the output check, or -1. */
    private static int firstBadRow(Model m, float[][] inputs) {
        double[] p = new double[3];
        for (int b = 0; b < inputs.length; b++) {
            try {
                m.predict(inputs[b], p);
            } catch (ModelOutputException e) {
                return b;
            }
        }
        return -1;
    }

    static boolean isBundle(Path p) {
        return Files.isDirectory(p) || p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** The adapter type a model file's name implies. */
    static String typeOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) {
            return "onnx";
        }
        if (name.endsWith(".json") || name.endsWith(".ubj")) {
            return "xgboost";
        }
        throw new IllegalArgumentException("cannot tell the model type of " + file
                + " from its name (.onnx, .json, .ubj, a bundle directory or .zip); give --type");
    }

    static Map<String, String> parseOptions(List<String> options) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--option must be KEY=VALUE but was '" + o + "'");
            }
            if (map.put(o.substring(0, eq).strip(), o.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("--option " + o.substring(0, eq) + " is given twice");
            }
        }
        return map;
    }

    private void checkBundleColumns(FeatureSpec spec, Features f) {
        List<String> expected = spec.featureNames();
        if (!expected.equals(f.columns())) {
            throw new IllegalArgumentException(input + ": feature columns " + f.columns() + " differ from the bundle's "
                    + "feature spec " + spec.name() + " v" + spec.version() + " columns " + expected);
        }
    }

    /**
     * A features CSV in memory: timestamps as written, feature values as float32 row-major, NaN
     * for an empty (undefined) cell.
     */
    record Features(List<String> timestamps, List<String> columns, float[] values, boolean[] definedRows) {

        int rows() {
            return timestamps.size();
        }

        boolean defined(int row) {
            return definedRows[row];
        }

        /**
         * Reads and validates the file.
         *
         * @throws MarketDataException naming the line and column of a cell that is not a finite
         *                             number (or empty), of a timestamp that does not parse or
         *                             does not increase, or of a row with the wrong cell count
         */
        static Features read(Path file) {
            String source = file.toString();
            try (BoundedLineReader r = BoundedLineReader.open(file, ReadLimits.DEFAULT)) {
                String header = r.next();
                if (header == null || header.isBlank()) {
                    throw new MarketDataException(source, 1, null, null, null, "is empty; expected a header line");
                }
                String[] names = header.strip().split(",", -1);
                int timeColumn = -1;
                List<String> columns = new ArrayList<>();
                for (int j = 0; j < names.length; j++) {
                    String name = names[j].strip();
                    if (name.equalsIgnoreCase("timestamp")) {
                        if (timeColumn >= 0) {
                            throw new MarketDataException(source, 1, name, null, null, "has two timestamp columns");
                        }
                        timeColumn = j;
                    } else {
                        columns.add(name);
                    }
                }
                if (timeColumn < 0) {
                    throw new MarketDataException(source, 1, null, header, null, "has no timestamp column");
                }
                if (columns.isEmpty()) {
                    throw new MarketDataException(source, 1, null, header, null, "has no feature columns");
                }
                int width = columns.size();
                List<String> times = new ArrayList<>();
                float[] values = new float[1024 * width];
                boolean[] defined = new boolean[1024];
                long previous = Long.MIN_VALUE;
                String line;
                while ((line = r.next()) != null) {
                    long lineNo = r.lineNumber();
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] cells = line.split(",", -1);
                    if (cells.length != names.length) {
                        throw new MarketDataException(source, lineNo, null, line, null, "has " + cells.length
                                + " cells but the header has " + names.length);
                    }
                    String ts = cells[timeColumn].strip();
                    long t;
                    try {
                        t = Timestamps.parseMillis(ts);
                    } catch (IllegalArgumentException e) {
                        throw new MarketDataException(source, lineNo, "timestamp", ts, null, e.getMessage());
                    }
                    if (t <= previous) {
                        throw new MarketDataException(source, lineNo, "timestamp", ts, Instant.ofEpochMilli(t),
                                t == previous ? "repeats the previous row's timestamp"
                                        : "is before the previous row's timestamp");
                    }
                    previous = t;
                    int row = times.size();
                    if ((row + 1) * width > values.length) {
                        values = Arrays.copyOf(values, values.length * 2);
                        defined = Arrays.copyOf(defined, defined.length * 2);
                    }
                    boolean all = true;
                    int k = 0;
                    for (int j = 0; j < cells.length; j++) {
                        if (j == timeColumn) {
                            continue;
                        }
                        String cell = cells[j].strip();
                        float v;
                        if (cell.isEmpty()) {
                            v = Float.NaN;
                            all = false;
                        } else {
                            if (cell.equalsIgnoreCase("nan")) {
                                throw new MarketDataException(source, lineNo, columns.get(k), cell,
                                        Instant.ofEpochMilli(t), "is NaN; leave the cell empty for a value not yet defined");
                            }
                            double d;
                            try {
                                d = NumberGrammar.parse(cell);
                            } catch (IllegalArgumentException e) {
                                throw new MarketDataException(source, lineNo, columns.get(k), cell,
                                        Instant.ofEpochMilli(t), e.getMessage());
                            }
                            v = (float) d;
                            if (!Float.isFinite(v)) {
                                throw new MarketDataException(source, lineNo, columns.get(k), cell,
                                        Instant.ofEpochMilli(t), "is not a finite float32 value");
                            }
                        }
                        values[row * width + k++] = v;
                    }
                    defined[row] = all;
                    times.add(ts);
                }
                return new Features(List.copyOf(times), List.copyOf(columns),
                        Arrays.copyOf(values, times.size() * width), Arrays.copyOf(defined, times.size()));
            }
        }
    }
}
