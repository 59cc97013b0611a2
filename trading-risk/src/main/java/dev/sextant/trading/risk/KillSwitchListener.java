package dev.sextant.trading.risk;

/**
 * Receives kill-switch events. This is how risk requests the cancellation of every working
 * order without depending on the broker module: the application registers a listener that
 * forwards {@link #onTripped} to its broker connector's cancel-all.
 *
 * <p>Listeners are called synchronously on the thread that tripped or re-armed the switch, never
 * while the {@link RiskEngine} holds its lock, so a listener may call back into the engine. A
 * listener that throws is logged and does not stop the others.
 */
public interface KillSwitchListener {
    /**
     * The switch tripped: cancel every working order now. Called once per trip (further
     * triggers while tripped do not call it again).
     *
     * @param trip what tripped it
     */
    void onTripped(KillSwitchTrip trip);

    /**
     * The switch was re-armed; new risk may be taken again. Does nothing by default.
     *
     * @param cleared  the trip that was cleared
     * @param operator who re-armed it
     */
    default void onRearmed(KillSwitchTrip cleared, String operator) {
    }
}
