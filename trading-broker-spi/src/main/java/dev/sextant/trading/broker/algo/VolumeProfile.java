package dev.sextant.trading.broker.algo;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * The volume a market trades at each time of day, averaged over the days of a history of
 * intraday bars: the input of a VWAP {@link ExecutionSchedule}. Immutable and thread-safe.
 *
 * <p>The day is cut into bins of the bars' time frame; a bin's volume is the total volume of the
 * history's bars that open in it divided by the number of distinct days in the history. Expected
 * volume over an interval spreads each bin's volume evenly over the bin.
 */
public final class VolumeProfile {
    private final ZoneId zone;
    private final long binMillis;
    private final double[] averageVolume;

    private VolumeProfile(ZoneId zone, long binMillis, double[] averageVolume) {
        this.zone = zone;
        this.binMillis = binMillis;
        this.averageVolume = averageVolume;
    }

    /**
     * The profile of {@code history}, by time of day in {@code zone}.
     *
     * @throws IllegalArgumentException if the history is empty, its time frame does not divide a
     *                                  day into whole bins, or it has no volume at all
     */
    public static VolumeProfile fromHistory(BarSeries history, ZoneId zone) {
        Checks.notNull(history, "history");
        Checks.notNull(zone, "zone");
        if (history.isEmpty()) {
            throw new IllegalArgumentException("volume profile needs bars but " + history.name() + " is empty");
        }
        long bin = history.timeFrame().millis();
        if (bin >= TimeFrame.MILLIS_PER_DAY || TimeFrame.MILLIS_PER_DAY % bin != 0) {
            throw new IllegalArgumentException("volume profile needs intraday bars that divide a day, but "
                    + history.name() + " has " + history.timeFrame());
        }
        double[] sum = new double[(int) (TimeFrame.MILLIS_PER_DAY / bin)];
        Set<LocalDate> days = new HashSet<>();
        double total = 0;
        for (int i = 0; i < history.size(); i++) {
            ZonedDateTime t = Instant.ofEpochMilli(history.time(i)).atZone(zone);
            days.add(t.toLocalDate());
            int b = (int) (t.toLocalTime().toNanoOfDay() / 1_000_000L / bin);
            sum[b] += history.volume(i);
            total += history.volume(i);
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("volume profile: " + history.name() + " has no volume");
        }
        for (int b = 0; b < sum.length; b++) {
            sum[b] /= days.size();
        }
        return new VolumeProfile(zone, bin, sum);
    }

    /** Width of a bin in ms (the history's time frame). */
    public long binMillis() {
        return binMillis;
    }

    /** Number of bins in a day. */
    public int bins() {
        return averageVolume.length;
    }

    /** Average volume of bin {@code bin} (bin 0 starts at midnight in the profile's zone). */
    public double averageVolume(int bin) {
        Checks.inRange(bin, 0, averageVolume.length - 1, "bin");
        return averageVolume[bin];
    }

    /** Volume expected between {@code fromMillis} and {@code toMillis} (epoch ms); 0 for an empty interval. */
    public double expectedVolume(long fromMillis, long toMillis) {
        double volume = 0;
        long t = fromMillis;
        while (t < toMillis) {
            long timeOfDay = Instant.ofEpochMilli(t).atZone(zone).toLocalTime().toNanoOfDay() / 1_000_000L;
            int b = (int) (timeOfDay / binMillis);
            long segmentEnd = Math.min(toMillis, t + (binMillis - timeOfDay % binMillis));
            volume += averageVolume[b] * (segmentEnd - t) / binMillis;
            t = segmentEnd;
        }
        return volume;
    }
}
