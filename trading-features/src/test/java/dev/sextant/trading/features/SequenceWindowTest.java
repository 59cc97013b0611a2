package dev.sextant.trading.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.io.StateFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SequenceWindowTest {

    @Test
    void defaultLengthIsSixty() {
        SequenceWindow w = SequenceWindow.of(24);
        assertEquals(60, w.length());
        assertEquals(24, w.features());
    }

    @Test
    void becomesFullAfterLengthPushesAndCopiesOldestFirst() {
        SequenceWindow w = new SequenceWindow(3, 2);
        assertFalse(w.push(new double[] {1, 10}));
        assertFalse(w.push(new double[] {2, 20}));
        assertTrue(w.push(new double[] {3, 30}));
        assertArrayEquals(new float[] {1, 10, 2, 20, 3, 30}, w.copyTo(null));
        assertTrue(w.push(new double[] {4, 40}));
        float[] dst = new float[6];
        assertSame(dst, w.copyTo(dst));
        assertArrayEquals(new float[] {2, 20, 3, 30, 4, 40}, dst);
    }

    @Test
    void copyBeforeFullIsAnError() {
        SequenceWindow w = new SequenceWindow(2, 1);
        w.push(new double[] {1});
        assertThrows(IllegalStateException.class, () -> w.copyTo(null));
        w.clear();
        assertEquals(0, w.filled());
    }

    @Test
    void rejectsWrongWidthNonFiniteValuesAndShortDestinationsWithoutChangingTheWindow() {
        SequenceWindow w = new SequenceWindow(2, 2);
        w.push(new double[] {1, 2});
        w.push(new double[] {3, 4});
        assertThrows(IllegalArgumentException.class, () -> w.push(new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> w.push(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> w.push(new double[] {Double.POSITIVE_INFINITY, 1}));
        assertThrows(IllegalArgumentException.class, () -> w.copyTo(new float[3]));
        assertArrayEquals(new float[] {1, 2, 3, 4}, w.copyTo(null));
    }

    @Property(tries = 50)
    void windowHoldsTheLastLengthVectorsInOrder(@ForAll @IntRange(min = 1, max = 8) int length,
                                                @ForAll @IntRange(min = 1, max = 5) int features,
                                                @ForAll @IntRange(min = 0, max = 40) int pushes) {
        SequenceWindow w = new SequenceWindow(length, features);
        for (int p = 0; p < pushes; p++) {
            double[] v = new double[features];
            for (int j = 0; j < features; j++) {
                v[j] = p * 100 + j;
            }
            assertEquals(p + 1 >= length, w.push(v));
        }
        if (pushes >= length) {
            float[] out = w.copyTo(null);
            for (int r = 0; r < length; r++) {
                int p = pushes - length + r;
                for (int j = 0; j < features; j++) {
                    assertEquals(p * 100 + j, out[r * features + j], 0.0f);
                }
            }
        }
    }

    private static byte[] save(SequenceWindow w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        w.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Property(tries = 50)
    void restoredWindowContinuesAsTheSavedOne(@ForAll @IntRange(min = 1, max = 6) int length,
            @ForAll @IntRange(min = 0, max = 20) int before, @ForAll @IntRange(min = 0, max = 20) int after) throws IOException {
        SequenceWindow saved = new SequenceWindow(length, 2);
        for (int i = 0; i < before; i++) {
            saved.push(new double[] {i, -i * 0.5});
        }
        SequenceWindow restored = new SequenceWindow(length, 2);
        restored.push(new double[] {99, 99});
        restored.readState(new DataInputStream(new ByteArrayInputStream(save(saved))));
        for (int i = before; i < before + after; i++) {
            assertEquals(saved.push(new double[] {i, -i * 0.5}), restored.push(new double[] {i, -i * 0.5}));
            assertEquals(saved.filled(), restored.filled());
            if (saved.isFull()) {
                assertArrayEquals(saved.copyTo(null), restored.copyTo(null));
            }
        }
    }

    @Test
    void stateOfAnotherShapeIsForeign() throws IOException {
        byte[] state = save(new SequenceWindow(3, 2));
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> new SequenceWindow(4, 2).readState(new DataInputStream(new ByteArrayInputStream(state))));
        assertEquals("sequence window state: foreign: saved for 3 vectors of 2 features but this window holds 4 of 2",
                e.getMessage());
    }
}
