package dev.sextant.trading.flink.internal;

import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFrame;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.flink.FlinkTradingJob;
import dev.sextant.trading.flink.InstrumentBar;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The instrument stage, keyed by instrument id: features and model (the bundle's
 * {@link ModelSignalSource}) on each bar, in event-time order per instrument.
 *
 * <p>State in Flink managed state: the signal source's exact state of the instrument (feature
 * engine, sequence window; {@link ModelSignalSource#writeState}) as a {@link StateFrame} in a
 * {@code ValueState<byte[]>}, written after every bar, and the close of its last bar. After a
 * restore or a rescale the task's fresh source reads the instrument's state back on its first bar
 * after {@code open()} and continues bit for bit as an uninterrupted run. A state saved for another
 * feature spec or window (a bundle change) is refused with a
 * {@link dev.sextant.trading.core.io.StateFormatException}, failing the task.
 *
 * <p>Late bars: a bar whose close is at or before the current watermark, or at or before the
 * instrument's last bar, is dropped, counted in the {@value FlinkTradingJob#LATE_BARS_METRIC}
 * metric and accumulator and emitted to the {@link FlinkTradingJob#LATE_BARS} side output; it never reaches the
 * model or the account stage.
 */
public final class InstrumentSignalFunction extends KeyedProcessFunction<String, InstrumentBar, SignalEvent> {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The kind of the state frames this stage keeps. */
    static final String KIND = "flink instrument signal state";
    /** Their format version. */
    static final int VERSION = 1;

    private final String bundle;
    private transient ModelBundle loaded;
    private transient ModelSignalSource signals;
    private transient Set<String> live;
    private transient ValueState<byte[]> state;
    private transient ValueState<Long> lastClose;
    private transient Counter late;
    private transient LongCounter lateTotal;

    /** @param bundle the model bundle (directory or zip) every task loads in {@code open()} */
    public InstrumentSignalFunction(Path bundle) {
        this.bundle = bundle.toString();
    }

    @Override
    public void open(OpenContext context) {
        loaded = ModelBundle.load(Path.of(bundle));
        BundleManifest m = loaded.manifest();
        signals = new ModelSignalSource(m.featureSpec(), loaded.model(), m.bundleId(), m.bundleVersion());
        live = new HashSet<>();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("signal-state", byte[].class));
        lastClose = getRuntimeContext().getState(new ValueStateDescriptor<>("last-close", Long.class));
        late = getRuntimeContext().getMetricGroup().counter(FlinkTradingJob.LATE_BARS_METRIC);
        lateTotal = getRuntimeContext().getLongCounter(FlinkTradingJob.LATE_BARS_METRIC);
    }

    @Override
    public void processElement(InstrumentBar bar, Context ctx, Collector<SignalEvent> out) throws Exception {
        long close = bar.closeTime();
        Long last = lastClose.value();
        if (close <= ctx.timerService().currentWatermark() || (last != null && close <= last)) {
            late.inc();
            lateTotal.add(1);
            ctx.output(FlinkTradingJob.LATE_BARS, bar);
            return;
        }
        if (live.add(ctx.getCurrentKey())) {
            byte[] saved = state.value();
            if (saved != null) {
                restore(bar.instrument(), saved);
            }
        }
        SignalEvent event = answer(bar);
        state.update(save(bar.instrument()));
        lastClose.update(close);
        out.collect(event);
    }

    /** The key of a state: the instrument and the source's spec and window. */
    private String key(Instrument instrument) {
        return instrument.id() + ", " + signals.stateKey();
    }

    private byte[] save(Instrument instrument) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            signals.writeState(instrument, out);
        }
        return StateFrame.seal(KIND, VERSION, key(instrument), bytes.toByteArray());
    }

    private void restore(Instrument instrument, byte[] saved) throws IOException {
        StateFrame frame = StateFrame.open(saved, KIND, VERSION);
        if (!frame.key().equals(key(instrument))) {
            throw new StateFormatException(KIND, StateFormatException.Problem.FOREIGN,
                    "saved for " + frame.key() + " but this task has " + key(instrument));
        }
        try (DataInputStream in = frame.payload()) {
            signals.readState(instrument, in);
        }
    }

    private SignalEvent answer(InstrumentBar bar) {
        try {
            SignalResult r = signals.onBar(bar.instrument(), TimeFrame.ofMillis(bar.frameMillis()), bar.bar());
            return SignalEvent.of(bar, r);
        } catch (RuntimeException e) {
            return SignalEvent.failed(bar, e);
        }
    }

    @Override
    public void close() {
        if (loaded != null) {
            loaded.close();
        }
    }
}
