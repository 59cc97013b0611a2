package dev.sextant.trading.engine.rl;

import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.models.policy.PolicyObservation;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import java.util.SplittableRandom;

/**
 * Many episodes of a {@link TradingEnvironment} stepped at once, for training throughput: state
 * in parallel primitive arrays (structure of arrays), nothing allocated per step. Episodes that
 * end are restarted at once at a new random bar (Gymnasium's autoreset); the observation they
 * ended with is kept in {@link #finalObservations()}.
 *
 * <h2>Same dynamics, on primitives</h2>
 * Orders are sized by the same rule (target {@code size * maxFraction * equity / close}, moved
 * towards in the action's direction only, rounded down to the lot), fill at the next bar's open at
 * most {@code maxParticipation} of its volume per bar, at the price and fee the paper broker
 * computes ({@link PaperBrokerConfig#marketableFillPrice}, {@link PaperBrokerConfig#fee}: the
 * same code, not a copy), and equity is marked at each close. The sizer's headroom mirrors the
 * risk engine's size checks that bind in practice: the largest order value and the largest
 * position counting every working order on the order's side. The constructor accepts only
 * configurations in which the other checks cannot bind (leverage and net exposure limits at least
 * the position limit, no order quantity limit, order-rate limits above one order per bar, no
 * minimum edge the cost model could exceed), so an order the vectorised environment sends is one
 * the risk engine approves unchanged. Loss limits, VaR and the kill switch are not
 * simulated: they trip only after losses that a position of {@code maxFraction} of equity does
 * not reach in one episode, and {@link TradingEnvironment} (the backtester's machinery) is the
 * reference that tests compare this class with. Working orders fill in arrival order, as at the paper broker.
 *
 * <p>Deterministic for a seed. Not thread-safe.
 */
public final class VectorTradingEnvironment {
    /** Working orders kept per episode; a further order joins the newest one. */
    static final int MAX_WORKING = 16;

    private final EnvironmentData data;
    private final EnvironmentConfig config;
    private final PaperBrokerConfig broker;
    private final Instrument instrument;
    private final int envs;
    private final int obsSize;
    private final int first;
    private final int last;
    private final double maxFraction;
    private final double minConfidence;
    private final boolean allowShort;
    private final double participation;
    private final double maxPositionFraction;
    private final double maxOrderValueFraction;
    private final double maxOrderValue;
    private final double initialCash;
    private SplittableRandom random;
    private final BarSeries series;

    private final int[] bar;
    private final int[] steps;
    private final int[] barsInPosition;
    private final double[] cash;
    private final double[] position;
    private final double[] averagePrice;
    /** Working orders per episode, signed remaining quantities in arrival order: row i at [i * MAX_WORKING ..]. */
    private final double[] working;
    private final int[] workingCount;
    private final double[] equity;
    private final double[] highWater;
    private final double[] drawdown;
    private final double[] fees;
    private final double[] notional;
    private final double[] observations;
    private final double[] finalObservations;
    private final double[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;

    /**
     * {@code envs} episodes over {@code data}, started by {@link #reset}.
     *
     * @throws IllegalArgumentException if the configuration is one whose checks could bind (see
     *                                  the class comment; the message names the setting), or the
     *                                  data is too short
     */
    public VectorTradingEnvironment(EnvironmentData data, EnvironmentConfig config, int envs) {
        this.data = Checks.notNull(data, "data");
        this.config = Checks.notNull(config, "config");
        this.envs = Checks.positive(envs, "envs");
        if (!data.spec().equals(config.spec())) {
            throw new IllegalArgumentException("data has features " + data.spec().name() + " but the configuration "
                    + config.spec().name());
        }
        BacktestConfig bt = config.backtest();
        SizingMethod.ConfidenceScaled method = (SizingMethod.ConfidenceScaled) bt.sizing().method();
        this.maxFraction = method.maxFraction();
        this.minConfidence = method.minConfidence();
        this.allowShort = bt.sizing().allowShort();
        requireChecksCannotBind(bt);
        this.broker = PaperBrokerConfig.builder().initialCash(bt.initialCash()).costModel(bt.costs()).seed(bt.seed()).build();
        this.participation = broker.maxParticipation();
        this.maxPositionFraction = bt.limits().exposure().maxPositionFraction();
        this.maxOrderValueFraction = bt.limits().orders().maxOrderValueFraction();
        this.maxOrderValue = bt.limits().orders().maxOrderValue();
        this.instrument = bt.instrument();
        this.initialCash = bt.initialCash();
        this.series = data.series();
        this.obsSize = config.observationSize();
        this.first = data.firstObservable(config.window());
        this.last = data.size() - 1;
        if (first >= last) {
            throw new IllegalArgumentException("series " + series.name() + " of " + data.size()
                    + " bars has no observable bar followed by another (first observable bar " + first + ")");
        }
        this.random = new SplittableRandom(0);
        bar = new int[envs];
        steps = new int[envs];
        barsInPosition = new int[envs];
        cash = new double[envs];
        position = new double[envs];
        averagePrice = new double[envs];
        working = new double[envs * MAX_WORKING];
        workingCount = new int[envs];
        equity = new double[envs];
        highWater = new double[envs];
        drawdown = new double[envs];
        fees = new double[envs];
        notional = new double[envs];
        observations = new double[envs * obsSize];
        finalObservations = new double[envs * obsSize];
        rewards = new double[envs];
        terminated = new boolean[envs];
        truncated = new boolean[envs];
    }

    private static void requireChecksCannotBind(BacktestConfig bt) {
        RiskLimits limits = bt.limits();
        if (Double.isFinite(limits.orders().maxOrderQuantity())
                || !limits.orders().maxOrderQuantityByInstrument().isEmpty()) {
            throw new IllegalArgumentException("limits.orders: order quantity limits are not simulated in the"
                    + " vectorised environment; use TradingEnvironment");
        }
        double position = limits.exposure().maxPositionFraction();
        if (limits.exposure().maxLeverage() < position || limits.exposure().maxNetExposureFraction() < position
                || Double.isFinite(limits.exposure().maxGrossExposure())) {
            throw new IllegalArgumentException("limits.exposure: maxLeverage " + limits.exposure().maxLeverage()
                    + " and maxNetExposureFraction " + limits.exposure().maxNetExposureFraction()
                    + " must be at least maxPositionFraction " + position + " and maxGrossExposure unlimited in the"
                    + " vectorised environment; use TradingEnvironment");
        }
        long barMillis = bt.timeFrame().millis();
        if (limits.orders().repeatedOrderWindowMillis() / barMillis >= limits.orders().maxRepeatedOrders()
                || limits.orders().duplicateWindowMillis() >= barMillis
                || limits.orders().orderRateWindowMillis() / barMillis >= limits.orders().maxOrdersPerWindow()) {
            throw new IllegalArgumentException("limits.orders: the order-rate, repeat or duplicate limits could bind on "
                    + bt.timeFrame() + " bars (one order per bar); use TradingEnvironment");
        }
        double roundTripBps = 2 * (bt.costs().spreadBps() / 2 + bt.costs().commissionBps());
        if (bt.sizing().minEdgeBps() > 0 || roundTripBps > bt.expectedMove() * 10_000
                || bt.costs().minCommission() > 0 || bt.costs().commissionPerUnit() > 0
                || bt.costs().impactCoefficient() > 0) {
            throw new IllegalArgumentException("sizing.minEdgeBps " + bt.sizing().minEdgeBps() + " with costs "
                    + bt.costs() + " and expectedMove " + bt.expectedMove() + " could hold back orders: the vectorised"
                    + " environment needs minEdgeBps 0, a round trip in bps below expectedMove and no minimum,"
                    + " per-unit commission or impact");
        }
    }

    /** Episodes stepped at once. */
    public int size() {
        return envs;
    }

    /** Values per observation. */
    public int observationSize() {
        return obsSize;
    }

    /**
     * Starts every episode at a random bar; the episode starts and the broker are seeded from
     * {@code seed}.
     *
     * @return the observations, {@link #size()} rows of {@link #observationSize()} values (a live
     *         buffer, overwritten by each step)
     */
    public double[] reset(long seed) {
        random = new SplittableRandom(seed);
        for (int i = 0; i < envs; i++) {
            start(i);
        }
        return observations;
    }

    /**
     * Starts every episode at bar {@code start} (for evaluation over a fixed range); episodes
     * that end are restarted at random bars drawn from {@code seed}.
     *
     * @throws IllegalArgumentException if {@code start} is before the first observable bar or at or after the last bar
     */
    public double[] resetAt(int start, long seed) {
        Checks.inRange(start, first, last - 1, "start");
        random = new SplittableRandom(seed);
        for (int i = 0; i < envs; i++) {
            start(i);
            bar[i] = start;
            writeObservation(i, observations);
        }
        return observations;
    }

    private void start(int i) {
        int latest = Math.max(first, last - config.episodeLength());
        bar[i] = first + random.nextInt(latest - first + 1);
        steps[i] = 0;
        barsInPosition[i] = 0;
        cash[i] = initialCash;
        position[i] = 0;
        averagePrice[i] = 0;
        workingCount[i] = 0;
        equity[i] = initialCash;
        highWater[i] = initialCash;
        drawdown[i] = 0;
        fees[i] = 0;
        notional[i] = 0;
        writeObservation(i, observations);
    }

    /**
     * Steps every episode: episode {@code i} decides with direction index {@code directions[i]}
     * (0 SELL, 1 HOLD, 2 BUY) and size {@code sizes[i]} in [0, 1]. Results are in
     * {@link #observations()}, {@link #rewards()}, {@link #terminated()}, {@link #truncated()};
     * an episode that ended is restarted, its last observation in {@link #finalObservations()}.
     *
     * @throws IllegalArgumentException if an array is shorter than {@link #size()}, a direction
     *                                  is not 0..2 or a size not in [0, 1]
     */
    public void step(int[] directions, double[] sizes) {
        if (directions.length < envs || sizes.length < envs) {
            throw new IllegalArgumentException("step needs " + envs + " directions and sizes but got "
                    + directions.length + " and " + sizes.length);
        }
        for (int i = 0; i < envs; i++) {
            int d = directions[i];
            double s = sizes[i];
            if (d < 0 || d > 2 || !(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("episode " + i + ": direction index must be 0..2 and size in [0, 1]"
                        + " but were " + d + " and " + s);
            }
            stepOne(i, d, s);
        }
    }

    private void stepOne(int i, int direction, double size) {
        int t = bar[i];
        decide(i, t, direction, size);
        double equityBefore = equity[i];
        double notionalBefore = notional[i];
        double positionBefore = position[i];
        t++;
        bar[i] = t;
        steps[i]++;
        arrive(i, t);
        barsInPosition[i] = EnvironmentData.nextBarsInPosition(barsInPosition[i], positionBefore, position[i]);
        double e = equity[i];
        boolean term = !(e > 0);
        double reward;
        if (term) {
            reward = -config.rewardScale();
        } else {
            highWater[i] = Math.max(highWater[i], e);
            double dd = (highWater[i] - e) / highWater[i];
            reward = config.rewardScale() * (Math.log(e / equityBefore)
                    - config.drawdownPenalty() * Math.max(0, dd - drawdown[i])
                    - config.turnoverPenalty() * (notional[i] - notionalBefore) / equityBefore);
            drawdown[i] = dd;
        }
        boolean trunc = !term && (steps[i] >= config.episodeLength() || t >= last);
        rewards[i] = reward;
        terminated[i] = term;
        truncated[i] = trunc;
        writeObservation(i, observations);
        if (term || trunc) {
            System.arraycopy(observations, i * obsSize, finalObservations, i * obsSize, obsSize);
            start(i);
        }
    }

    /** The pipeline's sizing of the action at bar {@code t}'s close; the order joins the working quantity. */
    private void decide(int i, int t, int direction, double size) {
        int sign = direction - 1;
        if (sign == 0) {
            return;
        }
        double fraction = maxFraction * Math.max(0, Math.min(1, (size - minConfidence) / (1 - minConfidence)));
        if (!(fraction > 0)) {
            return;
        }
        double close = series.close(t);
        double e = Math.max(0, equity[i]);
        double target = sign > 0 || allowShort ? sign * fraction * e / close : 0;
        int base = i * MAX_WORKING;
        double pendingBuy = 0;
        double pendingSell = 0;
        for (int k = 0; k < workingCount[i]; k++) {
            double w = working[base + k];
            if (w > 0) {
                pendingBuy += w;
            } else {
                pendingSell -= w;
            }
        }
        double projected = position[i] + pendingBuy - pendingSell;
        double wanted = sign > 0 ? target - projected : projected - target;
        if (wanted <= 0) {
            return;
        }
        double same = sign > 0 ? position[i] + pendingBuy : pendingSell - position[i];
        double allowed = headroom(same, close, e);
        if (allowed <= 0) {
            return;
        }
        double quantity = instrument.roundQuantity(Math.min(wanted, allowed));
        if (quantity > 0) {
            int n = workingCount[i];
            if (n == MAX_WORKING) {
                working[base + n - 1] += sign * quantity;
            } else {
                working[base + n] = sign * quantity;
                workingCount[i] = n + 1;
            }
        }
    }

    /**
     * The risk engine's headroom on one side as its size-dependent checks compute it: the largest
     * quantity within the order-value limit and, for a risk-increasing order, within the position
     * limit counting every working order on that side ({@code same}, the worst-case position),
     * each rounded down to the lot; a risk-reducing order is capped by the order value only.
     */
    private double headroom(double same, double mark, double equity) {
        double valueCap = Math.min(maxOrderValue, maxOrderValueFraction * equity) / mark;
        double positionCap = Math.max(0, maxPositionFraction * equity) / mark - same;
        double best = lots(Math.min(valueCap, positionCap));
        double reducing = instrument.roundQuantity(Math.max(0, -same));
        if (reducing > best) {
            double q = Math.min(reducing, lots(valueCap));
            if (same + reducing > 1e-9 * reducing) {
                q = Math.min(q, lots(positionCap));
            }
            best = Math.max(best, q);
        }
        return best;
    }

    private double lots(double quantity) {
        return quantity > 0 ? instrument.roundQuantity(quantity) : 0;
    }

    /**
     * Bar {@code t} arrives: working orders fill at its open in arrival order, together at most
     * the participation cap of its volume, each at the paper broker's price and fee; the account
     * is marked at the close.
     */
    private void arrive(int i, int t) {
        int n = workingCount[i];
        if (n > 0) {
            double open = series.open(t);
            double volume = series.volume(t);
            double capacity = participation == PaperBrokerConfig.NO_PARTICIPATION_CAP ? Double.POSITIVE_INFINITY
                    : participation * volume;
            double volatility = (series.high(t) - series.low(t)) / open;
            int base = i * MAX_WORKING;
            int kept = 0;
            for (int k = 0; k < n; k++) {
                double q = working[base + k];
                int sign = q > 0 ? 1 : -1;
                double quantity = instrument.roundQuantity(Math.min(Math.abs(q), capacity));
                double left = Math.abs(q);
                if (quantity > 0) {
                    double price = Math.max(broker.marketableFillPrice(instrument, sign, quantity, open, volume,
                            volatility), instrument.tickSize());
                    double fee = broker.fee(quantity, price);
                    apply(i, sign * quantity, price);
                    cash[i] = cash[i] - sign * quantity * price - fee;
                    fees[i] += fee;
                    notional[i] += quantity * price;
                    capacity -= quantity;
                    left -= quantity;
                }
                if (left > instrument.quantityTolerance()) {
                    working[base + kept++] = sign * left;
                }
            }
            workingCount[i] = kept;
        }
        equity[i] = cash[i] + position[i] * series.close(t);
    }

    /** Average-cost position accounting, as {@link Position#apply}. */
    private void apply(int i, double q, double price) {
        double held = position[i];
        if (Math.abs(held) <= Position.FLAT_EPSILON || Math.signum(q) == Math.signum(held)) {
            double next = held + q;
            averagePrice[i] = (Math.abs(held) * averagePrice[i] + Math.abs(q) * price) / Math.abs(next);
            position[i] = next;
            return;
        }
        double next = held + q;
        if (Math.abs(next) <= Position.FLAT_EPSILON) {
            position[i] = 0;
            averagePrice[i] = 0;
        } else {
            if (Math.signum(next) != Math.signum(held)) {
                averagePrice[i] = price;
            }
            position[i] = next;
        }
    }

    private void writeObservation(int i, double[] out) {
        int offset = i * obsSize;
        int t = bar[i];
        data.writeFeatures(t, config.window(), out, offset);
        PolicyObservation.writePortfolio(position[i], averagePrice[i], series.close(t), equity[i], barsInPosition[i],
                maxFraction, out, offset + config.window() * data.spec().size());
    }

    /** The observations after the last reset or step (live buffer). */
    public double[] observations() {
        return observations;
    }

    /** For episodes that ended in the last step, their last observation (live buffer; other rows are stale). */
    public double[] finalObservations() {
        return finalObservations;
    }

    /** The rewards of the last step (live buffer). */
    public double[] rewards() {
        return rewards;
    }

    /** Which episodes terminated in the last step (live buffer). */
    public boolean[] terminated() {
        return terminated;
    }

    /** Which episodes were truncated in the last step (live buffer). */
    public boolean[] truncated() {
        return truncated;
    }

    /** Episode {@code i}'s equity at its current bar's close. */
    public double equity(int i) {
        return equity[i];
    }

    /** Episode {@code i}'s filled position, signed. */
    public double position(int i) {
        return position[i];
    }

    /** Fees episode {@code i} has paid since it started. */
    public double fees(int i) {
        return fees[i];
    }

    /** Episode {@code i}'s current bar. */
    public int bar(int i) {
        return bar[i];
    }

}
