package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.core.io.IoErrors;
import dev.sextant.trading.engine.DriftReplay;
import dev.sextant.trading.engine.DriftReport;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.drift.DriftAlert;
import dev.sextant.trading.models.drift.DriftSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sextant drift}: runs a bundle's drift monitors and out-of-distribution gate bar by bar over
 * a bars file ({@link DriftReplay}) and writes {@code DIR/drift.json}: the {@code alerts} (each with
 * {@code time}, {@code kind}, {@code detector}, {@code feature} for feature drift, {@code statistic},
 * {@code threshold}), the share of predictions gated as out of distribution
 * ({@code ood_share}), and the realised loss against the bundle's validation loss.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Run a bundle's drift monitors and out-of-distribution gate over bars; write DIR/drift.json.")
public final class DriftCommand implements Callable<Integer> {

    /** The report file written into {@code --report}. */
    static final String FILE = "drift.json";

    @Spec
    CommandSpec spec;

    @Option(names = "--bundle", required = true, description = "Model bundle directory or zip (from sextant train).")
    Path bundle;

    @Mixin
    BarsInput input;

    @Option(names = "--report", required = true, description = "Report folder; drift.json is written into it.")
    Path report;

    @Option(names = "--symbol", defaultValue = "BTC/USD", description = "Instrument named in alerts (default ${DEFAULT-VALUE}).")
    String symbol;

    @Option(names = "--window", defaultValue = "" + DriftSettings.DEFAULT_WINDOW,
            description = "Bars in each rolling drift window (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--psi", defaultValue = "" + DriftSettings.DEFAULT_PSI,
            description = "Population stability index threshold (default ${DEFAULT-VALUE}).")
    double psi;

    @Option(names = "--ks", defaultValue = "" + DriftSettings.DEFAULT_KS,
            description = "Kolmogorov-Smirnov threshold, in (0, 1] (default ${DEFAULT-VALUE}).")
    double ks;

    /**
     * Checks the options, loads the bundle and the bars, replays and writes the report.
     *
     * @return 0
     * @throws IllegalArgumentException if an option is out of range or the bundle has no drift reference
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DriftSettings settings = settings();
        BarSeries bars = input.load();
        TimeFrame tf = BarsInput.timeFrameOf(bars);
        Instrument instrument = SymbolOption.instrument(symbol);
        try (ModelBundle loaded = ModelBundle.load(bundle)) {
            BundleManifest m = loaded.manifest();
            DriftReport r = DriftReplay.run(loaded, instrument, bars, tf, settings);
            write(r, loaded, settings);
            out.printf(Locale.ROOT, "drift of bundle %s %s over %d bars of %s: %d predictions, %d out of distribution "
                    + "(%.1f%%, threshold %.3f), %d alerts%n", m.bundleId(), m.bundleVersion(), r.bars(), bars.name(),
                    r.predictions(), r.gated(), 100 * r.gatedShare(), r.oodThreshold(), r.alerts().size());
            Map<String, Integer> byDetector = new TreeMap<>();
            r.alerts().forEach(a -> byDetector.merge(kind(a) + " " + a.detector().label(), 1, Integer::sum));
            byDetector.forEach((k, n) -> out.printf(Locale.ROOT, "  %-28s %d%n", k, n));
            if (r.labels().isEmpty()) {
                out.println("  performance drift unavailable: the manifest records no fixed-horizon label definition");
            } else {
                out.printf(Locale.ROOT, "  realised log loss %.4f over %d settled predictions (validation %.4f)%n",
                        r.meanLoss(), r.losses(), loaded.reference().orElseThrow().loss().mean());
            }
            m.trainingWindow().filter(w -> bars.size() > 0 && bars.time(0) <= w.to().toEpochMilli())
                    .ifPresent(w -> out.println("warning: these bars start before the bundle's training window ends ("
                            + w.to() + "): part of this run is in-sample"));
            out.println("report: " + report.resolve(FILE).toAbsolutePath().normalize());
        }
        out.flush();
        return 0;
    }

    private DriftSettings settings() {
        if (window < 10 || window > 1_000_000) {
            throw new IllegalArgumentException("--window must be from 10 to 1000000 bars but was " + window);
        }
        OptionChecks.finiteIn("--psi", psi, 0, 1e6);
        OptionChecks.finiteIn("--ks", ks, 0, 1);
        return DriftSettings.defaults().withWindow(window).withPsiThreshold(psi).withKsThreshold(ks);
    }

    private void write(DriftReport r, ModelBundle loaded, DriftSettings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bundle", loaded.manifest().bundleId());
        m.put("bundle_version", loaded.manifest().bundleVersion());
        m.put("input", input.path().getFileName().toString());
        m.put("bars", r.bars());
        m.put("predictions", r.predictions());
        m.put("ood_bars", r.gated());
        m.put("ood_share", r.gatedShare());
        m.put("ood_threshold", r.oodThreshold());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("window", settings.window());
        s.put("psi_threshold", settings.psiThreshold());
        s.put("ks_threshold", settings.ksThreshold());
        s.put("page_hinkley_delta_sd", settings.pageHinkleyDelta());
        s.put("page_hinkley_lambda_sd", settings.pageHinkleyLambda());
        m.put("settings", s);
        Map<String, Object> performance = new LinkedHashMap<>();
        performance.put("available", r.labels().isPresent());
        performance.put("validation_loss", loaded.reference().orElseThrow().loss().mean());
        performance.put("settled_predictions", r.losses());
        performance.put("mean_loss", Double.isFinite(r.meanLoss()) ? r.meanLoss() : null);
        m.put("performance", performance);
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (DriftAlert a : r.alerts()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("time", a.time().toString());
            e.put("kind", kind(a));
            e.put("detector", a.detector().label());
            if (a instanceof DriftAlert.FeatureDrift f) {
                e.put("feature", f.feature());
            }
            e.put("statistic", a.statistic());
            e.put("threshold", a.threshold());
            alerts.add(e);
        }
        m.put("alerts", alerts);
        try {
            Files.createDirectories(report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + report + ": " + IoErrors.reason(e), e);
        }
        String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(m);
        AtomicFileWriter.writeTextUnchecked(report.resolve(FILE), w -> w.write(json));
    }

    /** The alert's kind as written in the report: feature_drift, prediction_drift or performance_degraded. */
    static String kind(DriftAlert a) {
        return switch (a) {
            case DriftAlert.FeatureDrift f -> "feature_drift";
            case DriftAlert.PredictionDrift p -> "prediction_drift";
            case DriftAlert.PerformanceDegraded p -> "performance_degraded";
        };
    }
}
