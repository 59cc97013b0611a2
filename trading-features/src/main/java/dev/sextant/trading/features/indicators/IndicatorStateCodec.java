package dev.sextant.trading.features.indicators;

import dev.sextant.trading.features.internal.IndicatorStates;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The state form of the built-in indicators: the count of inputs seen, then each indicator's own
 * fields ({@link IndicatorCore#writeFields}); a chained indicator writes its two parts in turn.
 * Parameters are not written: a state is restored into an indicator built from the same spec.
 */
final class IndicatorStateCodec implements IndicatorStates.Codec {

    @Override
    public void write(Indicator indicator, DataOutput out) throws IOException {
        switch (indicator) {
            case IndicatorCore core -> IndicatorCore.writeNested(core, out);
            case ChainedIndicator chained -> {
                write(chained.first(), out);
                write(chained.second(), out);
            }
            default -> throw unsupported(indicator);
        }
    }

    @Override
    public void read(Indicator indicator, DataInput in) throws IOException {
        switch (indicator) {
            case IndicatorCore core -> IndicatorCore.readNested(core, in);
            case ChainedIndicator chained -> {
                read(chained.first(), in);
                read(chained.second(), in);
            }
            default -> throw unsupported(indicator);
        }
    }

    private static IllegalArgumentException unsupported(Indicator indicator) {
        return new IllegalArgumentException("indicator " + indicator.name() + " (" + indicator.getClass().getName()
                + ") has no restorable state: only Sextant's built-in indicators have one");
    }
}
