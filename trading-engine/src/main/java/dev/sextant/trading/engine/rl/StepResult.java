package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.Checks;

/**
 * The outcome of one {@link TradingEnvironment#step}, as in Gymnasium.
 *
 * @param observation the observation at the new bar's close ({@link EnvironmentConfig#observationSize()} values)
 * @param reward      change in log equity after costs minus the penalties, times the reward scale
 * @param terminated  whether the episode ended inside the task (equity no longer positive)
 * @param truncated   whether the episode was cut off (episode length reached, or the data ended)
 * @param info        what happened
 */
public record StepResult(double[] observation, double reward, boolean terminated, boolean truncated, StepInfo info) {

    /** Validates. */
    public StepResult {
        Checks.notNull(observation, "observation");
        Checks.notNull(info, "info");
    }

    /** Whether the episode is over (terminated or truncated). */
    public boolean done() {
        return terminated || truncated;
    }
}
