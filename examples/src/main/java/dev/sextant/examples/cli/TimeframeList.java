package dev.sextant.examples.cli;

import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.MultiTimeframeModels;
import dev.sextant.trading.features.FeatureSpec;
import java.util.ArrayList;
import java.util.List;

/** The {@code --timeframes} list of {@code sextant train} and {@code sextant walkforward}: parsed and checked. */
final class TimeframeList {
    private TimeframeList() {
    }

    /**
     * The time frames of the {@code --timeframes} entries, in order.
     *
     * @throws IllegalArgumentException naming the option and the entry, for an entry that is not a time frame
     */
    static List<TimeFrame> parse(List<String> values) {
        List<TimeFrame> out = new ArrayList<>();
        for (String t : values) {
            try {
                out.add(TimeFrame.parse(t.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--timeframes: '" + t + "' is not a time frame like 1m, 5m, 15m or 1h", e);
            }
        }
        return out;
    }

    /**
     * Checks that {@code frames} (parsed from {@code values}) make a multi-timeframe feature spec of {@code base}.
     *
     * @throws IllegalArgumentException naming the option and its value, if they do not
     */
    static void checkSpec(FeatureSpec base, List<TimeFrame> frames, List<String> values) {
        try {
            MultiTimeframeModels.spec(base, frames);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--timeframes " + String.join(",", values) + ": " + e.getMessage(), e);
        }
    }
}
