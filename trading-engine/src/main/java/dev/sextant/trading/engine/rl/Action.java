package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import java.time.Instant;

/**
 * What an agent does on a closed bar: a direction and a size. The action becomes the signal the
 * pipeline gets ({@link #toSignal}): the direction, all probability on it, and the size as the
 * confidence, which the environment's sizing rule
 * ({@link dev.sextant.trading.risk.SizingMethod.ConfidenceScaled}) turns into a target position
 * of {@code size * maxFraction} of equity. The sizer then moves the position towards that target
 * in the action's direction only (a BUY never sells), caps it by the risk headroom, and the
 * pre-trade checks approve, resize or reject the order, exactly as for a model's signal.
 *
 * @param direction SELL, HOLD (trade nothing) or BUY
 * @param size      fraction of the largest position, in [0, 1]; 0 trades nothing
 */
public record Action(Direction direction, double size) {

    /** Trade nothing. */
    public static final Action HOLD = new Action(Direction.HOLD, 0);

    /** Validates. */
    public Action {
        Checks.notNull(direction, "direction");
        Checks.inRange(size, 0, 1, "size");
    }

    /**
     * The most probable direction of {@code probabilities} (SELL, HOLD, BUY in [0..2]; a tie goes
     * to the earlier of SELL, HOLD, BUY) with {@code size}.
     *
     * @throws IllegalArgumentException if {@code size} is outside [0, 1]
     */
    public static Action mostProbable(double[] probabilities, double size) {
        double[] p = probabilities;
        int d = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
        return new Action(Direction.ofIndex(d), size);
    }

    /**
     * The signal this action stands for, stamped at {@code time}.
     *
     * @param instrument   the instrument traded
     * @param time         the close time of the bar decided on
     * @param modelId      id stamped on the signal
     * @param modelVersion version stamped on the signal
     */
    public Signal toSignal(Instrument instrument, Instant time, String modelId, String modelVersion) {
        ClassProbabilities p = switch (direction) {
            case SELL -> new ClassProbabilities(1, 0, 0);
            case HOLD -> new ClassProbabilities(0, 1, 0);
            case BUY -> new ClassProbabilities(0, 0, 1);
        };
        return new Signal(instrument, time, direction, p, size, modelId, modelVersion);
    }
}
