package dev.sextant.trading.models.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WalkForwardSplitterTest {

    @Test
    void walkForwardTestBlocksFollowAnInitialTrainingBlock() {
        List<WalkForwardSplit> folds = WalkForwardSplitter.walkForward(3, 0).split(20, 0);
        assertEquals(3, folds.size());
        // 20 rows, 4 blocks of 5: first training block [0,5), tests [5,10), [10,15), [15,20).
        assertEquals(5, folds.get(0).testStart());
        assertEquals(10, folds.get(0).testEnd());
        assertEquals(15, folds.get(2).testStart());
        assertEquals(20, folds.get(2).testEnd());
        assertArrayEquals(IntStream.range(0, 15).toArray(), folds.get(2).train());
    }

    @Test
    void theFirstBlockTakesTheRemainder() {
        List<WalkForwardSplit> folds = WalkForwardSplitter.walkForward(2, 0).split(11, 0);
        assertEquals(5, folds.get(0).testStart());
        assertEquals(8, folds.get(1).testStart());
        assertEquals(11, folds.get(1).testEnd());
    }

    @Test
    void purgeDropsExactlyTheRowsWhoseLabelsReachIntoTheTestBlock() {
        // Horizon 3, test block [10, 15): row 6 ends at 9 (kept), rows 7..9 end at 10..12 (purged).
        WalkForwardSplit fold = WalkForwardSplitter.walkForward(2, 0).split(15, 3).get(1);
        assertEquals(10, fold.testStart());
        assertArrayEquals(IntStream.rangeClosed(0, 6).toArray(), fold.train());
    }

    @Test
    void walkForwardEmbargoDropsTheRowsJustBeforeTheTestBlock() {
        // Horizon 1 purges row 9; embargo 2 drops rows 8 and 9 before the block [10, 15).
        WalkForwardSplit fold = WalkForwardSplitter.walkForward(2, 2).split(15, 1).get(1);
        assertArrayEquals(IntStream.rangeClosed(0, 7).toArray(), fold.train());
    }

    @Test
    void purgedKFoldEmbargoesRowsRightAfterTheTestBlock() {
        // 20 rows in 4 blocks of 5; fold 1 tests [5, 10). Horizon 2 purges 3 and 4; embargo 3 drops 10..12.
        WalkForwardSplit fold = WalkForwardSplitter.purgedKFold(4, 3).split(20, 2).get(1);
        assertEquals(5, fold.testStart());
        assertEquals(10, fold.testEnd());
        int[] expected = IntStream.concat(IntStream.rangeClosed(0, 2), IntStream.range(13, 20)).toArray();
        assertArrayEquals(expected, fold.train());
    }

    @Test
    void purgedKFoldGivesEveryRowOneTestBlock() {
        List<WalkForwardSplit> folds = WalkForwardSplitter.purgedKFold(3, 1).split(17, 1);
        int[] seen = new int[17];
        for (WalkForwardSplit f : folds) {
            for (int t : f.test()) {
                seen[t]++;
            }
        }
        for (int i = 0; i < 17; i++) {
            assertEquals(1, seen[i], "row " + i);
        }
    }

    @Test
    void variableLabelEndsArePurgedIndividually() {
        int[] ends = {0, 5, 2, 3, 4, 5, 6, 7, 8, 9};
        // Walk-forward, 1 fold: test [5, 10); row 1's label ends at 5 inside the test block.
        WalkForwardSplit fold = WalkForwardSplitter.walkForward(1, 0).split(ends).get(0);
        assertArrayEquals(new int[] {0, 2, 3, 4}, fold.train());
    }

    @Test
    void rollingWindowKeepsTheLatestRows() {
        WalkForwardSplit fold = new WalkForwardSplitter(WalkForwardSplitter.Scheme.WALK_FORWARD, 3, 0, 4)
                .split(20, 0).get(2);
        assertArrayEquals(new int[] {11, 12, 13, 14}, fold.train());
    }

    @Test
    void rejectsTooFewRowsAndBadLabelEnds() {
        assertThrows(IllegalArgumentException.class, () -> WalkForwardSplitter.walkForward(4, 0).split(4, 0));
        assertThrows(IllegalArgumentException.class, () -> WalkForwardSplitter.walkForward(1, 0).split(new int[] {0, 0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> new WalkForwardSplitter(WalkForwardSplitter.Scheme.PURGED_K_FOLD, 3, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> WalkForwardSplitter.walkForward(0, 0));
    }

    @Property(tries = 300)
    void trainNeverOverlapsTestNorReachesItThroughALabel(
            @ForAll @IntRange(min = 2, max = 300) int rows, @ForAll @IntRange(min = 1, max = 8) int folds,
            @ForAll @IntRange(min = 0, max = 20) int horizon, @ForAll @IntRange(min = 0, max = 10) int embargo,
            @ForAll boolean kFold) {
        WalkForwardSplitter splitter = kFold ? WalkForwardSplitter.purgedKFold(folds, embargo)
                : WalkForwardSplitter.walkForward(folds, embargo);
        int blocks = kFold ? folds : folds + 1;
        if (rows < blocks) {
            assertThrows(IllegalArgumentException.class, () -> splitter.split(rows, horizon));
            return;
        }
        for (WalkForwardSplit f : splitter.split(rows, horizon)) {
            for (int i : f.train()) {
                assertFalse(i >= f.testStart() && i < f.testEnd(), "train row " + i + " in test " + f);
                boolean labelOverlapsTest = i < f.testStart() && i + horizon >= f.testStart();
                assertFalse(labelOverlapsTest, "train row " + i + " label reaches test " + f);
                if (kFold) {
                    assertFalse(i >= f.testEnd() && i < f.testEnd() + embargo, "row " + i + " in embargo of " + f);
                } else {
                    assertTrue(i < f.testStart() - embargo, "row " + i + " in gap before " + f);
                }
            }
        }
    }
}
