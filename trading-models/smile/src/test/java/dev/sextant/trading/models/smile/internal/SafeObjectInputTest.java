package dev.sextant.trading.models.smile.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.ModelLoadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeObjectInputTest {

    @TempDir
    Path tmp;

    /** A class whose deserialization has a side effect, standing in for a gadget. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean triggered;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            triggered = true;
        }
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private Path smileFile(String type, byte[] payload) throws IOException {
        Path file = tmp.resolve("hostile-" + System.nanoTime() + ".smile.json");
        Files.writeString(file, "{\"format\":\"sextant-smile\",\"version\":1,\"type\":\"" + type
                + "\",\"id\":\"x\",\"featureCount\":3,\"provenance\":{},\"model\":\""
                + Base64.getEncoder().encodeToString(payload) + "\"}");
        return file;
    }

    @Test
    void rejectsAClassOutsideTheAllowListBeforeItRuns() throws IOException {
        Gadget.triggered = false;
        Path file = smileFile("smile-rf", serialize(new Gadget()));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SmileModel.load(file, null));
        assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
        assertInstanceOf(InvalidClassException.class, e.getCause());
        assertFalse(Gadget.triggered, "the gadget's readObject must never run");
    }

    @Test
    void rejectsADisallowedClassNestedInsideAnAllowedOne() throws IOException {
        Map<Object, Object> map = new HashMap<>();
        map.put(URI.create("http://example.invalid/").toURL(), "x");
        assertThrows(InvalidClassException.class, () -> SafeObjectInput.read(serialize(map)));
        Gadget.triggered = false;
        List<Object> list = new ArrayList<>();
        list.add(new Gadget());
        assertThrows(InvalidClassException.class, () -> SafeObjectInput.read(serialize(list)));
        assertFalse(Gadget.triggered);
    }

    @Test
    void rejectsGraphsDeeperThanTheLimit() throws IOException {
        Object[] deepest = new Object[1];
        Object[] node = deepest;
        for (int i = 0; i < 2_100; i++) {
            Object[] parent = {node};
            node = parent;
        }
        byte[] bytes = serialize(node);
        assertThrows(InvalidClassException.class, () -> SafeObjectInput.read(bytes));
    }

    @Test
    void rejectsAnAllowedClassOfTheWrongModelType() throws IOException {
        Path file = smileFile("smile-svm", serialize(new ArrayList<>(List.of(1, 2))));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SmileModel.load(file, null));
        assertTrue(e.getMessage().contains("expected a smile.classification.OneVersusRest"), e.getMessage());
    }

    @Test
    void reportsATruncatedStreamAsCorrupt() throws IOException {
        byte[] full = serialize(new ArrayList<>(List.of(1, 2, 3)));
        byte[] truncated = java.util.Arrays.copyOf(full, full.length / 2);
        Path file = smileFile("smile-rf", truncated);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SmileModel.load(file, null));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void readsTheClassesOfRealModels() throws Exception {
        for (String type : List.of("smile-rf", "smile-svm", "smile-logit")) {
            Object classifier = switch (type) {
                case "smile-rf" -> new RandomForestTrainer().fit(Clusters.of(1, 90, 3),
                        new dev.sextant.trading.models.TrainerParams(Map.of("nTrees", "3"), type), 1, new HashMap<>());
                case "smile-svm" -> new SvmTrainer().fit(Clusters.of(1, 90, 3),
                        new dev.sextant.trading.models.TrainerParams(Map.of("kernel", "linear"), type), 1, new HashMap<>());
                default -> new LogitTrainer().fit(Clusters.of(1, 90, 3),
                        new dev.sextant.trading.models.TrainerParams(Map.of(), type), 1, new HashMap<>());
            };
            assertInstanceOf(classifier.getClass(), SafeObjectInput.read(serialize(classifier)));
        }
    }
}
