package dev.sextant.trading.features.internal;

import dev.sextant.trading.features.indicators.Indicator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Saves and restores the streaming state of Sextant's built-in indicators for the feature engine
 * and the trading pipeline, without making the indicators' state methods public: the indicators
 * package registers its codec here when its first indicator class is initialised.
 */
public final class IndicatorStates {
    /** Writes and reads one indicator's state; implemented by the indicators package only. */
    public interface Codec {
        /**
         * Writes {@code indicator}'s exact streaming state.
         *
         * @throws IllegalArgumentException if it is not a built-in indicator
         * @throws IOException              from {@code out}
         */
        void write(Indicator indicator, DataOutput out) throws IOException;

        /**
         * Replaces {@code indicator}'s state with one written by {@link #write} for an indicator
         * of the same class and parameters.
         *
         * @throws dev.sextant.trading.core.io.StateFormatException if the state is impossible
         * @throws IllegalArgumentException                          if it is not a built-in indicator
         * @throws IOException                                       from {@code in}
         */
        void read(Indicator indicator, DataInput in) throws IOException;
    }

    private static final String CORE = "dev.sextant.trading.features.indicators.IndicatorCore";
    private static volatile Codec codec;

    private IndicatorStates() {
    }

    /**
     * Registers the codec; called once by the indicators package.
     *
     * @throws IllegalStateException if a codec is registered already
     */
    public static synchronized void register(Codec value) {
        if (codec != null) {
            throw new IllegalStateException("an indicator state codec is registered already");
        }
        codec = value;
    }

    /** Writes {@code indicator}'s state; see {@link Codec#write}. */
    public static void write(Indicator indicator, DataOutput out) throws IOException {
        codec().write(indicator, out);
    }

    /** Restores {@code indicator}'s state; see {@link Codec#read}. */
    public static void read(Indicator indicator, DataInput in) throws IOException {
        codec().read(indicator, in);
    }

    private static Codec codec() {
        Codec c = codec;
        if (c == null) {
            try {
                Class.forName(CORE, true, IndicatorStates.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the indicators package is missing", e);
            }
            c = codec;
        }
        return c;
    }
}
