package dev.sextant.trading.live.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class StageTableTest {

    private static final Set<String> LEGAL = Set.of("CANDIDATE PROMOTE CHALLENGER", "CANDIDATE PROMOTE CHAMPION",
            "CANDIDATE RETIRE RETIRED", "CHALLENGER PROMOTE CHAMPION", "CHALLENGER RETIRE RETIRED",
            "CHAMPION DISPLACE RETIRED", "CHAMPION ROLL_BACK RETIRED", "RETIRED RESTORE CHAMPION");

    @Property(tries = 200)
    void exactlyTheDocumentedChangesAreLegal(@ForAll Stage from, @ForAll Move move, @ForAll Stage to) {
        boolean legal = LEGAL.contains(from + " " + move + " " + to);
        assertEquals(legal, StageTable.isLegal(from, move, to));
        if (legal) {
            assertEquals(to, StageTable.check(3, from, move, to));
        } else {
            RegistryException.IllegalTransition e = assertThrows(RegistryException.IllegalTransition.class,
                    () -> StageTable.check(3, from, move, to));
            assertEquals(from, e.from());
            assertEquals(move, e.move());
            assertEquals(to, e.to());
        }
    }

    @Test
    void aRetiredVersionBecomesChampionOnlyByARollbacksRestore() {
        for (Move move : Move.values()) {
            assertEquals(move == Move.RESTORE, StageTable.isLegal(Stage.RETIRED, move, Stage.CHAMPION), move.name());
        }
    }

    @Test
    void registrationIsNoMoveBetweenStages() {
        for (Stage from : Stage.values()) {
            for (Stage to : Stage.values()) {
                assertEquals(false, StageTable.isLegal(from, Move.REGISTER, to));
            }
        }
    }
}
