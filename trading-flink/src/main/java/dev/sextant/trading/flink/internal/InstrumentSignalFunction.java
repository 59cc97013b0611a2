package dev.sextant.trading.flink.internal;

import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFrame;
import dev.sextant.trading.engine.DriftGuard;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.flink.ChampionSwitch;
import dev.sextant.trading.flink.ChampionUpdate;
import dev.sextant.trading.flink.DriftAlertRow;
import dev.sextant.trading.flink.FlinkTradingJob;
import dev.sextant.trading.flink.InstrumentBar;
import dev.sextant.trading.live.registry.ModelRegistry;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.drift.DriftAlert;
import dev.sextant.trading.models.drift.DriftSettings;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instrument stage, keyed by instrument id: features and model (a bundle's
 * {@link ModelSignalSource}) on each bar, in event-time order per instrument, with champion
 * updates from a broadcast stream.
 *
 * <p>A bar that is not late is held in managed state until the operator's watermark (the lesser of
 * the bars' and the champion stream's) passes its close; then it is decided by the champion in
 * effect at that close: the latest {@link ChampionUpdate} (broadcast state) whose
 * {@code effectiveFrom} is at or before it, or the job's bundle (loaded once per task in
 * {@code open()}) before any. Waiting for the watermark makes the switch independent of when the
 * update arrives relative to the bars, so it happens at the same bar at every parallelism and
 * after every restore. Where the champion changes, the instrument's state moves to the new
 * bundle's source when both read the same feature spec and window, or is rebuilt (the new bundle
 * warms up again from that bar) when they do not; the switch is journaled on
 * {@link FlinkTradingJob#CHAMPION_SWITCHES}. An update that fails verification is dropped,
 * logged and emitted once (by subtask 0) on {@link FlinkTradingJob#REJECTED_CHAMPIONS}.
 *
 * <p>State in Flink managed state: the signal source's exact state of the instrument (feature
 * engine, sequence window; {@link ModelSignalSource#writeState}) as a {@link StateFrame} in a
 * {@code ValueState<byte[]>}, written after every bar; the effective time of the champion that
 * state belongs to; the close of the instrument's last bar; the bars waiting for the watermark.
 * After a restore or a rescale the task's fresh source reads the instrument's state back on its
 * first bar and continues bit for bit as an uninterrupted run. A state saved for another feature
 * spec or window is refused with a {@link StateFormatException}, failing the task.
 *
 * <p>Late bars: a bar whose close is at or before the current watermark, or at or before the
 * instrument's last bar, is dropped, counted in the {@value FlinkTradingJob#LATE_BARS_METRIC}
 * metric and accumulator and emitted to the {@link FlinkTradingJob#LATE_BARS} side output; it never
 * reaches the model or the account stage.
 *
 * <p>Drift monitoring (when the job asks for it): every bundle's source is built with
 * {@link DriftGuard#of} and the job's drift settings, so a bar out of distribution reaches the
 * account stage as {@link SignalEvent.Outcome#OUT_OF_DISTRIBUTION}, and the alerts the monitor
 * raises inside a bar's {@code onBar} are collected and emitted on
 * {@link FlinkTradingJob#DRIFT_ALERTS} with that bar's processing; the monitor's state is part of
 * the source's saved state. The job's bundle without a drift reference fails the task in
 * {@code open()}; a champion update without one is rejected as failing verification.
 */
public final class InstrumentSignalFunction
        extends KeyedBroadcastProcessFunction<String, InstrumentBar, ChampionUpdate, SignalEvent> {
    @Serial
    private static final long serialVersionUID = 2L;
    private static final Logger LOG = LoggerFactory.getLogger(InstrumentSignalFunction.class);

    /** The broadcast state of champion updates, by effective time. */
    public static final MapStateDescriptor<Long, ChampionUpdate> CHAMPIONS = new MapStateDescriptor<>("champions",
            Types.LONG, TypeInformation.of(ChampionUpdate.class));

    /** The kind of the state frames this stage keeps. */
    static final String KIND = "flink instrument signal state";
    /** Their format version. */
    static final int VERSION = 1;
    /** The effective time of the job's own bundle. */
    static final long INITIAL = Long.MIN_VALUE;

    private final String bundle;
    /** The drift settings, or null without drift monitoring. */
    private final Drift drift;
    private transient List<DriftAlert> alerts;
    private transient Map<Long, Champion> loaded;
    private transient Set<String> live;
    private transient ValueState<byte[]> state;
    private transient ValueState<Long> inEffect;
    private transient ValueState<Long> lastClose;
    private transient MapState<Long, InstrumentBar> pending;
    private transient Counter late;
    private transient LongCounter lateTotal;

    /** A loaded bundle and its signal source. */
    private record Champion(ModelBundle bundle, ModelSignalSource source, String label, String digest) {
    }

    /** {@link DriftSettings} in a serialisable form. */
    private record Drift(int window, double psi, double ks, double delta, double lambda) implements Serializable {
        static Drift of(DriftSettings s) {
            return new Drift(s.window(), s.psiThreshold(), s.ksThreshold(), s.pageHinkleyDelta(), s.pageHinkleyLambda());
        }

        DriftSettings settings() {
            return new DriftSettings(window, psi, ks, delta, lambda);
        }
    }

    /** @param bundle the model bundle (directory or zip) every task loads in {@code open()} */
    public InstrumentSignalFunction(Path bundle) {
        this.bundle = bundle.toString();
        this.drift = null;
    }

    /**
     * A stage that monitors drift and gates out-of-distribution bars.
     *
     * @param bundle the model bundle (directory or zip) every task loads in {@code open()}
     * @param drift  the drift monitors' window and thresholds
     */
    public InstrumentSignalFunction(Path bundle, DriftSettings drift) {
        this.bundle = bundle.toString();
        this.drift = Drift.of(drift);
    }

    /** The champion of a loaded bundle, its source guarded when the job monitors drift. */
    private Champion champion(ModelBundle b, String digest, String where) {
        try {
            BundleManifest m = b.manifest();
            DriftGuard guard = null;
            if (drift != null) {
                guard = DriftGuard.of(b, alerts::add).orElseThrow(() -> new IllegalArgumentException(
                        "drift monitoring needs a bundle with a drift reference but " + where + " has none"))
                        .withSettings(drift.settings());
            }
            return new Champion(b, new ModelSignalSource(m.featureSpec(), b.model(), m.bundleId(), m.bundleVersion(),
                    guard), m.bundleId() + "@" + m.bundleVersion(), digest);
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
    }

    @Override
    public void open(OpenContext context) {
        alerts = new ArrayList<>();
        loaded = new HashMap<>();
        Path path = Path.of(bundle);
        loaded.put(INITIAL, champion(ModelBundle.load(path), ModelRegistry.digest(path), "bundle " + path));
        live = new HashSet<>();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("signal-state", byte[].class));
        inEffect = getRuntimeContext().getState(new ValueStateDescriptor<>("champion-in-effect", Long.class));
        lastClose = getRuntimeContext().getState(new ValueStateDescriptor<>("last-close", Long.class));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-bars", Types.LONG,
                TypeInformation.of(InstrumentBar.class)));
        late = getRuntimeContext().getMetricGroup().counter(FlinkTradingJob.LATE_BARS_METRIC);
        lateTotal = getRuntimeContext().getLongCounter(FlinkTradingJob.LATE_BARS_METRIC);
    }

    @Override
    public void processElement(InstrumentBar bar, ReadOnlyContext ctx, Collector<SignalEvent> out) throws Exception {
        long close = bar.closeTime();
        Long last = lastClose.value();
        if (close <= ctx.currentWatermark() || (last != null && close <= last)) {
            late.inc();
            lateTotal.add(1);
            ctx.output(FlinkTradingJob.LATE_BARS, bar);
            return;
        }
        pending.put(close, bar);
        lastClose.update(close);
        ctx.timerService().registerEventTimeTimer(close);
    }

    @Override
    public void processBroadcastElement(ChampionUpdate update, Context ctx, Collector<SignalEvent> out) throws Exception {
        try {
            if (!loaded.containsKey(update.effectiveFrom()) || !loaded.get(update.effectiveFrom()).digest()
                    .equals(update.digest())) {
                Champion c = champion(update.load(), update.digest(), "champion bundle " + update.bundle());
                Champion old = loaded.put(update.effectiveFrom(), c);
                if (old != null) {
                    old.bundle().close();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("champion update rejected: {}", e.getMessage());
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                ctx.output(FlinkTradingJob.REJECTED_CHAMPIONS, update);
            }
            return;
        }
        BroadcastState<Long, ChampionUpdate> champions = ctx.getBroadcastState(CHAMPIONS);
        champions.put(update.effectiveFrom(), update);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SignalEvent> out) throws Exception {
        InstrumentBar bar = pending.get(timestamp);
        pending.remove(timestamp);
        Instrument instrument = bar.instrument();
        ReadOnlyBroadcastState<Long, ChampionUpdate> champions = ctx.getBroadcastState(CHAMPIONS);
        long current = inEffect.value() == null ? INITIAL : inEffect.value();
        if (live.add(ctx.getCurrentKey())) {
            byte[] saved = state.value();
            if (saved != null) {
                restore(champion(current, champions).source(), instrument, saved);
            }
        }
        long effective = effectiveAt(timestamp, champions);
        Champion now = champion(effective, champions);
        if (effective != current) {
            Champion before = champion(current, champions);
            boolean rewarm = !before.source().stateKey().equals(now.source().stateKey());
            if (!rewarm && state.value() != null) {
                restore(now.source(), instrument, save(before.source(), instrument));
            }
            before.source().forget(instrument);
            inEffect.update(effective);
            ctx.output(FlinkTradingJob.CHAMPION_SWITCHES, new ChampionSwitch(instrument.id(), timestamp, before.label(),
                    now.label(), now.digest(), rewarm));
        }
        alerts.clear();
        SignalEvent event = answer(now.source(), bar);
        state.update(save(now.source(), instrument));
        out.collect(event);
        // The monitor raised these synchronously inside this bar's onBar.
        for (DriftAlert a : alerts) {
            ctx.output(FlinkTradingJob.DRIFT_ALERTS, DriftAlertRow.of(a));
        }
        alerts.clear();
    }

    /** The effective time of the champion deciding the bar that closes at {@code close}. */
    private static long effectiveAt(long close, ReadOnlyBroadcastState<Long, ChampionUpdate> champions)
            throws Exception {
        long best = INITIAL;
        for (Map.Entry<Long, ChampionUpdate> e : champions.immutableEntries()) {
            if (e.getKey() <= close && e.getKey() > best) {
                best = e.getKey();
            }
        }
        return best;
    }

    /** The champion effective from {@code from}, loaded on first use in this task (after a restore). */
    private Champion champion(long from, ReadOnlyBroadcastState<Long, ChampionUpdate> champions) throws Exception {
        Champion c = loaded.get(from);
        if (c == null) {
            ChampionUpdate update = champions.get(from);
            if (update == null) {
                throw new IllegalStateException("no champion effective from " + from + " in the broadcast state");
            }
            c = champion(update.load(), update.digest(), "champion bundle " + update.bundle());
            loaded.put(from, c);
        }
        return c;
    }

    /** The key of a state: the instrument and the source's spec and window. */
    private static String key(ModelSignalSource source, Instrument instrument) {
        return instrument.id() + ", " + source.stateKey();
    }

    private static byte[] save(ModelSignalSource source, Instrument instrument) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            source.writeState(instrument, out);
        }
        return StateFrame.seal(KIND, VERSION, key(source, instrument), bytes.toByteArray());
    }

    private static void restore(ModelSignalSource source, Instrument instrument, byte[] saved) throws IOException {
        StateFrame frame = StateFrame.open(saved, KIND, VERSION);
        if (!frame.key().equals(key(source, instrument))) {
            throw new StateFormatException(KIND, StateFormatException.Problem.FOREIGN,
                    "saved for " + frame.key() + " but this task has " + key(source, instrument));
        }
        try (DataInputStream in = frame.payload()) {
            source.readState(instrument, in);
        }
    }

    private static SignalEvent answer(ModelSignalSource source, InstrumentBar bar) {
        try {
            SignalResult r = source.onBar(bar.instrument(), TimeFrame.ofMillis(bar.frameMillis()), bar.bar());
            return SignalEvent.of(bar, r);
        } catch (RuntimeException e) {
            return SignalEvent.failed(bar, e);
        }
    }

    @Override
    public void close() {
        if (loaded != null) {
            loaded.values().forEach(c -> c.bundle().close());
        }
    }
}
