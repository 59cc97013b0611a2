package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Bar;

/** A bar under construction: open first, high max, low min, close last, volume summed. */
final class OhlcvBucket {
    long start = Long.MIN_VALUE;
    double open;
    double high;
    double low;
    double close;
    double volume;
    boolean active;

    void begin(long bucketStart, double o, double h, double l, double c, double v) {
        start = bucketStart;
        open = o;
        high = h;
        low = l;
        close = c;
        volume = v;
        active = true;
    }

    void add(double h, double l, double c, double v) {
        if (h > high) high = h;
        if (l < low) low = l;
        close = c;
        volume += v;
    }

    Bar takeBar() {
        active = false;
        return new Bar(start, open, high, low, close, volume);
    }
}
