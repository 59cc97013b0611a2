package dev.sextant.trading.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerParamsTest {

    @Test
    void readsTypedValuesWithDefaults() {
        TrainerParams p = new TrainerParams(Map.of("nTrees", "200", "eta", "0.1", "balanced", "true", "seed", "-7"), "t");
        assertEquals(200, p.positiveInt("nTrees", 100));
        assertEquals(0.1, p.positiveDouble("eta", 0.3));
        assertEquals(true, p.bool("balanced", false));
        assertEquals(-7, p.longParam("seed", 42));
        assertEquals(6, p.positiveInt("maxDepth", 6));
        assertEquals("x", p.string("id", "x"));
        p.checkAllUsed();
    }

    @Test
    void namesTheTrainerKeyAndValueInErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainerParams(Map.of("nTrees", "many"), "smile-rf").positiveInt("nTrees", 1));
        assertTrue(e.getMessage().contains("smile-rf") && e.getMessage().contains("nTrees") && e.getMessage().contains("many"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainerParams(Map.of("n", "0"), "t").positiveInt("n", 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainerParams(Map.of("x", "NaN"), "t").positiveDouble("x", 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainerParams(Map.of("x", "2"), "t").doubleIn("x", 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainerParams(Map.of("b", "yes"), "t").bool("b", true));
    }

    @Test
    void rejectsKeysThatWereNeverRead() {
        TrainerParams p = new TrainerParams(Map.of("depth", "3"), "t");
        p.positiveInt("maxDepth", 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::checkAllUsed);
        assertTrue(e.getMessage().contains("depth"), e.getMessage());
    }
}
