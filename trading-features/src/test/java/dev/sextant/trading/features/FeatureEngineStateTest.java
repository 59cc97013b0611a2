package dev.sextant.trading.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFormatException.Problem;
import dev.sextant.trading.core.io.StateFrame;
import dev.sextant.trading.features.indicators.TestBars;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link FeatureEngine#snapshot()} and {@link FeatureEngine#restore}: a state taken at any bar and
 * restored (through its bytes) into a fresh engine continues bit for bit as uninterrupted
 * streaming, for {@code standard-24}, {@code extended-35}, the regime features and a
 * multi-timeframe spec with gaps; foreign, truncated and corrupted states are typed one-line
 * errors that leave the engine cold.
 */
class FeatureEngineStateTest {

    @Property(tries = 30)
    void restoredEngineContinuesBitForBitAsUninterruptedStreaming(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 400) int size, @ForAll @IntRange(min = 0, max = 1000) int cutPermille,
            @ForAll boolean gaps) {
        BarSeries s = TestBars.random(seed, size);
        if (gaps) {
            s = FeatureEngineProperties.withGaps(s, seed);
        }
        int n = s.size();
        int cut = (int) ((long) cutPermille * n / 1000);
        for (FeatureSpec spec : FeatureEngineProperties.specs()) {
            FeatureEngine uninterrupted = FeatureEngine.create(spec);
            double[] a = new double[spec.size()];
            double[] b = new double[spec.size()];
            for (int i = 0; i < cut; i++) {
                uninterrupted.onBar(s.bar(i), a);
            }
            FeatureEngineState state = uninterrupted.snapshot();
            assertEquals(state, uninterrupted.snapshot(), spec.name() + ": a snapshot changes nothing");
            FeatureEngine restored = FeatureEngine.create(spec);
            if (n > 0) {
                restored.onBar(s.bar(n - 1), b); // state to be overwritten
            }
            restored.restore(FeatureEngineState.fromBytes(state.toBytes()));
            assertEquals(state, restored.snapshot(), spec.name() + ": a restored engine snapshots to the same bytes");
            for (int i = cut; i < n; i++) {
                Arrays.fill(a, -1);
                Arrays.fill(b, -1);
                boolean ra = uninterrupted.onBar(s.bar(i), a);
                boolean rb = restored.onBar(s.bar(i), b);
                assertEquals(ra, rb, spec.name() + " readiness at bar " + i + " (cut " + cut + ")");
                for (int j = 0; j < a.length; j++) {
                    assertEquals(Double.doubleToRawLongBits(a[j]), Double.doubleToRawLongBits(b[j]),
                            spec.name() + " " + spec.featureNames().get(j) + " at bar " + i + " (cut " + cut + "): " + a[j]
                                    + " vs " + b[j]);
                }
            }
        }
    }

    @Test
    void stateOfAnotherSpecIsForeign() {
        FeatureEngineState state = FeatureEngine.create(FeatureSpec.standard24()).snapshot();
        FeatureEngine other = FeatureEngine.create(FeatureSpec.extended35());
        StateFormatException e = assertThrows(StateFormatException.class, () -> other.restore(state));
        assertEquals(Problem.FOREIGN, e.problem());
        assertEquals("feature engine state: foreign: saved for spec hash " + FeatureSpec.standard24().hash()
                + " but the engine computes extended-35 (hash " + FeatureSpec.extended35().hash() + ")", e.getMessage());
    }

    @Test
    void truncatedBytesAreATypedErrorForEveryLength() {
        BarSeries s = TestBars.random(7, 80);
        FeatureEngine engine = FeatureEngine.create(FeatureSpec.standard24());
        double[] out = new double[engine.size()];
        for (int i = 0; i < s.size(); i++) {
            engine.onBar(s.bar(i), out);
        }
        byte[] bytes = engine.snapshot().toBytes();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            StateFormatException e = assertThrows(StateFormatException.class, () -> FeatureEngineState.fromBytes(cut),
                    "length " + length);
            assertEquals(Problem.TRUNCATED, e.problem(), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void flippedPayloadByteFailsTheChecksum() {
        byte[] bytes = FeatureEngine.create(FeatureSpec.standard24()).snapshot().toBytes();
        bytes[bytes.length - 3] ^= 0x10;
        StateFormatException e = assertThrows(StateFormatException.class, () -> FeatureEngineState.fromBytes(bytes));
        assertEquals(Problem.CORRUPT, e.problem());
        assertTrue(e.getMessage().startsWith("feature engine state: corrupt: the payload's CRC-32 "), e.getMessage());
    }

    @Test
    void bytesThatAreNoStateAreCorrupt() {
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> FeatureEngineState.fromBytes("timestamp,open,high".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("feature engine state: corrupt: 19 bytes that do not start with a Sextant state header", e.getMessage());
    }

    @Test
    void newerFormatVersionIsRefused() {
        byte[] bytes = StateFrame.seal(FeatureEngineState.KIND, FeatureEngineState.VERSION + 1, "x", new byte[0]);
        StateFormatException e = assertThrows(StateFormatException.class, () -> FeatureEngineState.fromBytes(bytes));
        assertEquals(Problem.UNSUPPORTED_VERSION, e.problem());
        assertEquals("feature engine state: unsupported version: format version 2 but this code reads versions 1 to 1",
                e.getMessage());
    }

    @Test
    void impossiblePayloadLeavesTheEngineCold() {
        FeatureSpec spec = FeatureSpec.standard24();
        // A well-sealed payload that ends too early for the spec's indicators.
        FeatureEngineState shortState = FeatureEngineState.fromBytes(
                StateFrame.seal(FeatureEngineState.KIND, 1, spec.hash(), new byte[12]));
        BarSeries s = TestBars.random(3, 120);
        FeatureEngine engine = FeatureEngine.create(spec);
        double[] out = new double[engine.size()];
        for (int i = 0; i < 60; i++) {
            engine.onBar(s.bar(i), out);
        }
        StateFormatException e = assertThrows(StateFormatException.class, () -> engine.restore(shortState));
        assertEquals(Problem.CORRUPT, e.problem());
        // Reset: it streams the rest of the bars as a fresh engine does.
        FeatureEngine fresh = FeatureEngine.create(spec);
        double[] expected = new double[engine.size()];
        for (int i = 60; i < s.size(); i++) {
            boolean ready = fresh.onBar(s.bar(i), expected);
            assertEquals(ready, engine.onBar(s.bar(i), out), "readiness at bar " + i);
            if (ready) {
                assertArrayEquals(expected, out, 0.0, "bar " + i);
            }
        }
    }

    @Test
    void stateIsCompactAndEqualByBytes() {
        FeatureEngineState a = FeatureEngine.create(FeatureSpec.extended35()).snapshot();
        FeatureEngineState b = FeatureEngine.create(FeatureSpec.extended35()).snapshot();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, FeatureEngine.create(FeatureSpec.standard24()).snapshot());
        assertTrue(a.size() < 16_384, "extended-35 state is " + a.size() + " bytes");
        assertArrayEquals(a.toBytes(), FeatureEngineState.fromBytes(a.toBytes()).toBytes());
        assertEquals(FeatureSpec.extended35().hash(), a.specHash());
    }
}
