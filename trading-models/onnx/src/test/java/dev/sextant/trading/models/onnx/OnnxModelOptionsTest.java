package dev.sextant.trading.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxModelOptionsTest {

    @Test
    void defaultsAreCpuOneThreadAllOptimisationsAndShapesFromTheModel() {
        OnnxModelOptions d = OnnxModelOptions.defaults();
        assertEquals(ExecutionProvider.CPU, d.executionProvider());
        assertEquals(1, d.intraOpThreads());
        assertEquals(OptimizationLevel.ALL, d.optimizationLevel());
        assertEquals(0, d.expectedFeatureCount());
        assertEquals(0, d.sequenceLength());
        assertEquals(0.0, d.temperature());
        assertEquals(false, d.requireGpu());
    }

    @Test
    void fromMapParsesEveryKeyInAnyOrder() {
        OnnxModelOptions o = OnnxModelOptions.fromMap(Map.of("requireGpu", "true", "executionProvider", "AUTO",
                "gpuDeviceId", "1", "intraOpThreads", "4", "optimizationLevel", "basic", "featureCount", "24",
                "sequenceLength", "60", "temperature", "1.5"));
        assertEquals(new OnnxModelOptions(ExecutionProvider.AUTO, true, 1, 4, OptimizationLevel.BASIC, 24, 60, 1.5), o);
    }

    @Test
    void fromMapRejectsUnknownKeysAndBadValuesNamingThem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> OnnxModelOptions.fromMap(Map.of("threads", "2")));
        assertTrue(unknown.getMessage().contains("'threads'"), unknown.getMessage());
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> OnnxModelOptions.fromMap(Map.of("intraOpThreads", "two")));
        assertTrue(number.getMessage().contains("intraOpThreads"), number.getMessage());
        IllegalArgumentException provider = assertThrows(IllegalArgumentException.class,
                () -> OnnxModelOptions.fromMap(Map.of("executionProvider", "rocm")));
        assertTrue(provider.getMessage().contains("cpu, cuda, tensorrt, auto"), provider.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> OnnxModelOptions.fromMap(Map.of("optimizationLevel", "max")));
        assertThrows(IllegalArgumentException.class, () -> OnnxModelOptions.fromMap(Map.of("requireGpu", "yes")));
        assertThrows(IllegalArgumentException.class, () -> OnnxModelOptions.fromMap(Map.of("temperature", "-1")));
    }

    @Test
    void requireGpuOnCpuIsAContradiction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxModelOptions.defaults().withRequireGpu(true));
        assertTrue(e.getMessage().contains("requireGpu"), e.getMessage());
        OnnxModelOptions gpu = OnnxModelOptions.defaults().withExecutionProvider(ExecutionProvider.CUDA)
                .withRequireGpu(true);
        assertThrows(IllegalArgumentException.class, () -> gpu.withExecutionProvider(ExecutionProvider.CPU));
    }

    @Test
    void negativeCountsAreRejected() {
        OnnxModelOptions d = OnnxModelOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withIntraOpThreads(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withExpectedFeatureCount(-24));
        assertThrows(IllegalArgumentException.class, () -> d.withSequenceLength(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withGpuDeviceId(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withTemperature(Double.NaN));
    }

    @Test
    void enumParsersIgnoreCaseAndSpaces() {
        assertEquals(ExecutionProvider.TENSORRT, ExecutionProvider.parse(" TensorRT "));
        assertEquals(OptimizationLevel.EXTENDED, OptimizationLevel.parse("Extended"));
        assertThrows(IllegalArgumentException.class, () -> ExecutionProvider.parse(null));
    }

    @Test
    void aNullKeyIsAnUnknownOptionNotANullPointerException() {
        Map<String, String> options = new HashMap<>();
        options.put(null, "1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxModelOptions.fromMap(options));
        assertTrue(e.getMessage().contains("unknown ONNX model option 'null'"), e.getMessage());
    }
}
