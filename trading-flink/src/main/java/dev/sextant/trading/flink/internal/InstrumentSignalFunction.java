package dev.sextant.trading.flink.internal;

import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.flink.FlinkTradingJob;
import dev.sextant.trading.flink.InstrumentBar;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.Serial;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The instrument stage, keyed by instrument id: features and model (the bundle's
 * {@link ModelSignalSource}) on each bar, in event-time order per instrument.
 *
 * <p>State in Flink managed state: the instrument's bars so far ({@link ListState}) and the close
 * of its last bar. The task's signal source is rebuilt from them after a restore or a rescale by
 * replaying the bars once through a fresh source (the first bar of an instrument after
 * {@code open()} triggers it), which gives exactly the features, windows and predictions of an
 * uninterrupted run.
 *
 * <p>Late bars: a bar whose close is at or before the current watermark, or at or before the
 * instrument's last bar, is dropped, counted in the {@value FlinkTradingJob#LATE_BARS_METRIC}
 * counter and emitted to the {@link FlinkTradingJob#LATE_BARS} side output; it never reaches the
 * model or the account stage.
 */
public final class InstrumentSignalFunction extends KeyedProcessFunction<String, InstrumentBar, SignalEvent> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String bundle;
    private transient ModelBundle loaded;
    private transient ModelSignalSource signals;
    private transient Set<String> live;
    private transient ListState<InstrumentBar> history;
    private transient ValueState<Long> lastClose;
    private transient Counter late;

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
        history = getRuntimeContext().getListState(new ListStateDescriptor<>("bars", InstrumentBar.class));
        lastClose = getRuntimeContext().getState(new ValueStateDescriptor<>("last-close", Long.class));
        late = getRuntimeContext().getMetricGroup().counter(FlinkTradingJob.LATE_BARS_METRIC);
    }

    @Override
    public void processElement(InstrumentBar bar, Context ctx, Collector<SignalEvent> out) throws Exception {
        long close = bar.closeTime();
        Long last = lastClose.value();
        if (close <= ctx.timerService().currentWatermark() || (last != null && close <= last)) {
            late.inc();
            ctx.output(FlinkTradingJob.LATE_BARS, bar);
            return;
        }
        if (live.add(ctx.getCurrentKey())) {
            for (InstrumentBar seen : history.get()) {
                answer(seen);
            }
        }
        SignalEvent event = answer(bar);
        history.add(bar);
        lastClose.update(close);
        out.collect(event);
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
