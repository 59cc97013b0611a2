package dev.sextant.trading.core;

import dev.sextant.trading.core.internal.BarRules;
import java.time.Instant;
import java.util.Arrays;

/**
 * An append-only series of bars for one instrument, stored column by column in primitive arrays
 * ({@code long[]} times, {@code double[]} open/high/low/close/volume): 48 bytes of payload per bar,
 * and at most 60 bytes per bar including growth slack (capacity grows by 25%).
 *
 * <p>Appends are amortised O(1) and validate the bar and that its time is strictly after the last
 * one. {@link #view(int, int)} returns a read-only, zero-copy window over a range; because the
 * series only grows, a view stays valid while the parent is appended to.
 *
 * <p>Not thread-safe for writes: one thread appends. Readers on other threads need their own
 * happens-before (e.g. hand over the series after loading, or use views of already-published
 * ranges).
 */
public final class BarSeries {
    private static final int MIN_CAPACITY = 16;

    private final String name;
    private final TimeFrame timeFrame;
    // Shared with views: a view reads the same arrays at an offset. Replaced on growth, which is
    // safe because views keep the old arrays and the old arrays' prefix never changes.
    private long[] time;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    private final int offset;
    private int size;
    private final boolean view;

    /**
     * An empty series.
     *
     * @param name      label, e.g. the instrument symbol; not blank
     * @param timeFrame the bar length, or {@code null} when unknown or irregular
     * @param capacity  initial capacity in bars (non-negative)
     */
    public BarSeries(String name, TimeFrame timeFrame, int capacity) {
        this.name = Checks.notBlank(name, "name");
        this.timeFrame = timeFrame;
        int cap = Math.max(MIN_CAPACITY, Checks.nonNegative(capacity, "capacity"));
        this.time = new long[cap];
        this.open = new double[cap];
        this.high = new double[cap];
        this.low = new double[cap];
        this.close = new double[cap];
        this.volume = new double[cap];
        this.offset = 0;
        this.size = 0;
        this.view = false;
    }

    /** An empty series with a default capacity. */
    public BarSeries(String name, TimeFrame timeFrame) {
        this(name, timeFrame, MIN_CAPACITY);
    }

    private BarSeries(BarSeries parent, int from, int to) {
        this.name = parent.name;
        this.timeFrame = parent.timeFrame;
        this.time = parent.time;
        this.open = parent.open;
        this.high = parent.high;
        this.low = parent.low;
        this.close = parent.close;
        this.volume = parent.volume;
        this.offset = parent.offset + from;
        this.size = to - from;
        this.view = true;
    }

    private BarSeries(BarSeries source, TimeFrame timeFrame) {
        this.name = source.name;
        this.timeFrame = timeFrame;
        int from = source.offset;
        int cap = Math.max(MIN_CAPACITY, source.size);
        this.time = Arrays.copyOfRange(source.time, from, from + cap);
        this.open = Arrays.copyOfRange(source.open, from, from + cap);
        this.high = Arrays.copyOfRange(source.high, from, from + cap);
        this.low = Arrays.copyOfRange(source.low, from, from + cap);
        this.close = Arrays.copyOfRange(source.close, from, from + cap);
        this.volume = Arrays.copyOfRange(source.volume, from, from + cap);
        this.offset = 0;
        this.size = source.size;
        this.view = false;
    }

    /**
     * A new series with this series' name and bars, labelled {@code timeFrame}. The columns are
     * copied in bulk, without checking each bar again (every bar was checked when appended); the
     * copy holds exactly its bars (at least 16 of capacity) and may be appended to. Of a view, it
     * copies the bars of the view.
     *
     * @param timeFrame the bar length, or {@code null} when unknown or irregular
     */
    public BarSeries withTimeFrame(TimeFrame timeFrame) {
        return new BarSeries(this, timeFrame);
    }

    /** The series label. */
    public String name() {
        return name;
    }

    /** The bar length, or {@code null} when unknown. */
    public TimeFrame timeFrame() {
        return timeFrame;
    }

    /** Number of bars. */
    public int size() {
        return size;
    }

    /** Bars the storage holds before it must grow (the size, for a view). */
    public int capacity() {
        return view ? size : time.length;
    }

    /** Whether there are no bars. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Whether this is a read-only view of another series. */
    public boolean isView() {
        return view;
    }

    /**
     * Appends a bar.
     *
     * @throws IllegalArgumentException if the values are invalid (see {@link Bar}) or
     *                                  {@code t} is not strictly after the last bar's time
     * @throws IllegalStateException    if this is a view
     */
    public void append(long t, double o, double h, double l, double c, double v) {
        if (view) {
            throw new IllegalStateException("cannot append to a view of series " + name);
        }
        BarRules.Violation violation = BarRules.check(o, h, l, c, v);
        if (violation != null) {
            throw new IllegalArgumentException("bar at " + Instant.ofEpochMilli(t) + ": " + violation.field()
                    + " " + violation.value() + " " + violation.reason());
        }
        if (size > 0 && t <= time[size - 1]) {
            throw new IllegalArgumentException("bar time " + Instant.ofEpochMilli(t)
                    + " is not after the previous bar time " + Instant.ofEpochMilli(time[size - 1]));
        }
        if (size == time.length) {
            grow();
        }
        time[size] = t;
        open[size] = o;
        high[size] = h;
        low[size] = l;
        close[size] = c;
        volume[size] = v;
        size++;
    }

    /** Appends {@code bar}; see {@link #append(long, double, double, double, double, double)}. */
    public void append(Bar bar) {
        append(bar.time(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    }

    /**
     * Makes room for at least {@code minCapacity} bars, so that appending up to that many does
     * not copy the columns again (as {@code ArrayList.ensureCapacity}); no effect if there is
     * room already.
     *
     * @throws IllegalStateException if this is a view
     */
    public void ensureCapacity(int minCapacity) {
        if (view) {
            throw new IllegalStateException("cannot grow a view of series " + name);
        }
        if (minCapacity > time.length) {
            resize(minCapacity);
        }
    }

    private void grow() {
        resize(Math.max(MIN_CAPACITY, time.length + (time.length >> 2)));
    }

    private void resize(int cap) {
        time = Arrays.copyOf(time, cap);
        open = Arrays.copyOf(open, cap);
        high = Arrays.copyOf(high, cap);
        low = Arrays.copyOf(low, cap);
        close = Arrays.copyOf(close, cap);
        volume = Arrays.copyOf(volume, cap);
    }

    /** Shrinks the storage to exactly {@link #size()} bars (keeps a minimum of 16). */
    public void trimToSize() {
        if (view) {
            return;
        }
        int cap = Math.max(MIN_CAPACITY, size);
        if (cap < time.length) {
            resize(cap);
        }
    }

    private int index(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("bar index " + i + " outside [0, " + size + ") of series " + name);
        }
        return offset + i;
    }

    /** Open time of bar {@code i}, epoch milliseconds. */
    public long time(int i) {
        return time[index(i)];
    }

    /** Open price of bar {@code i}. */
    public double open(int i) {
        return open[index(i)];
    }

    /** High price of bar {@code i}. */
    public double high(int i) {
        return high[index(i)];
    }

    /** Low price of bar {@code i}. */
    public double low(int i) {
        return low[index(i)];
    }

    /** Close price of bar {@code i}. */
    public double close(int i) {
        return close[index(i)];
    }

    /** Volume of bar {@code i}. */
    public double volume(int i) {
        return volume[index(i)];
    }

    /** Bar {@code i} as a record (allocates; hot paths read the columns instead). */
    public Bar bar(int i) {
        int k = index(i);
        return new Bar(time[k], open[k], high[k], low[k], close[k], volume[k]);
    }

    /** The last bar's open time; throws if empty. */
    public long lastTime() {
        return time(size - 1);
    }

    /** Index of the bar with open time {@code t}, or {@code -(insertion point) - 1} (binary search). */
    public int indexOf(long t) {
        int k = Arrays.binarySearch(time, offset, offset + size, t);
        return k >= 0 ? k - offset : -((-k - 1) - offset) - 1;
    }

    /**
     * A read-only zero-copy view of bars {@code [from, to)}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the series
     */
    public BarSeries view(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside [0, " + size + ") of series " + name);
        }
        return new BarSeries(this, from, to);
    }

    /** Copies the close column of {@code [from, to)} into {@code dst} starting at 0. */
    public void copyCloses(int from, int to, double[] dst) {
        view(from, to);
        System.arraycopy(close, offset + from, dst, 0, to - from);
    }

    @Override
    public String toString() {
        return "BarSeries[" + name + ", " + (timeFrame == null ? "?" : timeFrame.label()) + ", " + size + " bars]";
    }
}
