package dev.sextant.gpl.benchmarks;

import dev.sextant.trading.features.SequenceWindow;
import dev.sextant.examples.cli.SextantCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The real inputs of the GPL checks: Bitstamp BTC/USD trades from {@code org.ta4j:ta4j-examples}
 * (read from the class path), the standard-24 feature rows committed with the reference networks,
 * and the bundle {@code sextant train} makes from them with the Smile models included.
 */
public final class SmileBundle {

    /** The five bases of the full ensemble, as {@code sextant train --models} names them. */
    public static final String FULL_MODELS = "xgboost,rf,svm,lstm,transformer";

    /** The trades file inside ta4j-examples 0.18 (100k trades, 2013-11-25 .. 2013-12-01). */
    public static final String BITSTAMP = "bitstamp_trades_from_20131125_usd.csv";

    private static final String FEATURE_SAMPLE = "/dev/sextant/examples/models/features_sample.csv";

    private SmileBundle() {
    }

    /** Copies the ta4j-examples Bitstamp trades CSV into {@code dir} and returns its path. */
    public static Path bitstampTrades(Path dir) throws IOException {
        Path file = dir.resolve(BITSTAMP);
        try (InputStream in = SmileBundle.class.getResourceAsStream("/" + BITSTAMP)) {
            if (in == null) {
                throw new IOException(BITSTAMP + " not on the class path: org.ta4j:ta4j-examples:0.18 is missing");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /**
     * Runs {@code sextant train --input <trades> --set standard-24 --models MODELS --output <dir>/bundle}
     * in this JVM and returns the bundle directory.
     *
     * @throws IllegalStateException with the CLI's error output if it exits non-zero
     */
    public static Path train(Path dir, String models, String... extraArgs) throws IOException {
        Path trades = bitstampTrades(dir);
        Path bundle = dir.resolve("bundle");
        List<String> args = new ArrayList<>(List.of("train", "--input", trades.toString(), "--set", "standard-24",
                "--models", models, "--output", bundle.toString()));
        args.addAll(List.of(extraArgs));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SextantCli.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        if (code != 0) {
            throw new IllegalStateException("sextant " + String.join(" ", args) + " exited " + code + ": " + err);
        }
        return bundle;
    }

    /**
     * The 300 consecutive standard-24 feature rows of BTC/USD 1-minute bars committed with the
     * reference networks, as the 241 complete [60, 24] windows over them, each built by the
     * {@link SequenceWindow} a live pipeline uses (row-major, oldest row first).
     */
    public static float[][] referenceWindows() {
        List<float[]> windows = new ArrayList<>();
        try (InputStream in = SmileBundle.class.getResourceAsStream(FEATURE_SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException(FEATURE_SAMPLE + " not on the class path: the examples jar is missing");
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            SequenceWindow window = SequenceWindow.of(lines[0].split(",", -1).length - 1);
            double[] row = new double[window.features()];
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] cells = lines[i].strip().split(",", -1);
                for (int j = 1; j < cells.length; j++) {
                    row[j - 1] = Double.parseDouble(cells[j]);
                }
                if (window.push(row)) {
                    windows.add(window.copyTo(null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return windows.toArray(float[][]::new);
    }
}
