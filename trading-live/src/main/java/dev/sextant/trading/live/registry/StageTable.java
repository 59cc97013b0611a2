package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.Checks;
import java.util.Set;

/**
 * Every legal stage change, in one table: (stage, move, target stage). Anything not listed is an
 * {@link RegistryException.IllegalTransition}. A registration ({@link Move#REGISTER}) has no
 * "from" stage and always yields {@link Stage#CANDIDATE}.
 *
 * <pre>
 * CANDIDATE  --PROMOTE--&gt;   CHALLENGER | CHAMPION
 * CANDIDATE  --RETIRE--&gt;    RETIRED
 * CHALLENGER --PROMOTE--&gt;   CHAMPION
 * CHALLENGER --RETIRE--&gt;    RETIRED
 * CHAMPION   --DISPLACE--&gt;  RETIRED      (another version was promoted to champion)
 * CHAMPION   --ROLL_BACK--&gt; RETIRED      (a rollback demoted it)
 * RETIRED    --RESTORE--&gt;   CHAMPION     (a rollback restored the previous champion)
 * </pre>
 * A champion cannot be retired by hand (that would leave no model trading): promote another
 * version or roll back. Thread-safe (immutable).
 */
public final class StageTable {

    /** One legal stage change. */
    private record Rule(Stage from, Move move, Stage to) {
    }

    private static final Set<Rule> LEGAL = Set.of(
            new Rule(Stage.CANDIDATE, Move.PROMOTE, Stage.CHALLENGER),
            new Rule(Stage.CANDIDATE, Move.PROMOTE, Stage.CHAMPION),
            new Rule(Stage.CANDIDATE, Move.RETIRE, Stage.RETIRED),
            new Rule(Stage.CHALLENGER, Move.PROMOTE, Stage.CHAMPION),
            new Rule(Stage.CHALLENGER, Move.RETIRE, Stage.RETIRED),
            new Rule(Stage.CHAMPION, Move.DISPLACE, Stage.RETIRED),
            new Rule(Stage.CHAMPION, Move.ROLL_BACK, Stage.RETIRED),
            new Rule(Stage.RETIRED, Move.RESTORE, Stage.CHAMPION));

    private StageTable() {
    }

    /** Whether {@code move} may take a version from {@code from} to {@code to}. */
    public static boolean isLegal(Stage from, Move move, Stage to) {
        return LEGAL.contains(new Rule(Checks.notNull(from, "from"), Checks.notNull(move, "move"), Checks.notNull(to, "to")));
    }

    /**
     * Checks a stage change of version {@code version}.
     *
     * @return {@code to}
     * @throws RegistryException.IllegalTransition if the table does not list it
     */
    public static Stage check(long version, Stage from, Move move, Stage to) {
        if (!isLegal(from, move, to)) {
            throw new RegistryException.IllegalTransition(version, from, move, to);
        }
        return to;
    }
}
