package dev.sextant.trading.models.smile.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmileModelTest {

    @TempDir
    Path tmp;

    private Path savedForest() throws IOException {
        TrainedModel m = new RandomForestTrainer().train(Clusters.of(1, 120, 3), Map.of("nTrees", "5"));
        Path file = tmp.resolve("rf.smile.json");
        m.save(file);
        return file;
    }

    @Test
    void rejectsInputOfTheWrongLengthOrNonFinite() {
        TrainedModel m = new LogitTrainer().train(Clusters.of(1, 120, 3), Map.of());
        assertThrows(ModelInputException.class, () -> m.predict(new float[] {1, 2}, new double[3]));
        assertThrows(ModelInputException.class, () -> m.predict(new float[] {1, 2, Float.NaN}, new double[3]));
    }

    @Test
    void rejectsMissingNonJsonAndForeignFiles() throws IOException {
        assertThrows(ModelLoadException.class, () -> SmileModel.load(tmp.resolve("none.json"), null));
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "[1, 2");
        assertThrows(ModelLoadException.class, () -> SmileModel.load(bad, null));
        Files.writeString(bad, "{\"format\":\"sextant-logistic\",\"version\":1}");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SmileModel.load(bad, null));
        assertTrue(e.getMessage().contains("format"), e.getMessage());
    }

    @Test
    void rejectsAFileOfAnotherSmileType() throws IOException {
        Path file = savedForest();
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SmileModel.load(file, "smile-svm"));
        assertTrue(e.getMessage().contains("holds a smile-rf model"), e.getMessage());
    }

    @Test
    void rejectsAFeatureCountThatDisagreesWithTheForest() throws IOException {
        Path file = savedForest();
        Files.writeString(file, Files.readString(file).replace("\"featureCount\" : 3", "\"featureCount\" : 4"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SmileModel.load(file, null));
        assertTrue(e.getMessage().contains("featureCount 4"), e.getMessage());
    }

    @Test
    void rejectsInvalidBase64() throws IOException {
        Path file = savedForest();
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("\"model\" : \"", "\"model\" : \"%%%"));
        assertThrows(ModelLoadException.class, () -> SmileModel.load(file, null));
    }

    @Test
    void aSaveThatFailsWhileWritingLeavesThePreviousFileByteIdenticalAndNoTemporaryFile() throws IOException {
        Path file = savedForest();
        byte[] previous = Files.readAllBytes(file);
        TrainedModel next = new LogitTrainer().train(Clusters.of(2, 120, 3), Map.of());
        // An interrupted thread's file channel closes at the first write (ClosedByInterruptException):
        // the save fails after its temporary file was created, as a full disk or an I/O error would.
        Thread.currentThread().interrupt();
        IOException e;
        try {
            e = assertThrows(IOException.class, () -> next.save(file));
        } finally {
            Thread.interrupted();
        }
        assertTrue(e.getMessage().startsWith("cannot write " + file + ": "), e.getMessage());
        assertArrayEquals(previous, Files.readAllBytes(file), "the previous model is intact");
        try (Stream<Path> names = Files.list(tmp)) {
            assertEquals(List.of("rf.smile.json"), names.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left");
        }
        next.save(file);
        SmileModel back = SmileModel.load(file, null);
        assertEquals(next.metadata(), back.metadata());
        float[] x = {0.5f, -1f, 2f};
        double[] expected = new double[3];
        double[] actual = new double[3];
        next.predict(x, expected);
        back.predict(x, actual);
        assertArrayEquals(expected, actual, 0.0, "the saved model predicts as the trained one");
    }

    @Test
    void keepsProvenanceThroughSaveAndLoad() throws IOException {
        Path file = savedForest();
        SmileModel back = SmileModel.load(file, "smile-rf");
        assertEquals("5", back.metadata().provenance().attributes().get("nTrees"));
        assertTrue(back.metadata().provenance().trainer().startsWith("smile "));
    }
}
