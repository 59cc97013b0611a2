package dev.sextant.trading.engine;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.engine.report.BacktestFiles;
import dev.sextant.trading.engine.report.EvaluationReport;
import dev.sextant.trading.engine.report.FeatureImportance;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Walk-forward evaluation end to end: out-of-sample predictions from {@link WalkForward}, then a
 * {@link Backtester} run of the same {@link TradingPipeline} on exactly those predictions, then
 * the {@link EvaluationReport}.
 *
 * @param walkForward the predictions and folds
 * @param backtest    the backtest on the test bars
 * @param report      the metrics
 */
public record Evaluation(WalkForwardResult walkForward, BacktestResult backtest, EvaluationReport report) {

    /** Validates. */
    public Evaluation {
        Checks.notNull(walkForward, "walkForward");
        Checks.notNull(backtest, "backtest");
        Checks.notNull(report, "report");
    }

    /** Runs the walk-forward and the backtest of its predictions over the test bars. */
    public static Evaluation run(BarSeries series, WalkForwardConfig wf, BacktestConfig bt) {
        return run(series, wf, bt, Progress.NONE);
    }

    /** Runs as {@link #run(BarSeries, WalkForwardConfig, BacktestConfig)}, telling {@code progress} of the folds. */
    public static Evaluation run(BarSeries series, WalkForwardConfig wf, BacktestConfig bt, Progress progress) {
        WalkForwardResult result = WalkForward.run(series, wf, progress);
        OutOfSamplePredictions p = result.predictions();
        int from = p.barIndex()[0];
        int to = p.barIndex()[p.size() - 1] + 1;
        BacktestResult backtest = Backtester.run(series.view(from, to),
                PrecomputedSignals.of(p, "walk-forward:" + String.join("+", wf.models())), bt);
        ClassificationMetrics calibrated = p.calibratedMetrics();
        ClassificationMetrics raw = p.rawMetrics();
        EvaluationReport report = new EvaluationReport(p.directionalAccuracy(), p.directionalCount(), calibrated.accuracy(),
                calibrated.logLoss(), p.priorLogLoss(), calibrated.brier(), raw.ece(), calibrated.ece(),
                backtest.performance(), result.folds());
        return new Evaluation(result, backtest, report);
    }

    /**
     * Writes {@code metrics.json}, {@code folds.json}, {@code predictions.csv} (time, fold,
     * calibrated and raw probabilities, realised label and forward return), {@code equity.csv}
     * and, when measured, {@code feature_importance.csv} ({@link FeatureImportance}) and
     * {@code tree_gain.csv} ({@link dev.sextant.trading.engine.report.TreeGainImportance}) into
     * {@code dir}, each file atomically ({@link AtomicFileWriter}).
     *
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public void write(Path dir) {
        report.write(dir);
        OutOfSamplePredictions p = walkForward.predictions();
        AtomicFileWriter.writeTextUnchecked(dir.resolve("predictions.csv"), w -> {
            w.write("timestamp,fold,p_sell,p_hold,p_buy,raw_sell,raw_hold,raw_buy,label,forward_return\n");
            for (int i = 0; i < p.size(); i++) {
                w.write(Instant.ofEpochMilli(p.time()[i]) + "," + p.fold()[i] + "," + p.calibrated()[3 * i] + ","
                        + p.calibrated()[3 * i + 1] + "," + p.calibrated()[3 * i + 2] + "," + p.raw()[3 * i] + ","
                        + p.raw()[3 * i + 1] + "," + p.raw()[3 * i + 2] + "," + (p.labels()[i] < 0 ? "" : p.labels()[i])
                        + "," + (Double.isNaN(p.forwardReturn()[i]) ? "" : p.forwardReturn()[i]) + "\n");
            }
        });
        writeEquity(backtest, dir);
        walkForward.importance().ifPresent(i -> i.write(dir));
        walkForward.treeGain().ifPresent(g -> g.write(dir));
    }

    /**
     * Writes {@code equity.csv} (close time, equity) of a backtest into {@code dir}, atomically.
     *
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public static void writeEquity(BacktestResult backtest, Path dir) {
        BacktestFiles.writeEquity(backtest.times(), backtest.equity(), dir);
    }
}
