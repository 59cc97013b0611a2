package dev.sextant.trading.features.indicators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.features.internal.IndicatorStates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The indicators' state form: for every indicator of {@link IndicatorCatalog}, a state taken at
 * any bar and restored into a fresh instance continues bit for bit as uninterrupted streaming;
 * impossible states are typed errors.
 */
class IndicatorStateCodecTest {

    static byte[] save(Indicator ind) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            IndicatorStates.write(ind, out);
        }
        return bytes.toByteArray();
    }

    static void load(Indicator ind, byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            IndicatorStates.read(ind, in);
            assertEquals(0, in.available(), ind.name() + ": the state is read to its end");
        }
    }

    static void assertSameValues(Indicator expected, Indicator actual, String what) {
        for (int k = 0; k < expected.outputs(); k++) {
            assertEquals(Double.doubleToRawLongBits(expected.value(k)), Double.doubleToRawLongBits(actual.value(k)),
                    what + " " + expected.outputNames().get(k) + ": " + expected.value(k) + " vs " + actual.value(k));
        }
        assertEquals(expected.barCount(), actual.barCount(), what + " bar count");
        assertEquals(expected.isReady(), actual.isReady(), what + " readiness");
    }

    @Property(tries = 40)
    void restoredIndicatorContinuesBitForBitAsUninterruptedStreaming(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int size, @ForAll @IntRange(min = 0, max = 1000) int cutPermille)
            throws IOException {
        BarSeries s = TestBars.random(seed, size);
        int cut = (int) ((long) cutPermille * size / 1000);
        for (Supplier<Indicator> factory : IndicatorCatalog.all()) {
            Indicator uninterrupted = factory.get();
            for (int i = 0; i < cut; i++) {
                uninterrupted.update(s.bar(i));
            }
            byte[] state = save(uninterrupted);
            assertArrayEquals(state, save(uninterrupted), uninterrupted.name() + ": saving changes nothing");
            Indicator restored = factory.get();
            restored.update(s.bar(size - 1)); // state to be overwritten
            load(restored, state);
            assertArrayEquals(state, save(restored), restored.name() + ": a restored state saves to the same bytes");
            assertSameValues(uninterrupted, restored, restored.name() + " at the cut " + cut);
            for (int i = cut; i < size; i++) {
                uninterrupted.update(s.bar(i));
                restored.update(s.bar(i));
                assertSameValues(uninterrupted, restored, restored.name() + " at bar " + i + " (cut " + cut + ")");
            }
        }
    }

    @Test
    void impossibleRingPositionIsATypedError() throws IOException {
        Sma sma = new Sma(3);
        sma.accept(1.0);
        byte[] state = save(sma);
        // seen (8 bytes), ring (3 doubles), then pos.
        ByteBuffer.wrap(state).putInt(8 + 3 * 8, 7);
        StateFormatException e = assertThrows(StateFormatException.class, () -> load(new Sma(3), state));
        assertEquals(StateFormatException.Problem.CORRUPT, e.problem());
        assertEquals("indicator state: corrupt: sma_3 pos 7 outside [0, 3)", e.getMessage());
    }

    @Test
    void negativeBarCountIsATypedError() throws IOException {
        byte[] state = save(new Obv());
        ByteBuffer.wrap(state).putLong(0, -2);
        StateFormatException e = assertThrows(StateFormatException.class, () -> load(new Obv(), state));
        assertEquals("indicator state: corrupt: obv seen -2 is negative", e.getMessage());
    }

    @Test
    void indicatorOutsideTheBuiltInsHasNoStateForm() {
        Indicator foreign = new Indicator() {
            @Override
            public String name() {
                return "custom";
            }

            @Override
            public List<String> outputNames() {
                return List.of("custom");
            }

            @Override
            public int outputs() {
                return 1;
            }

            @Override
            public int warmUp(int output) {
                return 0;
            }

            @Override
            public void update(long time, double open, double high, double low, double close, double volume) {
            }

            @Override
            public double value(int output) {
                return 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public long barCount() {
                return 0;
            }

            @Override
            public void reset() {
            }

            @Override
            public void compute(BarColumns bars, double[][] out) {
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> save(foreign));
        assertEquals(true, e.getMessage().startsWith("indicator custom ("), e.getMessage());
    }
}
