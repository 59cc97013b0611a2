package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Session-anchored VWAP: {@code sum(tp * v) / sum(v)} over the bars of the current session, with
 * typical price {@code tp = (h + l + c) / 3}; the sums restart at the first bar whose open time
 * falls into a new session, sessions being the intervals of {@code session} aligned to the epoch
 * (UTC days for {@link TimeFrame#D1}). While the session has no volume yet, the plain average of
 * its typical prices. Warm-up 0. O(1). Not thread-safe.
 */
public final class SessionVwap extends AbstractBarIndicator {
    private final TimeFrame session;
    private long sessionStart = Long.MIN_VALUE;
    private double sumPv;
    private double sumV;
    private double sumTp;
    private int count;
    private double value = Double.NaN;

    /** VWAP anchored at each UTC day. */
    public SessionVwap() {
        this(TimeFrame.D1);
    }

    /**
     * Creates an instance with the given parameter.
     *
     * @param session the session length; sessions are aligned to multiples of it since the epoch
     */
    public SessionVwap(TimeFrame session) {
        super(name(session), name(session));
        this.session = Checks.notNull(session, "session");
    }

    private static String name(TimeFrame session) {
        return session.equals(TimeFrame.D1) ? "session_vwap" : "session_vwap_" + session.label();
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return 0;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        out.writeLong(sessionStart);
        out.writeDouble(sumPv);
        out.writeDouble(sumV);
        out.writeDouble(sumTp);
        out.writeInt(count);
        out.writeDouble(value);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        sessionStart = in.readLong();
        sumPv = in.readDouble();
        sumV = in.readDouble();
        sumTp = in.readDouble();
        count = readIndex(in, Integer.MAX_VALUE, "count");
        value = in.readDouble();
    }

    @Override
    void push(long time, double open, double high, double low, double close, double volume) {
        long start = session.alignStart(time);
        if (start != sessionStart) {
            sessionStart = start;
            sumPv = 0;
            sumV = 0;
            sumTp = 0;
            count = 0;
        }
        double tp = (high + low + close) / 3.0;
        sumPv += tp * volume;
        sumV += volume;
        sumTp += tp;
        count++;
        value = sumV > 0 ? sumPv / sumV : sumTp / count;
    }

    @Override
    public double value(int output) {
        checkOutput(output);
        return value;
    }

    @Override
    void clear() {
        sessionStart = Long.MIN_VALUE;
        sumPv = 0;
        sumV = 0;
        sumTp = 0;
        count = 0;
        value = Double.NaN;
    }

    @Override
    void kernel(BarColumns bars, double[][] out) {
        long[] t = bars.time();
        double[] tp = bars.column(Source.TYPICAL);
        double[] v = bars.volume();
        double[] o = out[0];
        long current = Long.MIN_VALUE;
        double sp = 0;
        double sv = 0;
        double st = 0;
        int c = 0;
        for (int i = 0; i < bars.size(); i++) {
            long start = session.alignStart(t[i]);
            if (start != current) {
                current = start;
                sp = 0;
                sv = 0;
                st = 0;
                c = 0;
            }
            sp += tp[i] * v[i];
            sv += v[i];
            st += tp[i];
            c++;
            o[i] = sv > 0 ? sp / sv : st / c;
        }
    }
}
