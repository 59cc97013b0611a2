package dev.sextant.trading.engine.lifecycle;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.LabelStream;
import dev.sextant.trading.models.labels.Labels;
import java.util.Optional;

/**
 * Scores a champion's and a challenger's signals on one instrument's bars as they close, each
 * against the realised labels of its own label definition, into {@link PairedScores}: the scoring
 * half of {@link ShadowComparison}, for callers that already hold both models' signals (a
 * session's lineup runs the models itself).
 *
 * <p>On each close, the bar's two signals (either may be absent: warming up, no prediction) are
 * recorded; the close resolves each model's label of the bar {@code h} bars back
 * ({@link LabelStream}) and both models' strategy returns of the previous bar. A bar enters
 * {@link #scores()} once both models predicted it and both labels are known, that is {@code H}
 * bars later for the longer horizon {@code H}; bars on which either model gave no signal are left
 * out of both models' scores.
 *
 * <p>Holds {@code H + 1} bars of pending predictions besides the growing scores. Not thread-safe:
 * one thread feeds the closes, in time order.
 */
public final class PairedScoring {

    /** Pending state of one model on one bar. */
    private static final class Pending {
        final double[] probabilities = new double[3];
        boolean predicted;
        int sign;
        int label = Labels.UNDEFINED;
        double strategyReturn = Double.NaN;

        void reset() {
            predicted = false;
            sign = 0;
            label = Labels.UNDEFINED;
            strategyReturn = Double.NaN;
        }
    }

    private static final class Side {
        final LabelStream labels;
        final Pending[] pending;

        Side(FixedHorizonLabeler labeler, int slots) {
            labels = new LabelStream(labeler);
            pending = new Pending[slots];
            for (int i = 0; i < slots; i++) {
                pending[i] = new Pending();
            }
        }
    }

    private final Side champion;
    private final Side challenger;
    private final int horizon;
    private final PairedScores scores;
    private long bars;
    private double lastClose = Double.NaN;

    /**
     * @param champion   the champion's label definition
     * @param challenger the challenger's label definition
     */
    public PairedScoring(FixedHorizonLabeler champion, FixedHorizonLabeler challenger) {
        Checks.notNull(champion, "champion");
        Checks.notNull(challenger, "challenger");
        this.horizon = Math.max(champion.horizon(), challenger.horizon());
        this.champion = new Side(champion, horizon + 1);
        this.challenger = new Side(challenger, horizon + 1);
        this.scores = new PairedScores(horizon);
    }

    /** The longer of the two label horizons: a bar is scored this many bars after it closed. */
    public int horizon() {
        return horizon;
    }

    /** Closes fed so far. */
    public long bars() {
        return bars;
    }

    /** The scores of every bar resolved so far (live view; it grows as closes are fed). */
    public PairedScores scores() {
        return scores;
    }

    /**
     * Records one closed bar: both models' signals on it, and its close price.
     *
     * @param close      the bar's close price, positive
     * @param champion   the champion's signal on the bar, if it gave one
     * @param challenger the challenger's signal on the bar, if it gave one
     * @return whether this close added a bar to {@link #scores()}
     */
    public boolean onClose(double close, Optional<Signal> champion, Optional<Signal> challenger) {
        Checks.positive(close, "close");
        Checks.notNull(champion, "champion");
        Checks.notNull(challenger, "challenger");
        int slot = (int) (bars % (horizon + 1));
        double oneBarReturn = Double.isNaN(lastClose) ? Double.NaN : Math.log(close / lastClose);
        record(this.champion, slot, champion, close, oneBarReturn);
        record(this.challenger, slot, challenger, close, oneBarReturn);
        lastClose = close;
        long resolved = bars - horizon;
        bars++;
        if (resolved < 0) {
            return false;
        }
        int r = (int) (resolved % (horizon + 1));
        Pending a = this.champion.pending[r];
        Pending b = this.challenger.pending[r];
        if (a.predicted && b.predicted && a.label != Labels.UNDEFINED && b.label != Labels.UNDEFINED) {
            scores.add(outcome(a), outcome(b));
            return true;
        }
        return false;
    }

    private void record(Side s, int slot, Optional<Signal> signal, double close, double oneBarReturn) {
        Pending p = s.pending[slot];
        p.reset();
        if (signal.isPresent()) {
            ClassProbabilities c = signal.get().probabilities();
            p.probabilities[0] = c.sell();
            p.probabilities[1] = c.hold();
            p.probabilities[2] = c.buy();
            p.sign = signal.get().direction().sign();
            p.predicted = true;
        }
        int label = s.labels.onClose(close);
        int h = s.labels.labeler().horizon();
        if (bars >= h) {
            s.pending[(int) ((bars - h) % (horizon + 1))].label = label;
        }
        if (bars >= 1) {
            Pending previous = s.pending[(int) ((bars - 1) % (horizon + 1))];
            previous.strategyReturn = previous.sign * oneBarReturn;
        }
    }

    private static PairedScores.Outcome outcome(Pending p) {
        return new PairedScores.Outcome(new ClassProbabilities(p.probabilities[0], p.probabilities[1], p.probabilities[2]),
                p.label, p.strategyReturn);
    }
}
