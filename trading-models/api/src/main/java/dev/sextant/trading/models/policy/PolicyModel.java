package dev.sextant.trading.models.policy;

import dev.sextant.trading.models.Model;

/**
 * A trading policy's actor as a model: an observation of its {@link #layout()} in, direction
 * probabilities (SELL, HOLD, BUY) and a position size in [0, 1] out. Implementations are model
 * types like any other (found by ServiceLoader, carried in verified bundles); a policy signal
 * source builds the observation from the real account with {@link PolicyObservation} and calls
 * {@link #act}.
 *
 * <p>As a plain {@link Model} a policy reads the raw feature window ({@code window x features},
 * oldest first) and answers for a flat account: the direction probabilities, with the size as the
 * confidence.
 */
public interface PolicyModel extends Model {

    /** What the policy observes. */
    PolicyLayout layout();

    /**
     * Runs the actor on one observation.
     *
     * @param observation   {@link PolicyLayout#observationSize()} finite values
     * @param probabilities receives SELL, HOLD, BUY probabilities in [0..2]
     * @return the proposed size in [0, 1] (for a stochastic policy, its mean)
     * @throws dev.sextant.trading.models.ModelInputException if the observation has the wrong
     *                                                        length or a non-finite value
     */
    double act(double[] observation, double[] probabilities);
}
