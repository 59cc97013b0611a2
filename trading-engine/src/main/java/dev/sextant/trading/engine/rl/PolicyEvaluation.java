package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Backtester;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.engine.report.EvaluationReport;
import dev.sextant.trading.models.policy.PolicyModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A policy evaluated on bars it was not trained on: a {@link Backtester} run with the policy as
 * the {@link PolicySignalSource} (the pipeline, the paper broker, every pre-trade check), and a
 * report with the same fixed keys as a walk-forward's {@code metrics.json}
 * ({@link EvaluationReport#KEYS}). {@code oos_directional_accuracy} is the share of the policy's
 * BUY and SELL signals whose direction matches the sign of the next bar's close-to-close return
 * (a zero return matches neither), over {@code n_directional} such signals that have a next bar.
 * The classification keys ({@code oos_accuracy}, log losses, Brier, ECE) do not apply to a policy
 * and are {@code null}; {@code folds.json} is an empty list.
 *
 * @param report   the metrics
 * @param backtest the backtest, decisions kept
 */
public record PolicyEvaluation(EvaluationReport report, BacktestResult backtest) {

    /** Validates. */
    public PolicyEvaluation {
        Checks.notNull(report, "report");
        Checks.notNull(backtest, "backtest");
    }

    /**
     * Runs {@code policy} over {@code bars} with {@code base}'s market, account, costs and limits;
     * sizing is {@link EnvironmentConfig#sizing(double)} at the policy's largest position.
     */
    public static PolicyEvaluation run(PolicyModel policy, BarSeries bars, BacktestConfig base) {
        Checks.notNull(policy, "policy");
        Checks.notNull(bars, "bars");
        BacktestConfig cfg = Checks.notNull(base, "base").toBuilder()
                .sizing(EnvironmentConfig.sizing(policy.layout().maxFraction()))
                .keepDecisions(true).build();
        String id = policy.metadata().id();
        BacktestResult r = Backtester.run(bars, new PolicySignalSource(policy, null, id, "1"), cfg);
        int calls = 0;
        int hits = 0;
        List<Decision> decisions = r.decisions();
        for (int t = 0; t + 1 < decisions.size(); t++) {
            Optional<Signal> s = signalOf(decisions.get(t));
            if (s.isEmpty() || s.get().direction() == Direction.HOLD) {
                continue;
            }
            calls++;
            double move = bars.close(t + 1) - bars.close(t);
            if (Math.signum(move) == s.get().direction().sign()) {
                hits++;
            }
        }
        EvaluationReport report = new EvaluationReport(calls == 0 ? Double.NaN : (double) hits / calls, calls,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, r.performance(), List.of());
        return new PolicyEvaluation(report, r);
    }

    /** The signal a decision acted on, if it had one. */
    static Optional<Signal> signalOf(Decision d) {
        return switch (d) {
            case Decision.Hold h -> Optional.of(h.signal());
            case Decision.CircuitOpen c -> Optional.of(c.suppressed());
            case Decision.EdgeBelowMinimum e -> Optional.of(e.signal());
            case Decision.NotSized n -> Optional.of(n.signal());
            case Decision.Rejected x -> Optional.of(x.signal());
            case Decision.Sent s -> Optional.of(s.signal());
            case Decision.Resized s -> Optional.of(s.signal());
            case Decision.BrokerRefused b -> Optional.of(b.signal());
            default -> Optional.empty();
        };
    }

    /** Writes {@code metrics.json} and {@code folds.json} into {@code dir}. */
    public void write(Path dir) {
        report.write(dir);
    }
}
