package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.core.io.IoErrors;
import dev.sextant.trading.engine.lifecycle.ComparisonStatistics;
import dev.sextant.trading.engine.lifecycle.LossKind;
import dev.sextant.trading.engine.lifecycle.PairedScores;
import dev.sextant.trading.engine.lifecycle.PromotionDecision;
import dev.sextant.trading.engine.lifecycle.PromotionRule;
import dev.sextant.trading.engine.lifecycle.ShadowComparison;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sextant compare}: a champion and a challenger bundle run bar by bar over the same bars,
 * as a session runs a challenger in shadow, each scored against the realised labels of its own
 * label definition; a Diebold-Mariano test on the per-bar loss differences and the
 * {@link PromotionRule} decide between {@code challenger}, {@code champion} and
 * {@code no_difference}. Writes {@code DIR/compare.json} and prints a summary.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare a champion and a challenger bundle on the same bars with a Diebold-Mariano test and decide "
                + "which should trade.")
public final class CompareCommand implements Callable<Integer> {

    /** The report file written into {@code --report}. */
    static final String REPORT_FILE = "compare.json";

    @Spec
    CommandSpec spec;

    @Option(names = "--champion", required = true, description = "The bundle that trades now (directory or zip).")
    Path champion;

    @Option(names = "--challenger", required = true, description = "The bundle that runs in shadow (directory or zip).")
    Path challenger;

    @Mixin
    BarsInput input;

    @Option(names = "--report", defaultValue = "compare-report", description = "Report folder (default ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--alpha", defaultValue = "0.05",
            description = "Two-sided significance level of the test (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--min-bars", defaultValue = "250",
            description = "Fewest bars scored by both bundles for a decision (default ${DEFAULT-VALUE}).")
    int minBars;

    @Option(names = "--min-effect", defaultValue = "0",
            description = "Fewest loss units per bar by which the better bundle must win (default ${DEFAULT-VALUE}).")
    double minEffect;

    @Option(names = "--loss", defaultValue = "log_loss", description = "Loss tested: log_loss or brier (default ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--min-psr", description = "Also require the PSR of the challenger's minus the champion's strategy "
            + "returns to reach this level, in (0, 1) (default: not required).")
    Double minPsr;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PromotionRule rule = rule();
        BarSeries bars = input.load();
        if (bars.isEmpty()) {
            throw new IllegalArgumentException(input.path() + ": has no bars to compare on");
        }
        TimeFrame tf = BarsInput.timeFrameOf(bars);
        try (ModelBundle a = ModelBundle.load(champion); ModelBundle b = ModelBundle.load(challenger)) {
            checkTimeFrame("--champion", champion, a.manifest(), tf);
            checkTimeFrame("--challenger", challenger, b.manifest(), tf);
            ShadowComparison comparison = ShadowComparison.of(a, b);
            Instrument instrument = Instrument.equity(bars.name() == null || bars.name().isBlank() ? "INPUT" : bars.name(),
                    "SHADOW");
            for (int i = 0; i < bars.size(); i++) {
                comparison.onBar(instrument, tf, bars.bar(i));
            }
            PairedScores scores = comparison.scores();
            if (scores.size() < rule.minimumSample() || scores.size() <= comparison.horizon()) {
                throw new IllegalArgumentException(input.path() + ": only " + scores.size() + " of its " + bars.size()
                        + " bars were scored by both bundles (after their feature warm-up; the last " + comparison.horizon()
                        + " bars have no realised label yet) but the comparison needs at least "
                        + Math.max(rule.minimumSample(), comparison.horizon() + 1) + " (--min-bars)");
            }
            PromotionDecision decision = rule.decide(scores);
            for (ModelBundle m : new ModelBundle[] {a, b}) {
                m.manifest().trainingWindow().filter(w -> bars.time(0) <= w.to().toEpochMilli())
                        .ifPresent(w -> out.println("warning: these bars start before bundle " + m.manifest().bundleId() + " "
                                + m.manifest().bundleVersion() + "'s training window ends (" + w.to()
                                + "): part of this comparison is in-sample for it"));
            }
            write(report, decision, rule, comparison, a, b, bars.size());
            print(out, decision, rule, a.manifest(), b.manifest(), bars.size(), tf);
        }
        out.flush();
        return 0;
    }

    private PromotionRule rule() {
        PromotionRule.Builder b = PromotionRule.builder().significanceLevel(alpha).minimumSample(minBars)
                .minimumEffect(minEffect).lossKind(LossKind.ofId(loss));
        if (minPsr != null) {
            b.minimumPsr(minPsr);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid option: " + e.getMessage().replace("significanceLevel", "--alpha")
                    .replace("minimumSample", "--min-bars").replace("minimumEffect", "--min-effect")
                    .replace("minimumPsr", "--min-psr"), e);
        }
    }

    /** A bundle whose features read another time frame than the input's would be fed the wrong bars. */
    private void checkTimeFrame(String option, Path path, BundleManifest m, TimeFrame tf) {
        FeatureSpec s = m.featureSpec();
        if (!s.timeframes().isEmpty() && !s.timeframes().get(0).equals(tf)) {
            throw new IllegalArgumentException(option + " " + path + ": bundle " + m.bundleId() + " " + m.bundleVersion()
                    + " reads " + s.timeframes().get(0) + " bars (feature spec " + s.name() + " v" + s.version() + ") but "
                    + input.path() + " has " + tf + " bars");
        }
    }

    static void write(Path dir, PromotionDecision decision, PromotionRule rule, ShadowComparison comparison,
            ModelBundle champion, ModelBundle challenger, int bars) {
        ComparisonStatistics s = decision.statistics();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", s.n());
        m.put("mean_log_loss_champion", s.champion().logLoss());
        m.put("mean_log_loss_challenger", s.challenger().logLoss());
        m.put("dm_statistic", finiteOrNull(s.test().statistic()));
        m.put("p_value", s.test().pValue());
        m.put("decision", decision.id());
        m.put("reason", decision instanceof PromotionDecision.NoDifference n ? n.reason().name().toLowerCase(Locale.ROOT)
                : null);
        m.put("loss", s.lossKind().id());
        m.put("mean_brier_champion", s.champion().brier());
        m.put("mean_brier_challenger", s.challenger().brier());
        m.put("mean_loss_difference", s.test().meanDifference());
        m.put("hac_lag", s.test().lag());
        m.put("horizon", comparison.horizon());
        m.put("psr_return_difference", s.returnDifferencePsr().isPresent() ? s.returnDifferencePsr().getAsDouble() : null);
        m.put("bars", bars);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("significance_level", rule.significanceLevel());
        r.put("min_bars", rule.minimumSample());
        r.put("min_effect", rule.minimumEffect());
        r.put("min_psr", rule.minimumPsr().isPresent() ? rule.minimumPsr().getAsDouble() : null);
        m.put("rule", r);
        m.put("champion", bundle(champion));
        m.put("challenger", bundle(challenger));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + IoErrors.reason(e), e);
        }
        String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(m);
        AtomicFileWriter.writeTextUnchecked(dir.resolve(REPORT_FILE), w -> w.write(json));
    }

    private static Map<String, Object> bundle(ModelBundle b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.manifest().bundleId());
        m.put("version", b.manifest().bundleVersion());
        m.put("location", b.location().toString());
        m.put("feature_spec", b.manifest().featureSpec().name() + " v" + b.manifest().featureSpec().version());
        m.put("labels", ShadowComparison.labelsOf(b).description());
        return m;
    }

    private static Double finiteOrNull(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private void print(PrintWriter out, PromotionDecision decision, PromotionRule rule, BundleManifest a, BundleManifest b,
            int bars, TimeFrame tf) {
        ComparisonStatistics s = decision.statistics();
        out.printf(Locale.ROOT, "compare champion %s %s against challenger %s %s on %d %s bars of %s%n", a.bundleId(),
                a.bundleVersion(), b.bundleId(), b.bundleVersion(), bars, tf, input.path());
        out.printf(Locale.ROOT, "  scored bars %d  log loss %.5f vs %.5f  Brier %.5f vs %.5f%n", s.n(), s.champion().logLoss(),
                s.challenger().logLoss(), s.champion().brier(), s.challenger().brier());
        out.printf(Locale.ROOT, "  Diebold-Mariano on %s: statistic %.3f  p-value %.4f  (HAC lag %d)  PSR of return difference %s%n",
                s.lossKind().id(), s.test().statistic(), s.test().pValue(), s.test().lag(),
                s.returnDifferencePsr().isPresent() ? String.format(Locale.ROOT, "%.3f", s.returnDifferencePsr().getAsDouble())
                        : "undefined");
        String why = switch (decision) {
            case PromotionDecision.Challenger c -> "promote the challenger";
            case PromotionDecision.Champion c -> "keep the champion: it predicts significantly better";
            case PromotionDecision.NoDifference n -> "keep the champion: " + switch (n.reason()) {
                case TOO_FEW_BARS -> "too few bars";
                case NOT_SIGNIFICANT -> "the difference is not significant at " + rule.significanceLevel();
                case EFFECT_TOO_SMALL -> "the difference is below the minimum effect " + rule.minimumEffect();
                case RETURNS_NOT_BETTER -> "the challenger's strategy returns are not better (PSR below "
                        + rule.minimumPsr().getAsDouble() + ")";
            };
        };
        out.println("  decision: " + decision.id() + " (" + why + ")");
        out.println("report: " + report.toAbsolutePath().normalize().resolve(REPORT_FILE));
    }
}
