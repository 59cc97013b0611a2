package dev.sextant.trading.engine.lifecycle;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.ClassProbabilities;
import java.util.Arrays;

/**
 * The champion's and the challenger's scores on the same bars, in time order: per bar each
 * model's log loss and Brier score against its own realised label, and the return of a strategy
 * that follows its signal. The sample a {@link PromotionRule} decides on.
 *
 * <p>The strategy return of a model on a bar is the sign of its signal direction (BUY +1, HOLD 0,
 * SELL -1) times the bar's next one-bar log return: a position taken at the close and held one
 * bar, gross of costs. The PSR of the challenger's minus the champion's strategy returns says
 * whether the better loss would also have earned more.
 *
 * <p>Grows as bars are added (amortised O(1), 48 bytes per bar). Not thread-safe.
 */
public final class PairedScores {

    /**
     * One model's outcome on one bar.
     *
     * @param probabilities  the model's SELL/HOLD/BUY probabilities for the bar
     * @param label          the realised class under the model's own label definition, 0 to 2
     * @param strategyReturn the return of following the model's signal over the next bar, finite
     */
    public record Outcome(ClassProbabilities probabilities, int label, double strategyReturn) {
        /** Validates. */
        public Outcome {
            Checks.notNull(probabilities, "probabilities");
            Checks.inRange(label, 0, 2, "label");
            Checks.finite(strategyReturn, "strategyReturn");
        }
    }

    private final int horizon;
    private double[] logLossChampion = new double[64];
    private double[] logLossChallenger = new double[64];
    private double[] brierChampion = new double[64];
    private double[] brierChallenger = new double[64];
    private double[] returnChampion = new double[64];
    private double[] returnChallenger = new double[64];
    private final double[] probabilities = new double[3];
    private int size;

    /**
     * @param horizon the longer of the two models' label horizons in bars: the losses of
     *                overlapping h-bar labels are autocorrelated up to lag h - 1, which the test's
     *                HAC variance must cover
     */
    public PairedScores(int horizon) {
        this.horizon = Checks.positive(horizon, "horizon");
    }

    /** The label horizon the test accounts for. */
    public int horizon() {
        return horizon;
    }

    /** Bars scored. */
    public int size() {
        return size;
    }

    /**
     * Adds one bar's outcomes.
     *
     * @param champion   the champion's outcome
     * @param challenger the challenger's outcome on the same bar
     */
    public void add(Outcome champion, Outcome challenger) {
        Checks.notNull(champion, "champion");
        Checks.notNull(challenger, "challenger");
        if (size == logLossChampion.length) {
            int n = size * 2;
            logLossChampion = Arrays.copyOf(logLossChampion, n);
            logLossChallenger = Arrays.copyOf(logLossChallenger, n);
            brierChampion = Arrays.copyOf(brierChampion, n);
            brierChallenger = Arrays.copyOf(brierChallenger, n);
            returnChampion = Arrays.copyOf(returnChampion, n);
            returnChallenger = Arrays.copyOf(returnChallenger, n);
        }
        fill(champion.probabilities());
        logLossChampion[size] = LossKind.LOG_LOSS.loss(probabilities, 0, champion.label());
        brierChampion[size] = LossKind.BRIER.loss(probabilities, 0, champion.label());
        fill(challenger.probabilities());
        logLossChallenger[size] = LossKind.LOG_LOSS.loss(probabilities, 0, challenger.label());
        brierChallenger[size] = LossKind.BRIER.loss(probabilities, 0, challenger.label());
        returnChampion[size] = champion.strategyReturn();
        returnChallenger[size] = challenger.strategyReturn();
        size++;
    }

    private void fill(ClassProbabilities p) {
        probabilities[0] = p.sell();
        probabilities[1] = p.hold();
        probabilities[2] = p.buy();
    }

    /** The champion's mean loss of {@code kind}; NaN with no bars. */
    public double meanLossChampion(LossKind kind) {
        return mean(kind == LossKind.LOG_LOSS ? logLossChampion : brierChampion);
    }

    /** The challenger's mean loss of {@code kind}; NaN with no bars. */
    public double meanLossChallenger(LossKind kind) {
        return mean(kind == LossKind.LOG_LOSS ? logLossChallenger : brierChallenger);
    }

    /** Per bar, the champion's loss minus the challenger's (positive where the challenger did better). */
    public double[] lossDifferences(LossKind kind) {
        Checks.notNull(kind, "kind");
        double[] a = kind == LossKind.LOG_LOSS ? logLossChampion : brierChampion;
        double[] b = kind == LossKind.LOG_LOSS ? logLossChallenger : brierChallenger;
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /** Per bar, the challenger's strategy return minus the champion's. */
    public double[] returnDifferences() {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = returnChallenger[i] - returnChampion[i];
        }
        return d;
    }

    private double mean(double[] x) {
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += x[i];
        }
        return s / size;
    }
}
