package dev.sextant.trading.flink;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.flink.internal.AccountRiskFunction;
import dev.sextant.trading.flink.internal.InstrumentSignalFunction;
import dev.sextant.trading.flink.internal.SignalEvent;
import dev.sextant.trading.models.drift.DriftSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The trading pipeline as a Flink job over a stream of {@link InstrumentBar}s:
 * <ol>
 *   <li>event time from each bar's close, watermarks allowing {@link Builder#outOfOrderness} of
 *       disorder;</li>
 *   <li>the instrument stage, keyed by instrument id: features and model per bar (the bundle is
 *       loaded once per task, in {@code open()}), its state in Flink managed state;</li>
 *   <li>the account stage, keyed by account: sizing, pre-trade checks across every instrument of
 *       the account and the paper broker, deciding on a close time once the watermark has passed
 *       it, instruments in id order, so the decisions are those of one {@link AccountBook} fed the
 *       same bars, whatever the parallelism and after any restore from a checkpoint.</li>
 * </ol>
 * The result is one {@link DecisionRow} per instrument and bar that was not late; send its orders
 * with an {@link OrderSink} and write the rows where they are needed.
 *
 * <h2>Late bars</h2>
 * A bar whose close is at or before the watermark when it arrives, or at or before the close of
 * its instrument's previous bar, is dropped: counted in the task metric and job accumulator
 * {@value #LATE_BARS_METRIC} and emitted to the side output {@link #LATE_BARS}, never merged into the state.
 *
 * <h2>Drift monitoring</h2>
 * Off by default; with {@link Builder#driftMonitoring} each instrument's source is guarded by the
 * bundle's drift reference: out-of-distribution bars are decided as
 * {@code Decision.OutOfDistribution}, exactly as in one process, and alerts go to the side output
 * {@link #DRIFT_ALERTS}.
 *
 * <p>Every bar must have the length of {@link AccountSettings#timeFrame()}; a bar of another
 * length fails the job. Immutable; {@link #apply} may be called on several streams.
 */
public final class FlinkTradingJob {
    /** The side output of the bars dropped as late. */
    public static final OutputTag<InstrumentBar> LATE_BARS = new OutputTag<>("late-bars",
            TypeInformation.of(InstrumentBar.class));

    /** The journal of champion changes: one {@link ChampionSwitch} per instrument and switch. */
    public static final OutputTag<ChampionSwitch> CHAMPION_SWITCHES = new OutputTag<>("champion-switches",
            TypeInformation.of(ChampionSwitch.class));

    /** The champion updates dropped because their bundle failed verification (emitted once each). */
    public static final OutputTag<ChampionUpdate> REJECTED_CHAMPIONS = new OutputTag<>("rejected-champions",
            TypeInformation.of(ChampionUpdate.class));

    /**
     * The drift alerts, with {@link Builder#driftMonitoring}: one {@link DriftAlertRow} per alert,
     * emitted with the bar on whose processing the instrument's monitor raised it.
     */
    public static final OutputTag<DriftAlertRow> DRIFT_ALERTS = new OutputTag<>("drift-alerts",
            TypeInformation.of(DriftAlertRow.class));

    /**
     * The name of the instrument stage's counter of late bars: a task metric (a {@code Counter}) and
     * a job accumulator (a {@code LongCounter}, in the job's execution result).
     */
    public static final String LATE_BARS_METRIC = "lateBars";

    private final Path bundle;
    private final AccountSettings settings;
    private final Duration outOfOrderness;
    private final boolean driftMonitoring;
    private final DriftSettings driftSettings;

    private FlinkTradingJob(Builder b) {
        this.bundle = b.bundle;
        this.settings = b.settings;
        this.outOfOrderness = b.outOfOrderness;
        this.driftMonitoring = b.driftMonitoring;
        this.driftSettings = b.driftSettings;
    }

    /**
     * A builder.
     *
     * @param bundle   the model bundle, a directory or zip every task manager can read at this path
     * @param settings the settings of every account
     */
    public static Builder builder(Path bundle, AccountSettings settings) {
        return new Builder(Checks.notNull(bundle, "bundle"), Checks.notNull(settings, "settings"));
    }

    /**
     * The job's outputs.
     *
     * @param decisions         one row per instrument and bar that was not late
     * @param lateBars          the bars dropped as late
     * @param championSwitches  the journal of champion changes, per instrument
     * @param rejectedChampions the champion updates that failed verification
     * @param driftAlerts       the drift alerts (none without {@link Builder#driftMonitoring})
     */
    public record Streams(SingleOutputStreamOperator<DecisionRow> decisions, DataStream<InstrumentBar> lateBars,
            DataStream<ChampionSwitch> championSwitches, DataStream<ChampionUpdate> rejectedChampions,
            DataStream<DriftAlertRow> driftAlerts) {
        /** Validates. */
        public Streams {
            Checks.notNull(decisions, "decisions");
            Checks.notNull(lateBars, "lateBars");
            Checks.notNull(championSwitches, "championSwitches");
            Checks.notNull(rejectedChampions, "rejectedChampions");
            Checks.notNull(driftAlerts, "driftAlerts");
        }
    }

    /**
     * Adds the job's operators to {@code bars}' environment.
     *
     * @param bars closed bars; timestamps are assigned here from their close times
     * @return the decisions and the late bars
     */
    public Streams apply(DataStream<InstrumentBar> bars) {
        Checks.notNull(bars, "bars");
        DataStream<InstrumentBar> timed = closeTimes(bars);
        // No updates: an empty champion stream that carries the bars' own watermarks.
        DataStream<ChampionUpdate> none = timed.flatMap((InstrumentBar bar, Collector<ChampionUpdate> out) -> { })
                .returns(ChampionUpdate.class).name("no champion updates").uid("sextant-no-champions");
        return stages(timed, none);
    }

    /**
     * Adds the job's operators to {@code bars}' environment, with champion updates.
     *
     * <p>A bar is decided once the watermark of both streams has passed its close, by the latest
     * update effective at or before that close (the job's bundle before any). The champion
     * stream's event time is each update's {@link ChampionUpdate#effectiveFrom} (assigned here),
     * so its watermark promises that no update effective earlier will follow: a bounded stream
     * releases the watermark when it ends; an unbounded one must advance its watermark (or be
     * declared idle with {@code withIdleness} upstream, at the price described in docs/flink.md).
     *
     * @param bars       closed bars; timestamps are assigned here from their close times
     * @param champions  new champions, broadcast to every instrument task
     * @return the decisions, the late bars and the champion journal
     */
    public Streams apply(DataStream<InstrumentBar> bars, DataStream<ChampionUpdate> champions) {
        Checks.notNull(bars, "bars");
        Checks.notNull(champions, "champions");
        return stages(closeTimes(bars), champions
                .assignTimestampsAndWatermarks(WatermarkStrategy.<ChampionUpdate>forMonotonousTimestamps()
                        .withTimestampAssigner((update, previous) -> update.effectiveFrom()))
                .name("champion effective times").uid("sextant-champion-watermarks"));
    }

    private DataStream<InstrumentBar> closeTimes(DataStream<InstrumentBar> bars) {
        return bars.assignTimestampsAndWatermarks(WatermarkStrategy.<InstrumentBar>forBoundedOutOfOrderness(outOfOrderness)
                        .withTimestampAssigner((bar, previous) -> bar.closeTime()))
                .name("bar close times").uid("sextant-watermarks");
    }

    /** The stages, on bars and champion updates that both have their timestamps and watermarks. */
    private Streams stages(DataStream<InstrumentBar> timed, DataStream<ChampionUpdate> champions) {
        BroadcastStream<ChampionUpdate> broadcast = champions.broadcast(InstrumentSignalFunction.CHAMPIONS);
        SingleOutputStreamOperator<SignalEvent> signals = timed
                .keyBy(bar -> bar.instrument().id())
                .connect(broadcast)
                .process(driftMonitoring ? new InstrumentSignalFunction(bundle, driftSettings)
                        : new InstrumentSignalFunction(bundle)).name("features, model, signal").uid("sextant-instrument");
        SingleOutputStreamOperator<DecisionRow> decisions = signals
                .keyBy(event -> event.bar().account())
                .process(new AccountRiskFunction(settings)).name("sizing, risk, paper broker").uid("sextant-account");
        return new Streams(decisions, signals.getSideOutput(LATE_BARS), signals.getSideOutput(CHAMPION_SWITCHES),
                signals.getSideOutput(REJECTED_CHAMPIONS), signals.getSideOutput(DRIFT_ALERTS));
    }

    /** Builder of {@link FlinkTradingJob}. Not thread-safe. */
    public static final class Builder {
        private final Path bundle;
        private final AccountSettings settings;
        private Duration outOfOrderness = Duration.ZERO;
        private boolean driftMonitoring;
        private DriftSettings driftSettings = DriftSettings.defaults();

        private Builder(Path bundle, AccountSettings settings) {
            this.bundle = bundle;
            this.settings = settings;
        }

        /**
         * How far behind the latest close a bar may arrive and still be decided on (default 0:
         * bars arrive in close-time order). A larger value delays every decision by as much.
         */
        public Builder outOfOrderness(Duration value) {
            if (Checks.notNull(value, "outOfOrderness").isNegative()) {
                throw new IllegalArgumentException("outOfOrderness must not be negative but was " + value);
            }
            this.outOfOrderness = value;
            return this;
        }

        /**
         * Whether each instrument's source monitors drift and gates out-of-distribution bars
         * (default false). When true, every bundle (the job's and each champion update's) is
         * guarded with {@link dev.sextant.trading.engine.DriftGuard#of} and {@link #driftSettings}:
         * a bar out of distribution is decided as {@code OutOfDistribution}, exactly as the
         * single-process pipeline decides it, and alerts go to {@link #DRIFT_ALERTS}. The job's
         * bundle must then carry a drift reference: without one every instrument task fails in
         * {@code open()} with "drift monitoring needs a bundle with a drift reference but bundle
         * ... has none"; a champion update without one is rejected ({@link #REJECTED_CHAMPIONS}).
         */
        public Builder driftMonitoring(boolean value) {
            this.driftMonitoring = value;
            return this;
        }

        /**
         * The drift monitors' window and thresholds with {@link #driftMonitoring} (default
         * {@link DriftSettings#defaults()}).
         */
        public Builder driftSettings(DriftSettings value) {
            this.driftSettings = Checks.notNull(value, "driftSettings");
            return this;
        }

        /** The job. */
        public FlinkTradingJob build() {
            return new FlinkTradingJob(this);
        }
    }
}
