package dev.sextant.trading.service;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.SeriesSummary;
import dev.sextant.trading.core.stats.RollingVolatility;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.TradingPipeline;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.features.indicators.Atr;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.risk.Headroom;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingInputs;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import dev.sextant.trading.risk.SizingResult;
import dev.sextant.trading.service.internal.GatedModel;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Computes a signal from recent bars through the library's own path: a fresh
 * {@link FeatureEngine} per request fed every bar (the same streaming features a session
 * computes), the bundle's calibrated model or ensemble through {@link ModelSignalSource}, and the
 * {@link PositionSizer} with the pipeline's market estimates (the larger of the minimum expected
 * move and the rolling standard deviation of one-bar log returns, the ATR) and the headroom the
 * risk limits leave a flat account.
 *
 * <p>The suggested size is what a flat account with the current equity (the
 * {@link Builder#equity equity supplier}, for example an attached session's risk engine) would
 * trade under the limits; the positions of a session are not netted in, since the caller may
 * trade the signal anywhere.
 *
 * <p>Thread-safe: every request gets its own feature engine and estimates; the model, which is
 * called by one thread at a time, is shared under a lock and called once per request (for the
 * last bar).
 */
public final class SignalEngine {
    private final FeatureSpec spec;
    private final GatedModel.Shared model;
    private final String modelId;
    private final String modelVersion;
    private final int warmUpBars;
    private final TimeFrame timeFrame;
    private final PositionSizer sizer;
    private final RiskLimits limits;
    private final DoubleSupplier equity;
    private final double expectedMove;
    private final Function<String, Instrument> instruments;

    private SignalEngine(Builder b) {
        this.spec = Checks.notNull(b.spec, "spec");
        Model m = Checks.notNull(b.model, "model");
        this.model = new GatedModel.Shared(m);
        this.modelId = Checks.notBlank(b.modelId, "modelId");
        this.modelVersion = Checks.notBlank(b.modelVersion, "modelVersion");
        if (m.metadata().featureCount() != spec.size()) {
            throw new IllegalArgumentException("model " + m.metadata().id() + " reads " + m.metadata().featureCount()
                    + " features but feature set " + spec.name() + " has " + spec.size());
        }
        int window = m.metadata().inputKind() == InputKind.WINDOW ? m.metadata().sequenceLength() : 1;
        this.warmUpBars = FeatureEngine.create(spec).warmUp() + window;
        this.timeFrame = !spec.timeframes().isEmpty() ? spec.timeframes().get(0) : b.timeFrame;
        this.sizer = Checks.notNull(b.sizer, "sizer");
        this.limits = Checks.notNull(b.limits, "limits");
        this.equity = Checks.notNull(b.equity, "equity");
        this.expectedMove = b.expectedMove;
        this.instruments = Checks.notNull(b.instruments, "instruments");
    }

    /**
     * A builder for a loaded bundle: its feature set, its (calibrated) model and its id and
     * version. The bundle stays the caller's: close it after the engine is no longer used.
     */
    public static Builder builder(ModelBundle bundle) {
        Checks.notNull(bundle, "bundle");
        BundleManifest m = bundle.manifest();
        return new Builder().model(m.featureSpec(), bundle.model(), m.bundleId(), m.bundleVersion());
    }

    /** A builder for any feature set and model (the model stays the caller's). */
    public static Builder builder(FeatureSpec spec, Model model, String modelId, String modelVersion) {
        return new Builder().model(spec, model, modelId, modelVersion);
    }

    /**
     * The fewest bars a request must carry: the feature set's warm-up plus the model's window
     * (1 for a vector model). Fewer bars leave the model's input undefined.
     */
    public int warmUpBars() {
        return warmUpBars;
    }

    /** The model version stamped on every signal: {@code bundleId@bundleVersion}. */
    public String modelVersion() {
        return modelId + "@" + modelVersion;
    }

    /**
     * The signal at the close of the last bar.
     *
     * @param symbol the instrument's symbol
     * @param bars   closed bars of one time frame, oldest first, at least {@link #warmUpBars()}
     * @return the signal with its suggested size and risk
     * @throws InvalidRequestException naming the field: a blank symbol, too few bars, bars out of
     *                                 time order or not one bar apart in the bundle's time frame
     */
    public SignalResponse signal(String symbol, List<Bar> bars) {
        if (symbol == null || symbol.isBlank()) {
            throw new InvalidRequestException("symbol", "symbol must be a non-empty string");
        }
        Checks.notNull(bars, "bars");
        if (bars.size() < warmUpBars) {
            throw new InvalidRequestException("bars", "bars must hold at least " + warmUpBars
                    + " bars (the bundle's warm-up) but held " + bars.size());
        }
        for (int i = 1; i < bars.size(); i++) {
            if (bars.get(i).time() <= bars.get(i - 1).time()) {
                throw new InvalidRequestException("bars[" + i + "].timestamp", "bars[" + i + "].timestamp "
                        + bars.get(i).instant() + " is not after bars[" + (i - 1) + "].timestamp " + bars.get(i - 1).instant()
                        + ": bars must be in strictly increasing time order");
            }
        }
        TimeFrame tf = timeFrame != null ? timeFrame : detect(bars);
        Instrument instrument;
        try {
            instrument = instruments.apply(symbol);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("symbol", "symbol '" + symbol + "' is not tradable here: " + e.getMessage());
        }
        GatedModel gated = model.gate();
        ModelSignalSource source = new ModelSignalSource(spec, gated, modelId, modelVersion);
        Atr atr = new Atr(TradingPipeline.DEFAULT_ATR_PERIOD);
        RollingVolatility volatility = new RollingVolatility(TradingPipeline.DEFAULT_VOLATILITY_WINDOW);
        SignalResult result = null;
        int last = bars.size() - 1;
        for (int i = 0; i <= last; i++) {
            Bar bar = bars.get(i);
            atr.update(bar);
            volatility.update(bar.close());
            if (i == last) {
                gated.open();
            }
            result = source.onBar(instrument, tf, bar);
        }
        if (!(result instanceof SignalResult.Ready ready)) {
            // The warm-up counts bars; undefined features within enough bars (e.g. a flat window)
            // leave no prediction either.
            throw new InvalidRequestException("bars", "the features of the last bar are not defined after " + bars.size()
                    + " bars; send more bars (at least " + warmUpBars + ")");
        }
        var signal = ready.signal();
        Bar lastBar = bars.get(last);
        double close = lastBar.close();
        double sd = volatility.value();
        double move = Double.isNaN(sd) ? expectedMove : Math.max(expectedMove, sd);
        double barsPerDay = (double) TimeFrame.MILLIS_PER_DAY / tf.millis();
        SizingInputs inputs = new SizingInputs(close, move, move, Double.isNaN(sd) ? Double.NaN : sd * Math.sqrt(barsPerDay),
                atr.value(0), 0);
        long now = signal.time().toEpochMilli();
        RiskEngine flat = RiskEngine.builder().limits(limits).clock(new SimulatedClock(now))
                .startingCash(Math.max(1e-9, equity.getAsDouble())).build();
        flat.onMark(instrument, close, now);
        Headroom headroom = flat.headroom(instrument);
        SizingResult sizing = sizer.size(signal, inputs, headroom);
        double size = sizing.orderQuantity();
        double distance = move * close;
        OptionalDouble stop = size == 0 || signal.direction() == Direction.HOLD ? OptionalDouble.empty()
                : OptionalDouble.of(size > 0 ? close - distance : close + distance);
        return new SignalResponse(symbol, signal.direction(), signal.confidence(), signal.probabilities(), size,
                new SignalResponse.MaxRisk(move, distance, stop, Math.abs(size) * distance), signal.time(), modelVersion());
    }

    private static TimeFrame detect(List<Bar> bars) {
        BarSeries series = new BarSeries("request", null, bars.size());
        bars.forEach(series::append);
        TimeFrame tf = SeriesSummary.detectTimeFrame(series);
        if (tf == null) {
            throw new InvalidRequestException("bars", "cannot tell the bars' time frame from their timestamps");
        }
        return tf;
    }

    /** Builder of {@link SignalEngine}; not thread-safe. */
    public static final class Builder {
        private FeatureSpec spec;
        private Model model;
        private String modelId;
        private String modelVersion;
        private TimeFrame timeFrame;
        private PositionSizer sizer = new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 0, true),
                CostModel.ofBps(2, 1));
        private RiskLimits limits = RiskLimits.defaults();
        private DoubleSupplier equity = () -> 100_000;
        private double expectedMove = 0.001;
        private Function<String, Instrument> instruments = Builder::defaultInstrument;

        private Builder() {
        }

        Builder model(FeatureSpec spec, Model model, String id, String version) {
            this.spec = Checks.notNull(spec, "spec");
            this.model = Checks.notNull(model, "model");
            this.modelId = Checks.notBlank(id, "modelId");
            this.modelVersion = Checks.notBlank(version, "modelVersion");
            return this;
        }

        /**
         * The bars' time frame when the feature set does not name one; by default it is detected
         * from each request's timestamps (the most common spacing).
         */
        public Builder timeFrame(TimeFrame value) {
            this.timeFrame = Checks.notNull(value, "timeFrame");
            return this;
        }

        /** The position sizer (default: 5% of equity, fixed fraction, no minimum edge, shorts allowed, 2 + 1 bps costs). */
        public Builder sizer(PositionSizer value) {
            this.sizer = Checks.notNull(value, "sizer");
            return this;
        }

        /** The risk limits whose headroom caps the suggested size (default {@link RiskLimits#defaults()}). */
        public Builder limits(RiskLimits value) {
            this.limits = Checks.notNull(value, "limits");
            return this;
        }

        /** The equity to size for, read per request (default a constant 100,000). */
        public Builder equity(DoubleSupplier value) {
            this.equity = Checks.notNull(value, "equity");
            return this;
        }

        /** The minimum expected move per trade as a fraction of price (default 0.001), as {@link TradingPipeline.Builder#expectedMove}. */
        public Builder expectedMove(double value) {
            this.expectedMove = Checks.positive(value, "expectedMove");
            return this;
        }

        /**
         * How a request's symbol becomes an instrument (tick and lot size for rounding). The
         * default makes a pair with a slash ({@code BTC/USD}) a crypto instrument quoted in the
         * part after the slash, anything else a USD equity; both on venue {@code SERVICE}.
         */
        public Builder instruments(Function<String, Instrument> value) {
            this.instruments = Checks.notNull(value, "instruments");
            return this;
        }

        /** Builds the engine. @throws IllegalArgumentException if the model does not read the feature set */
        public SignalEngine build() {
            return new SignalEngine(this);
        }

        private static Instrument defaultInstrument(String symbol) {
            int slash = symbol.indexOf('/');
            return slash > 0 && slash < symbol.length() - 1
                    ? Instrument.crypto(symbol, "SERVICE", symbol.substring(slash + 1))
                    : new Instrument(symbol, "SERVICE", AssetClass.EQUITY, "USD", 0.01, 1);
        }
    }
}
