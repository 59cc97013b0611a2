package dev.sextant.trading.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TreeGain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeGainImportanceTest {
    @TempDir
    Path dir;

    private static final List<String> FEATURES = List.of("rsi_14", "sma_10");

    @Test
    void sumsTheFoldsThatHaveTreesAndWritesTheFile() throws IOException {
        TreeGain g = new TreeGain(new double[] {3, 1}, new double[] {10, 5}, new long[] {2, 1});
        TreeGainImportance t = TreeGainImportance.sum(List.of(new Fixed(Optional.of(g)), new Fixed(Optional.empty()),
                new Fixed(Optional.of(g))), FEATURES).orElseThrow();
        assertEquals(2, t.models());
        t.write(dir);
        assertEquals(List.of(TreeGainImportance.HEADER, "rsi_14,6.0,0.75,20.0,4", "sma_10,2.0,0.25,10.0,2"),
                Files.readAllLines(dir.resolve("tree_gain.csv")));
    }

    @Test
    void modelsWithoutTreesGiveNothing() {
        assertTrue(TreeGainImportance.sum(List.of(new Fixed(Optional.empty())), FEATURES).isEmpty());
        assertTrue(TreeGainImportance.of(new Fixed(Optional.empty()), FEATURES).isEmpty());
    }

    @Test
    void aGainOfAnotherSizeThanTheFeaturesIsRefused() {
        TreeGain g = new TreeGain(new double[] {1}, new double[] {1}, new long[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TreeGainImportance(FEATURES, g, 1));
        assertEquals("tree gain has 1 inputs but there are 2 features", e.getMessage());
    }

    /** A two-feature model with a fixed tree gain. */
    private record Fixed(Optional<TreeGain> gain) implements Model {
        @Override
        public ModelMetadata metadata() {
            return new ModelMetadata("fixed", "fixed", InputKind.VECTOR, 2, 1, false, Provenance.unknown("test"));
        }

        @Override
        public double predict(float[] input, double[] probabilities) {
            probabilities[0] = 0.2;
            probabilities[1] = 0.5;
            probabilities[2] = 0.3;
            return Double.NaN;
        }

        @Override
        public Optional<TreeGain> treeGain() {
            return gain;
        }

        @Override
        public void close() {
        }
    }
}
