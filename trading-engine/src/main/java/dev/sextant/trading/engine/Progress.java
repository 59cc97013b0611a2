package dev.sextant.trading.engine;

/**
 * Told how far a long piece of work has come: training a bundle ({@link BundleTrainer}), the folds
 * of a walk-forward ({@link WalkForward}, {@link Evaluation}). A command line draws a progress bar
 * with it; a service can publish it. Called on the thread doing the work, so an implementation must
 * return quickly and must not throw; calls for one task come in order, {@code done} never falling.
 */
@FunctionalInterface
public interface Progress {

    /** Ignores every update. */
    Progress NONE = (task, done, total) -> {
    };

    /**
     * {@code done} of {@code total} steps of {@code task} are finished.
     *
     * @param task  what is being done, in a few words, e.g. {@code "walk-forward folds"}
     * @param done  steps finished, 0 to {@code total}
     * @param total steps in all, at least 1
     */
    void update(String task, long done, long total);
}
