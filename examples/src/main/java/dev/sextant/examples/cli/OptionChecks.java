package dev.sextant.examples.cli;

import dev.sextant.trading.core.ErrorText;

/**
 * Checks on numeric command-line options, run before anything is allocated from them: a
 * {@code --train 2147483647} is an error naming the option and the data it must fit, not an
 * {@link OutOfMemoryError}. Every method throws {@link IllegalArgumentException} (exit code 2).
 */
final class OptionChecks {

    private OptionChecks() {
    }

    /** {@code value} if it is at least 1 and less than {@code bars}, the bars of {@code input}. */
    static int lessThanBars(String option, int value, int bars, Object input) {
        if (value < 1 || value >= bars) {
            throw new IllegalArgumentException(option + " must be from 1 to " + (bars - 1) + " (fewer than the " + bars
                    + " bars of " + input + ") but was " + value);
        }
        return value;
    }

    /** {@code value} if it is at least {@code min} and less than {@code bars}. */
    static int fromUpToBars(String option, int value, int min, int bars, Object input) {
        if (value < min || value >= bars) {
            throw new IllegalArgumentException(option + " must be from " + min + " to " + (bars - 1) + " (fewer than the "
                    + bars + " bars of " + input + ") but was " + value);
        }
        return value;
    }

    /** {@code value} if it is finite and at least {@code min} (inclusive). */
    static double finiteAtLeast(String option, double value, double min) {
        if (!Double.isFinite(value) || value < min) {
            throw new IllegalArgumentException(option + " must be a finite number of at least " + min + " but was "
                    + ErrorText.value(Double.toString(value)));
        }
        return value;
    }

    /** {@code value} if it is finite and in {@code (low, high]}. */
    static double finiteIn(String option, double value, double low, double high) {
        if (!(value > low && value <= high)) {
            throw new IllegalArgumentException(option + " must be above " + low + " and at most " + high + " but was "
                    + value);
        }
        return value;
    }

    /** Checks an account's {@code --cash}, {@code --spread-bps} and {@code --commission-bps}, in that order. */
    static void account(double cash, double spreadBps, double commissionBps) {
        finiteIn("--cash", cash, 0, 1e15);
        finiteAtLeast("--spread-bps", spreadBps, 0);
        finiteAtLeast("--commission-bps", commissionBps, 0);
    }

    /** Checks the fixed-fraction sizing's {@code --fraction} and {@code --min-edge-bps}, in that order. */
    static void sizing(double fraction, double minEdgeBps) {
        finiteIn("--fraction", fraction, 0, 1);
        finiteAtLeast("--min-edge-bps", minEdgeBps, 0);
    }

    /** {@code value} if it is at least 1. */
    static int positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be a positive whole number but was " + value);
        }
        return value;
    }
}
