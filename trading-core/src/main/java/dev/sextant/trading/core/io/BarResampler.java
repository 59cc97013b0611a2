package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/**
 * Resamples bars to a coarser time frame aligned to multiples of its length since the epoch:
 * open first, high max, low min, close last, volume summed.
 *
 * <p>Streaming: {@link #onBar} returns a coarser bar only once it has closed, that is when the
 * source bar that ends exactly at the coarse boundary arrives, or when a bar of a later coarse
 * interval arrives (after a gap). A coarse bar is therefore never visible before the last source
 * bar it contains has closed, which is what keeps multi-timeframe features free of look-ahead.
 * Not thread-safe.
 */
public final class BarResampler {
    private final TimeFrame source;
    private final TimeFrame target;
    private final OhlcvBucket bucket = new OhlcvBucket();
    private long lastTime = Long.MIN_VALUE;
    private Bar pending;

    /**
     * @param source the time frame of the incoming bars
     * @param target the coarser time frame; a whole multiple of {@code source}
     */
    public BarResampler(TimeFrame source, TimeFrame target) {
        this.source = Checks.notNull(source, "source");
        this.target = Checks.notNull(target, "target");
        if (target.millis() % source.millis() != 0 || target.millis() < source.millis()) {
            throw new IllegalArgumentException("target time frame " + target + " must be a whole multiple of source " + source);
        }
    }

    /**
     * Writes the exact streaming state (time frames, last bar time, the coarser bar under
     * construction and a closed bar waiting in {@link #pollPending()}) so that {@link #readState}
     * into a resampler of the same time frames continues exactly as this one would.
     *
     * @param out where to write
     * @throws IOException from {@code out}
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(source.millis());
        out.writeLong(target.millis());
        out.writeLong(lastTime);
        out.writeBoolean(bucket.active);
        out.writeLong(bucket.start);
        out.writeDouble(bucket.open);
        out.writeDouble(bucket.high);
        out.writeDouble(bucket.low);
        out.writeDouble(bucket.close);
        out.writeDouble(bucket.volume);
        out.writeBoolean(pending != null);
        if (pending != null) {
            out.writeLong(pending.time());
            out.writeDouble(pending.open());
            out.writeDouble(pending.high());
            out.writeDouble(pending.low());
            out.writeDouble(pending.close());
            out.writeDouble(pending.volume());
        }
    }

    /**
     * Replaces this resampler's state with one written by {@link #writeState}.
     *
     * @param in where to read
     * @throws StateFormatException if the state is of other time frames or holds an invalid
     *                              waiting bar; this resampler is then as newly created
     * @throws IOException          from {@code in} (an {@link java.io.EOFException} when it ends early)
     */
    public void readState(DataInput in) throws IOException {
        long s = in.readLong();
        long t = in.readLong();
        if (s != source.millis() || t != target.millis()) {
            clearState();
            throw new StateFormatException("bar resampler state", StateFormatException.Problem.FOREIGN, "saved for "
                    + s + " ms bars into " + t + " ms bars but this resampler turns " + source + " into " + target);
        }
        lastTime = in.readLong();
        bucket.active = in.readBoolean();
        bucket.start = in.readLong();
        bucket.open = in.readDouble();
        bucket.high = in.readDouble();
        bucket.low = in.readDouble();
        bucket.close = in.readDouble();
        bucket.volume = in.readDouble();
        pending = null;
        if (in.readBoolean()) {
            try {
                pending = new Bar(in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble());
            } catch (IllegalArgumentException e) {
                clearState();
                throw new StateFormatException("bar resampler state", StateFormatException.Problem.CORRUPT,
                        "the waiting bar is invalid: " + e.getMessage());
            }
        }
    }

    private void clearState() {
        lastTime = Long.MIN_VALUE;
        bucket.active = false;
        bucket.start = Long.MIN_VALUE;
        pending = null;
    }

    /**
     * Adds one source bar.
     *
     * @return the coarser bar that this bar closed, or {@code null}. After a gap one source bar
     *         can close two coarse bars (the interval before the gap, and its own interval when
     *         it is that interval's last bar): the earlier is returned and the later is
     *         available at once from {@link #pollPending()}. Drain with
     *         {@code for (Bar b = r.onBar(x); b != null; b = r.pollPending())}.
     * @throws IllegalArgumentException if bar times do not strictly increase
     * @throws IllegalStateException    if the previous call left a bar in {@link #pollPending()}
     */
    public Bar onBar(Bar bar) {
        if (bar.time() <= lastTime) {
            throw new IllegalArgumentException("bar at " + bar.instant() + " is not after the previous bar at "
                    + Instant.ofEpochMilli(lastTime));
        }
        if (pending != null) {
            throw new IllegalStateException("a closed bar is waiting: take it with pollPending() before the next bar");
        }
        lastTime = bar.time();
        Bar out = null;
        long start = target.alignStart(bar.time());
        if (bucket.active && start != bucket.start) {
            Bar closed = bucket.takeBar();
            if (out == null) {
                out = closed;
            } else {
                pending = closed;
            }
        }
        if (bucket.active) {
            bucket.add(bar.high(), bar.low(), bar.close(), bar.volume());
        } else {
            bucket.begin(start, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
        }
        if (bar.time() + source.millis() >= start + target.millis()) {
            Bar closed = bucket.takeBar();
            if (out == null) {
                out = closed;
            } else {
                pending = closed;
            }
        }
        return out;
    }

    /** Whether a closed bar is waiting to be taken (see {@link #onBar}). */
    public boolean hasPending() {
        return pending != null;
    }

    /** Takes the closed bar waiting after {@link #onBar}, or returns {@code null}. */
    public Bar pollPending() {
        Bar p = pending;
        pending = null;
        return p;
    }

    /**
     * At the end of the data: returns a pending closed bar if any, else the incomplete bar under
     * construction (whose interval had not ended), else {@code null}. Call until it returns null.
     */
    public Bar flush() {
        if (pending != null) {
            Bar p = pending;
            pending = null;
            return p;
        }
        return bucket.active ? bucket.takeBar() : null;
    }

    /**
     * Resamples a whole series. Only closed coarse bars are kept unless {@code includePartial},
     * in which case the final incomplete bar is appended too.
     */
    public static BarSeries resample(BarSeries series, TimeFrame target, boolean includePartial) {
        TimeFrame src = series.timeFrame() != null ? series.timeFrame() : SeriesSummary.detectTimeFrame(series);
        if (src == null) {
            src = target;
        }
        BarResampler r = new BarResampler(src, target);
        BarSeries out = new BarSeries(series.name(), target, series.size() / (int) Math.max(1, target.millis() / src.millis()) + 1);
        for (int i = 0; i < series.size(); i++) {
            for (Bar b = r.onBar(series.bar(i)); b != null; b = r.pollPending()) {
                out.append(b);
            }
        }
        if (includePartial) {
            Bar b = r.flush();
            if (b != null) {
                out.append(b);
            }
        }
        out.trimToSize();
        return out;
    }
}
