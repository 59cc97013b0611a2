package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BarResamplerTest {
    private static final long M = 60_000;

    @Test
    void emitsTheCoarseBarWhenItsLastSourceBarCloses() {
        BarResampler r = new BarResampler(TimeFrame.M1, TimeFrame.M5);
        assertNull(r.onBar(new Bar(0, 10, 11, 9, 10, 1)));
        assertNull(r.onBar(new Bar(M, 10, 13, 10, 12, 1)));
        assertNull(r.onBar(new Bar(2 * M, 12, 12, 8, 9, 1)));
        assertNull(r.onBar(new Bar(3 * M, 9, 10, 9, 10, 1)));
        Bar b = r.onBar(new Bar(4 * M, 10, 10, 9.5, 9.5, 1));
        assertEquals(new Bar(0, 10, 13, 8, 9.5, 5), b);
    }

    @Test
    void emitsAfterAGapWhenTheNextIntervalBegins() {
        BarResampler r = new BarResampler(TimeFrame.M1, TimeFrame.M5);
        assertNull(r.onBar(new Bar(0, 10, 11, 9, 10, 1)));
        assertNull(r.onBar(new Bar(M, 10, 12, 9, 11, 1)));
        Bar b = r.onBar(new Bar(6 * M, 11, 11, 11, 11, 1));
        assertEquals(new Bar(0, 10, 12, 9, 11, 2), b);
        assertEquals(new Bar(5 * M, 11, 11, 11, 11, 1), r.flush());
    }

    @Test
    void oneBarAfterAGapCanCloseTwoIntervals() {
        BarResampler r = new BarResampler(TimeFrame.M1, TimeFrame.M5);
        r.onBar(new Bar(0, 10, 11, 9, 10, 1));
        Bar first = r.onBar(new Bar(9 * M, 11, 11, 11, 11, 1));
        assertEquals(0, first.time());
        assertEquals(5 * M, r.pollPending().time());
        assertNull(r.pollPending());
    }

    @Test
    void refusesTheNextBarWhileAClosedBarWaits() {
        BarResampler r = new BarResampler(TimeFrame.M1, TimeFrame.M5);
        r.onBar(new Bar(0, 10, 11, 9, 10, 1));
        r.onBar(new Bar(9 * M, 11, 11, 11, 11, 1));
        assertThrows(IllegalStateException.class, () -> r.onBar(new Bar(10 * M, 11, 11, 11, 11, 1)));
    }

    @Test
    void rejectsTargetThatIsNotAMultiple() {
        assertThrows(IllegalArgumentException.class, () -> new BarResampler(TimeFrame.M5, TimeFrame.parse("7m")));
    }

    @Test
    void batchKeepsOnlyClosedBarsUnlessAskedForPartial() {
        BarSeries s = new BarSeries("s", TimeFrame.M1);
        for (int i = 0; i < 12; i++) {
            s.append(i * M, 10, 11, 9, 10, 1);
        }
        assertEquals(2, BarResampler.resample(s, TimeFrame.M5, false).size());
        BarSeries withPartial = BarResampler.resample(s, TimeFrame.M5, true);
        assertEquals(3, withPartial.size());
        assertEquals(2, withPartial.volume(2), 0);
    }

    static byte[] save(BarResampler r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        r.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Test
    void restoredStateContinuesTheBarUnderConstructionAndTheWaitingBar() throws IOException {
        BarResampler r = new BarResampler(TimeFrame.M1, TimeFrame.M5);
        r.onBar(new Bar(0, 10, 11, 9, 10, 1));
        r.onBar(new Bar(M, 10, 13, 10, 12, 1));
        BarResampler restored = new BarResampler(TimeFrame.M1, TimeFrame.M5);
        restored.readState(new DataInputStream(new ByteArrayInputStream(save(r))));
        assertNull(restored.onBar(new Bar(2 * M, 12, 12, 8, 9, 1)));
        assertNull(restored.onBar(new Bar(3 * M, 9, 10, 9, 10, 1)));
        assertEquals(new Bar(0, 10, 13, 8, 9.5, 5), restored.onBar(new Bar(4 * M, 10, 10, 9.5, 9.5, 1)));
        assertThrows(IllegalArgumentException.class, () -> restored.onBar(new Bar(4 * M, 10, 10, 9.5, 9.5, 1)),
                "the last bar time is restored too");

        BarResampler gap = new BarResampler(TimeFrame.M1, TimeFrame.M5);
        gap.onBar(new Bar(0, 10, 11, 9, 10, 1));
        gap.onBar(new Bar(9 * M, 11, 11, 11, 11, 1));
        BarResampler waiting = new BarResampler(TimeFrame.M1, TimeFrame.M5);
        waiting.readState(new DataInputStream(new ByteArrayInputStream(save(gap))));
        assertEquals(5 * M, waiting.pollPending().time());
    }

    @Test
    void stateOfOtherTimeFramesIsForeign() throws IOException {
        byte[] state = save(new BarResampler(TimeFrame.M1, TimeFrame.M5));
        StateFormatException e = assertThrows(StateFormatException.class, () -> new BarResampler(TimeFrame.M1, TimeFrame.M15)
                .readState(new DataInputStream(new ByteArrayInputStream(state))));
        assertEquals(StateFormatException.Problem.FOREIGN, e.problem());
        assertEquals("bar resampler state: foreign: saved for 60000 ms bars into 300000 ms bars but this resampler turns 1m into 15m",
                e.getMessage());
    }
}
