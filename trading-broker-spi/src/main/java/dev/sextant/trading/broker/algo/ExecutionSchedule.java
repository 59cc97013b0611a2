package dev.sextant.trading.broker.algo;

import dev.sextant.trading.core.Checks;
import java.time.Instant;
import java.util.Arrays;

/**
 * How a parent order's quantity is spread over a horizon {@code [start, end)} cut into equal
 * slices: slice {@code i} starts at {@code start + i * (end - start) / slices} and is given the
 * fraction {@link #weight(int)} of the quantity. TWAP weighs slices equally; VWAP by the volume
 * a {@link VolumeProfile} expects in each. Immutable and thread-safe.
 */
public final class ExecutionSchedule {
    private final long start;
    private final long end;
    private final double[] weights;
    private final double[] cumulative;

    private ExecutionSchedule(long start, long end, double[] weights) {
        this.start = start;
        this.end = end;
        this.weights = weights;
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        cumulative[weights.length - 1] = 1.0;
    }

    /**
     * Equal slices: time-weighted average price.
     *
     * @param startMillis horizon start, epoch ms
     * @param endMillis   horizon end, epoch ms, after the start by at least one ms per slice
     * @param slices      number of slices, positive
     */
    public static ExecutionSchedule twap(long startMillis, long endMillis, int slices) {
        checkHorizon(startMillis, endMillis, slices);
        double[] w = new double[slices];
        Arrays.fill(w, 1.0 / slices);
        return new ExecutionSchedule(startMillis, endMillis, w);
    }

    /**
     * Slices weighted by the volume {@code profile} expects in each: volume-weighted average price.
     *
     * @throws IllegalArgumentException if the profile expects no volume anywhere in the horizon
     */
    public static ExecutionSchedule vwap(long startMillis, long endMillis, int slices, VolumeProfile profile) {
        checkHorizon(startMillis, endMillis, slices);
        Checks.notNull(profile, "profile");
        double[] w = new double[slices];
        double total = 0;
        for (int i = 0; i < slices; i++) {
            w[i] = profile.expectedVolume(sliceStart(startMillis, endMillis, slices, i),
                    sliceStart(startMillis, endMillis, slices, i + 1));
            total += w[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("volume profile expects no volume between " + Instant.ofEpochMilli(startMillis)
                    + " and " + Instant.ofEpochMilli(endMillis));
        }
        for (int i = 0; i < slices; i++) {
            w[i] /= total;
        }
        return new ExecutionSchedule(startMillis, endMillis, w);
    }

    private static void checkHorizon(long start, long end, int slices) {
        Checks.positive(slices, "slices");
        if (end - start < slices) {
            throw new IllegalArgumentException("horizon " + Instant.ofEpochMilli(start) + " to " + Instant.ofEpochMilli(end)
                    + " is too short for " + slices + " slices");
        }
    }

    private static long sliceStart(long start, long end, int slices, int i) {
        return start + Math.multiplyExact(end - start, (long) i) / slices;
    }

    /** Horizon start, epoch ms. */
    public long start() {
        return start;
    }

    /** Horizon end, epoch ms: any remainder is cancelled then. */
    public long end() {
        return end;
    }

    /** Number of slices. */
    public int slices() {
        return weights.length;
    }

    /** Start of slice {@code i} in [0, slices), epoch ms. */
    public long sliceStart(int i) {
        Checks.inRange(i, 0, weights.length - 1, "slice");
        return sliceStart(start, end, weights.length, i);
    }

    /** Fraction of the quantity given to slice {@code i}, in [0, 1]; the weights sum to 1. */
    public double weight(int i) {
        Checks.inRange(i, 0, weights.length - 1, "slice");
        return weights[i];
    }

    /** Fraction of the quantity due by the end of slice {@code i}; 1 for the last slice. */
    public double cumulativeFraction(int i) {
        Checks.inRange(i, 0, weights.length - 1, "slice");
        return cumulative[i];
    }

    /** The slice that contains {@code timeMillis}: -1 before the start, {@code slices} at or after the end. */
    public int sliceAt(long timeMillis) {
        if (timeMillis < start) {
            return -1;
        }
        if (timeMillis >= end) {
            return weights.length;
        }
        int i = (int) ((timeMillis - start) * weights.length / (end - start));
        // Integer division of the slice starts can put a boundary one ms off; step to the right slice.
        while (i + 1 < weights.length && sliceStart(i + 1) <= timeMillis) {
            i++;
        }
        while (i > 0 && sliceStart(i) > timeMillis) {
            i--;
        }
        return i;
    }
}
