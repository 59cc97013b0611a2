package dev.sextant.trading.risk;

/** Why an open position should be closed. */
public enum ExitReason {
    /** The price moved against the position by the stop-loss fraction from the entry price. */
    STOP_LOSS,
    /** The price moved in favour of the position by the take-profit fraction from the entry price. */
    TAKE_PROFIT,
    /** The price fell back by the trailing fraction from the best price since entry. */
    TRAILING_STOP
}
