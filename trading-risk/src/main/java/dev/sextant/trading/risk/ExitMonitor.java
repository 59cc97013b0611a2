package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Side;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Watches open positions for stop-loss, take-profit and trailing-stop exits.
 *
 * <p>Positions follow {@link #onFill fills} with average-cost accounting; the entry price is the
 * average price, and the best price since entry starts there. {@link #onPrice} reports an exit
 * once per position (it stays quiet until the position changes again, so one exit order is not
 * repeated on every tick). When several levels are crossed at once, the one nearest the entry
 * in the adverse direction wins: stop-loss before trailing stop, and either before take-profit.
 * Levels are snapped to the instrument's tick, so a price exactly on a level triggers it.
 *
 * <p>Thread-safe: all methods synchronise on the monitor.
 */
public final class ExitMonitor {
    private final ExitPolicy defaultPolicy;
    private final Map<Instrument, ExitPolicy> policies = new HashMap<>();
    private final Map<Instrument, Tracked> tracked = new HashMap<>();

    private static final class Tracked {
        Position position;
        double best;
        boolean exitReported;

        Tracked(Position position) {
            this.position = position;
        }
    }

    /** A monitor applying {@code defaultPolicy} to instruments without a policy of their own. */
    public ExitMonitor(ExitPolicy defaultPolicy) {
        this.defaultPolicy = Checks.notNull(defaultPolicy, "defaultPolicy");
    }

    /** Sets the exit policy of one instrument. */
    public synchronized void setPolicy(Instrument instrument, ExitPolicy policy) {
        policies.put(Checks.notNull(instrument, "instrument"), Checks.notNull(policy, "policy"));
    }

    /** Updates the tracked position with {@code fill}. */
    public synchronized void onFill(Fill fill) {
        Checks.notNull(fill, "fill");
        Tracked t = tracked.computeIfAbsent(fill.instrument(), i -> new Tracked(Position.flat(i)));
        Position before = t.position;
        Position after = before.apply(fill);
        t.position = after;
        t.exitReported = false;
        if (after.isFlat()) {
            tracked.remove(fill.instrument());
        } else if (before.isFlat() || Math.signum(after.quantity()) != Math.signum(before.quantity())) {
            t.best = after.averagePrice();
        } else if (after.quantity() > 0) {
            t.best = Math.max(t.best, fill.price());
        } else {
            t.best = Math.min(t.best, fill.price());
        }
    }

    /** The tracked position in {@code instrument}, flat if none. */
    public synchronized Position position(Instrument instrument) {
        Tracked t = tracked.get(instrument);
        return t == null ? Position.flat(instrument) : t.position;
    }

    /**
     * Checks the exit levels of {@code instrument}'s position at {@code price}.
     *
     * @param price the latest trade or mark price, finite and positive
     * @return the exit to take, or empty (also when it was already reported for this position)
     */
    public synchronized Optional<Exit> onPrice(Instrument instrument, double price) {
        Checks.notNull(instrument, "instrument");
        Checks.positive(price, "price");
        Tracked t = tracked.get(instrument);
        if (t == null || t.exitReported) {
            return Optional.empty();
        }
        ExitPolicy p = policies.getOrDefault(instrument, defaultPolicy);
        Position pos = t.position;
        double entry = pos.averagePrice();
        boolean isLong = pos.quantity() > 0;
        t.best = isLong ? Math.max(t.best, price) : Math.min(t.best, price);
        ExitReason reason = null;
        double level = 0;
        // Levels are snapped to the tick grid so that a price exactly on a level triggers it.
        double stop = p.stopLossFraction() > 0 ? instrument.roundPrice(entry * (1 - Math.signum(pos.quantity())
                * p.stopLossFraction())) : Double.NaN;
        double trail = p.trailingStopFraction() > 0 ? instrument.roundPrice(t.best * (1 - Math.signum(pos.quantity())
                * p.trailingStopFraction())) : Double.NaN;
        double take = p.takeProfitFraction() > 0 ? instrument.roundPrice(entry * (1 + Math.signum(pos.quantity())
                * p.takeProfitFraction())) : Double.NaN;
        if (isLong) {
            if (price <= stop) {
                reason = ExitReason.STOP_LOSS;
                level = stop;
            } else if (price <= trail) {
                reason = ExitReason.TRAILING_STOP;
                level = trail;
            } else if (price >= take) {
                reason = ExitReason.TAKE_PROFIT;
                level = take;
            }
        } else {
            if (price >= stop) {
                reason = ExitReason.STOP_LOSS;
                level = stop;
            } else if (price >= trail) {
                reason = ExitReason.TRAILING_STOP;
                level = trail;
            } else if (price <= take && take > 0) {
                reason = ExitReason.TAKE_PROFIT;
                level = take;
            }
        }
        if (reason == null) {
            return Optional.empty();
        }
        t.exitReported = true;
        return Optional.of(new Exit(instrument, reason, isLong ? Side.SELL : Side.BUY, Math.abs(pos.quantity()), level,
                price));
    }
}
