package dev.sextant.trading.engine.report;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.core.io.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The out-of-sample evaluation of a walk-forward run: prediction quality and the trading
 * performance of the backtest on those predictions. Written as {@code metrics.json} with fixed
 * keys (non-finite values are written as {@code null}), plus per-fold figures.
 *
 * @param directionalAccuracy  share of BUY/SELL predictions whose direction matches the sign of
 *                             the realised forward return over the label horizon
 * @param directionalCount     number of BUY/SELL predictions
 * @param accuracy             3-class accuracy
 * @param logLoss              out-of-sample log loss of the calibrated probabilities
 * @param priorLogLoss         log loss of always predicting the training class frequencies
 * @param brier                out-of-sample multi-class Brier score
 * @param eceBeforeCalibration expected calibration error (15 bins) of the raw ensemble output
 * @param eceAfterCalibration  expected calibration error (15 bins) after calibration
 * @param performance          trading performance of the out-of-sample backtest
 * @param folds                per-fold figures
 */
public record EvaluationReport(double directionalAccuracy, int directionalCount, double accuracy, double logLoss,
        double priorLogLoss, double brier, double eceBeforeCalibration, double eceAfterCalibration,
        PerformanceMetrics performance, List<FoldSummary> folds) {

    /** The fixed key set of metrics.json, in the order written. */
    public static final List<String> KEYS = List.of("oos_directional_accuracy", "n_directional", "oos_accuracy",
            "oos_log_loss", "prior_log_loss", "oos_brier", "ece_before_calibration", "ece_after_calibration", "sharpe",
            "sortino", "calmar", "max_drawdown", "win_rate", "profit_factor", "turnover", "costs", "trades", "psr", "dsr");

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * Figures of one walk-forward fold.
     *
     * @param fold       fold number from 0
     * @param trainFrom  first training bar time (epoch ms)
     * @param trainTo    last training bar time (epoch ms)
     * @param testFrom   first test bar time (epoch ms)
     * @param testTo     last test bar time (epoch ms)
     * @param testBars   predictions made in the fold
     * @param accuracy   3-class accuracy in the fold
     * @param logLoss    log loss in the fold
     * @param priorLogLoss log loss of the fold's training class frequencies
     * @param directionalAccuracy directional accuracy in the fold
     */
    public record FoldSummary(int fold, long trainFrom, long trainTo, long testFrom, long testTo, int testBars,
            double accuracy, double logLoss, double priorLogLoss, double directionalAccuracy) {
    }

    /** Validates and copies. */
    public EvaluationReport {
        Checks.notNull(performance, "performance");
        folds = List.copyOf(folds);
    }

    /** The metrics.json content: every key of {@link #KEYS}, in order. */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("oos_directional_accuracy", finite(directionalAccuracy));
        m.put("n_directional", directionalCount);
        m.put("oos_accuracy", finite(accuracy));
        m.put("oos_log_loss", finite(logLoss));
        m.put("prior_log_loss", finite(priorLogLoss));
        m.put("oos_brier", finite(brier));
        m.put("ece_before_calibration", finite(eceBeforeCalibration));
        m.put("ece_after_calibration", finite(eceAfterCalibration));
        m.put("sharpe", finite(performance.sharpe()));
        m.put("sortino", finite(performance.sortino()));
        m.put("calmar", finite(performance.calmar()));
        m.put("max_drawdown", finite(performance.maxDrawdown()));
        m.put("win_rate", finite(performance.winRate()));
        m.put("profit_factor", finite(performance.profitFactor()));
        m.put("turnover", finite(performance.turnover()));
        m.put("costs", finite(performance.costs()));
        m.put("trades", performance.trades());
        m.put("psr", finite(performance.psr()));
        m.put("dsr", finite(performance.dsr()));
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * Writes {@code metrics.json} and {@code folds.json} into {@code dir} (created if needed), each
     * atomically ({@link AtomicFileWriter}).
     *
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + IoErrors.reason(e), e);
        }
        String metricsJson = JSON.writeValueAsString(metrics());
        String foldsJson = JSON.writeValueAsString(folds);
        AtomicFileWriter.writeTextUnchecked(dir.resolve("metrics.json"), w -> w.write(metricsJson));
        AtomicFileWriter.writeTextUnchecked(dir.resolve("folds.json"), w -> w.write(foldsJson));
    }

    /** A plain-text summary for the terminal. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "out-of-sample predictions: %d folds%n", folds.size()));
        sb.append(String.format(Locale.ROOT, "  directional accuracy  %.4f over %d BUY/SELL calls%n", directionalAccuracy,
                directionalCount));
        sb.append(String.format(Locale.ROOT, "  3-class accuracy      %.4f%n", accuracy));
        sb.append(String.format(Locale.ROOT, "  log loss              %.4f (prior %.4f: %s)%n", logLoss, priorLogLoss,
                logLoss < priorLogLoss ? "better than the class frequencies" : "no better than the class frequencies"));
        sb.append(String.format(Locale.ROOT, "  Brier                 %.4f%n", brier));
        sb.append(String.format(Locale.ROOT, "  ECE (15 bins)         %.4f raw -> %.4f calibrated%n", eceBeforeCalibration,
                eceAfterCalibration));
        PerformanceMetrics p = performance;
        sb.append(String.format(Locale.ROOT, "backtest on those predictions (costs included):%n"));
        sb.append(String.format(Locale.ROOT, "  return %.2f%%  Sharpe %.2f  Sortino %.2f  Calmar %.2f  max drawdown %.2f%%%n",
                100 * p.totalReturn(), p.sharpe(), p.sortino(), p.calmar(), 100 * p.maxDrawdown()));
        sb.append(String.format(Locale.ROOT, "  trades %d  win rate %.2f  profit factor %.2f  turnover %.1f  costs %.2f%n",
                p.trades(), p.winRate(), p.profitFactor(), p.turnover(), p.costs()));
        sb.append(String.format(Locale.ROOT, "  PSR %.3f  DSR %.3f%n", p.psr(), p.dsr()));
        return sb.toString();
    }
}
