package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Backtester;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.engine.Evaluation;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.engine.WalkForwardConfig;
import dev.sextant.trading.engine.report.EvaluationReport;
import dev.sextant.trading.engine.report.PerformanceMetrics;
import dev.sextant.trading.features.FeatureScaler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walk-forward of a PPO policy on held-out bars against baselines, with the probabilistic and
 * deflated Sharpe ratios counting every configuration tried.
 *
 * <p>The series is cut into {@code folds + 1} equal blocks; fold {@code k} trains a policy on
 * blocks {@code 0..k} (expanding; the feature scaler fitted on them only) and tests it on block
 * {@code k + 1} through the pipeline ({@link PolicyEvaluation}). On each test block the same
 * backtest runs the baselines: <b>flat</b> (no trades), <b>buy-and-hold</b> (BUY at full size on
 * every bar: the largest position, held) and <b>random with the same turnover</b> (the policy's
 * own actions on the block, circularly shifted by a random offset: same actions, same holding
 * periods, no alignment with the market; {@code shifts} offsets). Optionally supervised
 * ensembles (the existing stacking ensemble, the multi-timeframe one) are walked forward on the
 * same blocks ({@link Evaluation}), each block's model trained on the bars before it. Each
 * strategy's test blocks are chained into one out-of-sample equity curve for its metrics.
 *
 * <p>The DSR of each strategy counts {@code configurations} trials: every strategy compared here
 * (the policy, buy-and-hold, the random policy, each ensemble run) plus
 * {@code extraConfigurations} tried before (other seeds, step counts), with the variance of
 * their per-period Sharpe ratios. The verdict says there is skill only if the policy's DSR is at
 * least {@value #DSR_LEVEL} and its out-of-sample growth beats the shifted random runs' at a
 * permutation p-value of at most {@value #P_LEVEL} (chained over the folds); otherwise it says
 * plainly that there is no skill.
 *
 * @param report        the policy's metrics with the walk-forward keys ({@link EvaluationReport#KEYS})
 * @param baselines     the baselines' (and the ensemble's) metrics by name
 * @param randomPValue  permutation p-value of the policy's return against the shifted runs
 * @param shifts        shifted random runs per fold
 * @param configurations configurations counted by the DSR
 * @param verdict       one plain sentence: skill or no skill, and why
 */
public record PolicyWalkForward(EvaluationReport report, Map<String, PerformanceMetrics> baselines, double randomPValue,
        int shifts, int configurations, String verdict) {
    /** The DSR a policy needs for the verdict to call it skilled. */
    public static final double DSR_LEVEL = 0.95;
    /** The largest permutation p-value against the random policy for the verdict to call it skilled. */
    public static final double P_LEVEL = 0.05;
    /** Name of the flat baseline. */
    public static final String FLAT = "flat";
    /** Name of the buy-and-hold baseline. */
    public static final String BUY_AND_HOLD = "buy_and_hold";
    /** Name of the random policy with the same turnover. */
    public static final String RANDOM = "random_same_turnover";
    /** Name of the supervised ensemble's row. */
    public static final String ENSEMBLE = "ensemble";
    /** Name of the multi-timeframe ensemble's row. */
    public static final String MULTI_TIMEFRAME = "multi_timeframe";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Validates and copies. */
    public PolicyWalkForward {
        Checks.notNull(report, "report");
        baselines = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(baselines, "baselines")));
        Checks.positive(shifts, "shifts");
        Checks.positive(configurations, "configurations");
        Checks.notBlank(verdict, "verdict");
    }

    /**
     * Runs the walk-forward.
     *
     * @param series              the bars
     * @param env                 environment settings (backtest, features, window, episode length)
     * @param ppo                 trainer settings; fold {@code k} trains with seed {@code ppo.seed() + k}
     * @param folds               test blocks, at least 1
     * @param shifts              shifted random runs per fold, at least 1
     * @param extraConfigurations configurations tried before this run, counted by the DSR
     * @param ensembles           supervised ensembles to walk forward on the same blocks, by the name
     *                            their row gets (e.g. {@value #ENSEMBLE}, {@value #MULTI_TIMEFRAME});
     *                            empty for none
     * @throws IllegalArgumentException if a block is too short to train or test on
     */
    public static PolicyWalkForward run(BarSeries series, EnvironmentConfig env, PpoConfig ppo, int folds, int shifts,
            int extraConfigurations, Map<String, WalkForwardConfig> ensembles) {
        Checks.notNull(series, "series");
        Checks.notNull(env, "env");
        Checks.notNull(ppo, "ppo");
        Checks.positive(folds, "folds");
        Checks.positive(shifts, "shifts");
        Checks.nonNegative(extraConfigurations, "extraConfigurations");
        Checks.notNull(ensembles, "ensembles");
        for (String name : ensembles.keySet()) {
            if (List.of("policy", FLAT, BUY_AND_HOLD, RANDOM).contains(name)) {
                throw new IllegalArgumentException("ensemble name '" + name + "' is taken by a baseline");
            }
        }
        int n = series.size();
        int block = n / (folds + 1);
        if (block < 2) {
            throw new IllegalArgumentException("series " + series.name() + " has " + n + " bars: too few for " + folds
                    + " folds");
        }
        BacktestConfig bt = env.backtest();
        SplittableRandom random = new SplittableRandom(ppo.seed());
        Chain policy = new Chain();
        Chain flat = new Chain();
        Chain hold = new Chain();
        Chain shifted = new Chain();
        double policyGrowth = 1;
        double[] shiftedGrowth = new double[shifts];
        Arrays.fill(shiftedGrowth, 1);
        int calls = 0;
        int hits = 0;
        List<EvaluationReport.FoldSummary> summaries = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            int trainEnd = (k + 1) * block;
            int testEnd = k == folds - 1 ? n : trainEnd + block;
            BarSeries train = series.view(0, trainEnd);
            BarSeries test = series.view(trainEnd, testEnd);
            FeatureScaler scaler = EnvironmentData.fitScaler(train, env.spec());
            EnvironmentData data = EnvironmentData.of(train, env.spec(), scaler);
            int usable = data.size() - data.firstObservable(env.window()) - 1;
            if (usable < 2) {
                throw new IllegalArgumentException("fold " + k + ": " + trainEnd + " training bars leave " + usable
                        + " observable bars after the features' warm-up; use fewer folds or more bars");
            }
            EnvironmentConfig foldEnv = env.toBuilder().episodeLength(Math.min(env.episodeLength(), usable)).build();
            PpoPolicy p = PpoTrainer.train("ppo-fold-" + k, data, foldEnv,
                    ppo.withSeed(ppo.seed() + k));
            PolicyEvaluation e = PolicyEvaluation.run(p, test, bt);
            calls += e.report().directionalCount();
            hits += (int) Math.round(e.report().directionalCount() * (Double.isNaN(e.report().directionalAccuracy()) ? 0
                    : e.report().directionalAccuracy()));
            policy.add(e.backtest(), bt);
            policyGrowth *= growth(e.backtest(), bt);
            Action[] actions = actionsOf(e.backtest().decisions(), test.size());
            BacktestConfig replay = bt.toBuilder().sizing(EnvironmentConfig.sizing(p.maxFraction())).build();
            flat.add(Backtester.run(test, new Replay(new Action[test.size()]), replay), bt);
            Action[] always = new Action[test.size()];
            Arrays.fill(always, new Action(Direction.BUY, 1));
            hold.add(Backtester.run(test, new Replay(always), replay), bt);
            for (int j = 0; j < shifts; j++) {
                int offset = 1 + random.nextInt(Math.max(1, test.size() - 1));
                BacktestResult r = Backtester.run(test, new Replay(shift(actions, offset)), replay);
                shiftedGrowth[j] *= growth(r, bt);
                if (j == 0) {
                    shifted.add(r, bt);
                }
            }
            summaries.add(new EvaluationReport.FoldSummary(k, series.time(0), series.time(trainEnd - 1),
                    series.time(trainEnd), series.time(testEnd - 1), test.size(), Double.NaN, Double.NaN, Double.NaN,
                    e.report().directionalAccuracy()));
        }
        int atLeast = 0;
        for (double g : shiftedGrowth) {
            if (g >= policyGrowth) {
                atLeast++;
            }
        }
        double pValue = (1.0 + atLeast) / (shifts + 1.0);

        Map<String, Chain> candidates = new LinkedHashMap<>();
        candidates.put("policy", policy);
        candidates.put(BUY_AND_HOLD, hold);
        candidates.put(RANDOM, shifted);
        for (Map.Entry<String, WalkForwardConfig> en : ensembles.entrySet()) {
            Evaluation ev = Evaluation.run(series, toBlocks(en.getValue(), block), bt);
            Chain c = new Chain();
            c.add(ev.backtest(), bt);
            candidates.put(en.getKey(), c);
        }
        int configurations = candidates.size() + extraConfigurations;
        double sharpeVariance = sharpeVariance(candidates.values());
        Map<String, PerformanceMetrics> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, Chain> c : candidates.entrySet()) {
            metrics.put(c.getKey(), c.getValue().metrics(bt, configurations, sharpeVariance));
        }
        PerformanceMetrics pm = metrics.remove("policy");
        Map<String, PerformanceMetrics> ordered = new LinkedHashMap<>();
        ordered.put(FLAT, flat.metrics(bt, configurations, sharpeVariance));
        ordered.putAll(metrics);
        metrics = ordered;
        EvaluationReport report = new EvaluationReport(calls == 0 ? Double.NaN : (double) hits / calls, calls,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, pm, summaries);
        return new PolicyWalkForward(report, metrics, pValue, shifts, configurations,
                verdict(pm, pValue, configurations));
    }

    private static WalkForwardConfig toBlocks(WalkForwardConfig wf, int block) {
        return new WalkForwardConfig(wf.training(), block, block, true, wf.trials());
    }

    static String verdict(PerformanceMetrics pm, double pValue, int configurations) {
        String dsr = Double.isFinite(pm.dsr()) ? String.format(Locale.ROOT, "%.3f", pm.dsr()) : "undefined";
        boolean deflated = pm.dsr() >= DSR_LEVEL;
        boolean beatsRandom = pValue <= P_LEVEL;
        String dsrPart = String.format(Locale.ROOT, "deflated Sharpe ratio %s over %d configurations (%s %.2f)", dsr,
                configurations, deflated ? ">=" : "below", DSR_LEVEL);
        String randomPart = String.format(Locale.ROOT, "p = %.3f against the random policy with the same turnover"
                + " (%s %.2f)", pValue, beatsRandom ? "<=" : "above", P_LEVEL);
        if (deflated && beatsRandom) {
            return "skill: " + dsrPart + " and " + randomPart;
        }
        List<String> failed = new ArrayList<>();
        if (!deflated) {
            failed.add(dsrPart);
        }
        if (!beatsRandom) {
            failed.add(randomPart);
        }
        return "NO SKILL: " + String.join(" and ", failed) + (deflated || beatsRandom ? " (" + (deflated ? dsrPart
                : randomPart) + " alone is not enough)" : "") + "; treat the policy's results as noise";
    }

    private static double sharpeVariance(Iterable<Chain> chains) {
        List<Double> s = new ArrayList<>();
        for (Chain c : chains) {
            double sr = c.periodSharpe();
            if (Double.isFinite(sr)) {
                s.add(sr);
            }
        }
        if (s.size() < 2) {
            return Double.NaN;
        }
        double mean = s.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return s.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (s.size() - 1);
    }

    private static double growth(BacktestResult r, BacktestConfig bt) {
        double[] e = r.equity();
        return e.length == 0 ? 1 : e[e.length - 1] / bt.initialCash();
    }

    static Action[] actionsOf(List<Decision> decisions, int bars) {
        Action[] a = new Action[bars];
        for (int t = 0; t < Math.min(bars, decisions.size()); t++) {
            Optional<Signal> s = PolicyEvaluation.signalOf(decisions.get(t));
            if (s.isPresent() && s.get().direction() != Direction.HOLD) {
                a[t] = new Action(s.get().direction(), s.get().confidence());
            }
        }
        return a;
    }

    static Action[] shift(Action[] a, int offset) {
        Action[] out = new Action[a.length];
        for (int t = 0; t < a.length; t++) {
            out[(t + offset) % a.length] = a[t];
        }
        return out;
    }

    /** Writes {@code metrics.json} (the walk-forward keys plus {@code baselines}), {@code folds.json} and {@code verdict.txt}. */
    public void write(java.nio.file.Path dir) {
        report.write(dir);
        Map<String, Object> m = new LinkedHashMap<>(report.metrics());
        Map<String, Object> b = new LinkedHashMap<>();
        for (Map.Entry<String, PerformanceMetrics> e : baselines.entrySet()) {
            String name = e.getKey();
            PerformanceMetrics p = e.getValue();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("total_return", finite(p.totalReturn()));
            row.put("sharpe", finite(p.sharpe()));
            row.put("max_drawdown", finite(p.maxDrawdown()));
            row.put("turnover", finite(p.turnover()));
            row.put("costs", finite(p.costs()));
            row.put("trades", p.trades());
            row.put("psr", finite(p.psr()));
            row.put("dsr", finite(p.dsr()));
            if (name.equals(RANDOM)) {
                row.put("shifts", shifts);
                row.put("p_value", randomPValue);
            }
            b.put(name, row);
        }
        m.put("baselines", b);
        String json = JSON.writeValueAsString(m);
        AtomicFileWriter.writeTextUnchecked(dir.resolve("metrics.json"), w -> w.write(json));
        AtomicFileWriter.writeTextUnchecked(dir.resolve("verdict.txt"), w -> w.write(verdict + "\n"));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** One strategy's test blocks chained into one out-of-sample curve. */
    private static final class Chain {
        private final List<Double> equity = new ArrayList<>();
        private final List<Double> trades = new ArrayList<>();
        private double notional;
        private double costs;

        void add(BacktestResult r, BacktestConfig bt) {
            double start = equity.isEmpty() ? bt.initialCash() : equity.get(equity.size() - 1);
            if (equity.isEmpty()) {
                equity.add(start);
            }
            double scale = start / bt.initialCash();
            for (double e : r.equity()) {
                equity.add(e * scale);
            }
            for (double t : r.tradePnl()) {
                trades.add(t * scale);
            }
            for (Fill f : r.fills()) {
                notional += Math.abs(f.quantity() * f.price()) * scale;
                costs += f.fee() * scale;
            }
        }

        double periodSharpe() {
            int n = equity.size() - 1;
            if (n < 2) {
                return Double.NaN;
            }
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double r = equity.get(i + 1) / equity.get(i) - 1;
                sum += r;
                sq += r * r;
            }
            double mean = sum / n;
            double var = (sq - n * mean * mean) / (n - 1);
            return var > 0 ? mean / Math.sqrt(var) : Double.NaN;
        }

        PerformanceMetrics metrics(BacktestConfig bt, int trials, double sharpeVariance) {
            return PerformanceMetrics.of(equity.stream().mapToDouble(Double::doubleValue).toArray(),
                    trades.stream().mapToDouble(Double::doubleValue).toArray(), notional, costs, bt.periodsPerYear(),
                    trials, sharpeVariance);
        }
    }

    /** Replays a fixed action per bar of the series it runs on (no action: HOLD). */
    private static final class Replay implements SignalSource {
        private final Action[] actions;
        private int t;

        Replay(Action[] actions) {
            this.actions = actions;
        }

        @Override
        public SignalResult onBar(Instrument instrument, TimeFrame timeFrame, Bar bar) {
            Action a = t < actions.length && actions[t] != null ? actions[t] : Action.HOLD;
            t++;
            return SignalResult.of(a.toSignal(instrument, Instant.ofEpochMilli(bar.time() + timeFrame.millis()),
                    "baseline", "1"));
        }
    }
}
