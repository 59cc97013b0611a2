package dev.sextant.trading.models.drift;

/**
 * Receives a {@link DriftMonitor}'s alerts, on the thread that feeds the monitor, within the
 * bar's processing: return quickly.
 */
@FunctionalInterface
public interface DriftListener {

    /** A listener that ignores every alert. */
    DriftListener NONE = alert -> {
    };

    /** Called once per alert. */
    void onAlert(DriftAlert alert);
}
