package dev.sextant.trading.engine.lifecycle;

import dev.sextant.trading.core.ClassProbabilities;
import java.util.SplittableRandom;

/**
 * Two forecasters of a synthetic three-class process, for the promotion-rule properties.
 *
 * <p>A latent state {@code z_t} follows an AR(1) with coefficient 0.5 and unit variance; the true
 * class probabilities are {@code softmax(-β z, 0, β z)} with β = 1.5, and the label is drawn from
 * them. Each model sees {@code z_t + σ e_t}, where its error {@code e_t} is a moving sum of the
 * last {@value #ERROR_MEMORY} unit shocks scaled to unit variance (so the loss differences are
 * autocorrelated up to lag 4, as those of overlapping 5-bar labels are), and predicts with the
 * true link. Equal σ: equally good models; a smaller σ: a real edge. A model's strategy return is
 * its direction's sign times a return that is positive when the label is BUY, negative on SELL.
 */
final class SyntheticForecasts {
    static final int ERROR_MEMORY = 5;
    static final double BETA = 1.5;

    private final SplittableRandom rng;
    private final double sigmaChampion;
    private final double sigmaChallenger;
    private final double[] shocksChampion = new double[ERROR_MEMORY];
    private final double[] shocksChallenger = new double[ERROR_MEMORY];
    private double z;
    private int t;

    SyntheticForecasts(long seed, double sigmaChampion, double sigmaChallenger) {
        this.rng = new SplittableRandom(seed);
        this.sigmaChampion = sigmaChampion;
        this.sigmaChallenger = sigmaChallenger;
        this.z = rng.nextGaussian();
        for (int i = 0; i < ERROR_MEMORY; i++) {
            shocksChampion[i] = rng.nextGaussian();
            shocksChallenger[i] = rng.nextGaussian();
        }
    }

    /** Scores {@code bars} more bars into {@code scores}. */
    void fill(PairedScores scores, int bars) {
        fill(scores, null, bars);
    }

    /** Scores {@code bars} more bars into {@code scores} and, with the roles swapped, into {@code swapped} (if not null). */
    void fill(PairedScores scores, PairedScores swapped, int bars) {
        for (int i = 0; i < bars; i++) {
            z = 0.5 * z + Math.sqrt(0.75) * rng.nextGaussian();
            ClassProbabilities truth = probabilities(z);
            double u = rng.nextDouble();
            int label = u < truth.sell() ? 0 : u < truth.sell() + truth.hold() ? 1 : 2;
            double move = (label - 1) * 0.01 + 0.002 * rng.nextGaussian();
            ClassProbabilities a = probabilities(z + sigmaChampion * error(shocksChampion));
            ClassProbabilities b = probabilities(z + sigmaChallenger * error(shocksChallenger));
            PairedScores.Outcome champion = new PairedScores.Outcome(a, label, a.argmax().sign() * move);
            PairedScores.Outcome challenger = new PairedScores.Outcome(b, label, b.argmax().sign() * move);
            scores.add(champion, challenger);
            if (swapped != null) {
                swapped.add(challenger, champion);
            }
            t++;
        }
    }

    private double error(double[] shocks) {
        shocks[t % ERROR_MEMORY] = rng.nextGaussian();
        double s = 0;
        for (double x : shocks) {
            s += x;
        }
        return s / Math.sqrt(ERROR_MEMORY);
    }

    static ClassProbabilities probabilities(double signal) {
        double up = Math.exp(BETA * signal);
        double down = Math.exp(-BETA * signal);
        double sum = up + 1 + down;
        return new ClassProbabilities(down / sum, 1 / sum, up / sum);
    }
}
