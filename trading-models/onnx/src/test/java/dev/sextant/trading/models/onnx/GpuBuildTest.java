package dev.sextant.trading.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.sextant.trading.models.ModelLoadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime's GPU build ({@code onnxruntime_gpu}, put on the class path by
 * {@code mvn -Pgpu -pl trading-models/onnx verify}) with the committed reference LSTM and
 * Transformer ({@code examples/src/main/resources/dev/sextant/examples/models}, read in place) and
 * their PyTorch goldens.
 *
 * <p>Three groups, each skipped by an assumption that names why:
 * <ul>
 *   <li>GPU build, no usable CUDA device: {@code auto} falls back to CPU with a warning and
 *       reproduces the goldens; {@code cuda}, {@code tensorrt} and {@code auto} with
 *       {@code requireGpu} are load errors that say what is missing. Skipped with the default
 *       CPU-only jar (OnnxModelTest covers those options there) and on a machine with a GPU.</li>
 *   <li>GPU build and a CUDA device ({@code /dev/nvidiactl} or {@code /proc/driver/nvidia/gpus/*}
 *       exists, or {@code -Dsextant.onnx.expectCudaDevice=true}): {@code cuda} and {@code auto}
 *       run the reference models on the GPU and match the goldens; 10,000 predictions leave host
 *       and device memory bounded. Once a device is seen, a broken CUDA path fails these tests.</li>
 *   <li>{@code -Pgpu} itself: with it, a run that does not find the GPU build fails instead of
 *       skipping everything above.</li>
 * </ul>
 */
class GpuBuildTest {

    private static final EnumSet<OrtProvider> PROVIDERS = OrtEnvironment.getAvailableProviders();
    private static final boolean GPU_BUILD = PROVIDERS.contains(OrtProvider.CUDA);
    private static final boolean EXPECT_GPU_BUILD = Boolean.getBoolean("sextant.onnx.expectGpuBuild");
    private static final boolean CUDA_DEVICE = cudaDevicePresent();

    /** Goldens from PyTorch reproduced by ONNX Runtime on CPU, as in the examples' PredictCommandTest. */
    private static final double CPU_TOLERANCE = 1e-5;
    /**
     * GPU kernels round differently: cuBLAS GEMMs and the CUDA LSTM and attention kernels sum in
     * other orders than the CPU kernels that PyTorch used for the goldens, so float32 results differ
     * by more than between two CPU runs. TF32 (10-bit mantissas) would add relative errors near
     * 1e-3; it is off (OnnxModel registers CUDA with use_tf32=0). 1e-4 still catches a wrong
     * result: the goldens of neighbouring windows differ by a median of 3e-3 (Transformer) and
     * 7e-3 (LSTM).
     */
    private static final double CUDA_TOLERANCE = 1e-4;

    private static final Path MODELS = Path.of(System.getProperty("sextant.referenceModels",
            "../../examples/src/main/resources/dev/sextant/examples/models")).toAbsolutePath().normalize();
    private static final List<String> REFERENCE_MODELS = List.of("lstm", "transformer");

    // ---- the build ----

    @Test
    void gpuProfilePutsTheGpuBuildWithCudaAndTensorRtOnTheClassPath() {
        assumeTrue(EXPECT_GPU_BUILD || GPU_BUILD, "not run with -Pgpu: the CPU-only onnxruntime jar is on the class "
                + "path (providers " + PROVIDERS + ")");
        System.out.println("ONNX Runtime providers with -Pgpu: " + PROVIDERS);
        assertTrue(PROVIDERS.containsAll(EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA, OrtProvider.TENSOR_RT)),
                "-Pgpu must put onnxruntime_gpu on the class path, but the providers are " + PROVIDERS);
    }

    // ---- GPU build, no CUDA device ----

    @Test
    void autoWithoutACudaDeviceFallsBackToCpuWithAWarningAndReproducesTheGoldens() {
        assumeGpuBuildWithoutDevice();
        for (String name : REFERENCE_MODELS) {
            OnnxModel[] loaded = new OnnxModel[1];
            String log = standardErrorOf(() -> loaded[0] = OnnxModel.load(MODELS.resolve(name + ".onnx"),
                    OnnxModelOptions.defaults().withExecutionProvider(ExecutionProvider.AUTO)));
            try (OnnxModel m = loaded[0]) {
                assertEquals(ExecutionProvider.CPU, m.executionProvider(), name);
                assertTrue(log.contains("WARN") && log.contains("executionProvider=auto")
                        && log.contains("CUDA device 0") && log.contains("CPU"),
                        name + ": no fallback warning in the log: " + log);
                assertMatchesGolden(m, name, CPU_TOLERANCE);
            }
        }
    }

    @Test
    void explicitCudaOrTensorRtWithoutACudaDeviceIsALoadErrorNamingWhatIsMissing() {
        assumeGpuBuildWithoutDevice();
        for (ExecutionProvider p : List.of(ExecutionProvider.CUDA, ExecutionProvider.TENSORRT)) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxModel.load(
                    MODELS.resolve("lstm.onnx"), OnnxModelOptions.defaults().withExecutionProvider(p)));
            System.out.println(p + " without a device: " + e.getMessage());
            assertNamesWhatIsMissing(e.getMessage(), p);
        }
    }

    @Test
    void requireGpuWithoutACudaDeviceIsALoadErrorNamingWhatIsMissing() {
        assumeGpuBuildWithoutDevice();
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxModel.load(
                MODELS.resolve("transformer.onnx"),
                OnnxModelOptions.defaults().withExecutionProvider(ExecutionProvider.AUTO).withRequireGpu(true)));
        System.out.println("auto + requireGpu without a device: " + e.getMessage());
        assertTrue(e.getMessage().contains("requireGpu is set but CUDA device 0 cannot be used")
                || e.getMessage().contains("cannot start a session on CUDA device 0"), e.getMessage());
        assertNamesWhatIsMissing(e.getMessage(), ExecutionProvider.CUDA);
    }

    // ---- GPU build and a CUDA device ----

    @Test
    void cudaAndAutoRunTheReferenceModelsOnTheGpuAndMatchTheGoldens() {
        assumeGpuBuildWithDevice();
        List<OnnxModelOptions> onGpu = List.of(
                OnnxModelOptions.defaults().withExecutionProvider(ExecutionProvider.CUDA),
                OnnxModelOptions.defaults().withExecutionProvider(ExecutionProvider.AUTO),
                OnnxModelOptions.defaults().withExecutionProvider(ExecutionProvider.AUTO).withRequireGpu(true));
        for (OnnxModelOptions options : onGpu) {
            for (String name : REFERENCE_MODELS) {
                try (OnnxModel m = OnnxModel.load(MODELS.resolve(name + ".onnx"), options)) {
                    assertEquals(ExecutionProvider.CUDA, m.executionProvider(), name + " with " + options);
                    assertMatchesGolden(m, name, CUDA_TOLERANCE);
                }
            }
        }
    }

    /**
     * 10,000 single-window predictions and 100 batches of 241 windows on CUDA, after an identical
     * warm-up (which lets the CUDA provider's memory arena reach its size): the process's resident
     * set grows by less than 48 MiB, as in OnnxModelTest's CPU check, and, where
     * {@code nvidia-smi} answers, the device's used memory by less than 64 MiB.
     */
    @Test
    void tenThousandCudaPredictionsLeaveHostAndDeviceMemoryBounded() {
        assumeGpuBuildWithDevice();
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isReadable(status), "needs Linux /proc/self/status to read the resident set");
        Reference lstm = Reference.read("lstm");
        try (OnnxModel m = OnnxModel.load(MODELS.resolve("lstm.onnx"),
                OnnxModelOptions.defaults().withExecutionProvider(ExecutionProvider.CUDA))) {
            assertEquals(ExecutionProvider.CUDA, m.executionProvider());
            double[] p = new double[3];
            double[] probs = new double[3 * lstm.windows.length];
            Runnable workload = () -> {
                for (int i = 0; i < 10_000; i++) {
                    m.predict(lstm.windows[i % lstm.windows.length], p);
                }
                for (int i = 0; i < 100; i++) {
                    m.predictBatch(lstm.windows, probs, null);
                }
            };
            workload.run();
            System.gc();
            long hostBefore = OnnxModelTest.residentKiB(status);
            long deviceBefore = deviceMemoryUsedMiB();
            workload.run();
            System.gc();
            long hostGrowth = OnnxModelTest.residentKiB(status) - hostBefore;
            long deviceAfter = deviceMemoryUsedMiB();
            System.out.printf("CUDA memory check: VmRSS growth %d KiB; device memory used %d MiB before, %d MiB after"
                    + " (-1: nvidia-smi did not answer)%n", hostGrowth, deviceBefore, deviceAfter);
            assertTrue(hostGrowth < 48 * 1024, "resident set grew by " + hostGrowth + " KiB");
            if (deviceBefore >= 0 && deviceAfter >= 0) {
                assertTrue(deviceAfter - deviceBefore < 64, "device memory grew from " + deviceBefore + " to "
                        + deviceAfter + " MiB");
            }
        }
    }

    // ---- helpers ----

    private static void assumeGpuBuild() {
        if (EXPECT_GPU_BUILD) {
            assertTrue(GPU_BUILD, "-Pgpu is set but ONNX Runtime offers only " + PROVIDERS
                    + ": onnxruntime_gpu is not the jar on the class path");
        }
        assumeTrue(GPU_BUILD, "needs ONNX Runtime's GPU build (mvn -Pgpu -pl trading-models/onnx verify); the "
                + "CPU-only jar offers " + PROVIDERS + " and OnnxModelTest covers auto, cuda and tensorrt with it");
    }

    private static void assumeGpuBuildWithoutDevice() {
        assumeGpuBuild();
        assumeFalse(CUDA_DEVICE, "this machine has an NVIDIA device; the CUDA tests of this class cover it");
    }

    private static void assumeGpuBuildWithDevice() {
        assumeGpuBuild();
        assumeTrue(CUDA_DEVICE, "no NVIDIA device on this machine (no /dev/nvidiactl, nothing in "
                + "/proc/driver/nvidia/gpus); on a GPU machine run mvn -Pgpu -pl trading-models/onnx verify "
                + "-Dsextant.onnx.expectCudaDevice=true");
    }

    private static boolean cudaDevicePresent() {
        if (Boolean.getBoolean("sextant.onnx.expectCudaDevice") || Files.exists(Path.of("/dev/nvidiactl"))) {
            return true;
        }
        try (Stream<Path> gpus = Files.list(Path.of("/proc/driver/nvidia/gpus"))) {
            return gpus.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The message names the provider and device, and when ONNX Runtime could not load its provider
     * library (it then says only "Failed to load shared library"), the libraries that are missing.
     */
    private static void assertNamesWhatIsMissing(String message, ExecutionProvider p) {
        String name = p == ExecutionProvider.TENSORRT ? "TensorRT" : "CUDA";
        assertTrue(message.contains(name + " device 0") || message.contains("on " + p + " device 0"), message);
        if (message.contains("Failed to load shared library")) {
            assertTrue(message.contains("the dynamic loader cannot find lib"), message);
        }
    }

    /** Single-window and batch predictions against the golden probabilities (and confidence). */
    private static void assertMatchesGolden(OnnxModel m, String name, double tolerance) {
        Reference r = Reference.read(name);
        assertEquals(r.windows[0].length, m.metadata().inputLength(), name + " window length");
        double worst = 0;
        double[] p = new double[3];
        for (int i = 0; i < r.windows.length; i++) {
            double confidence = m.predict(r.windows[i], p);
            for (int c = 0; c < 3; c++) {
                worst = Math.max(worst, Math.abs(p[c] - r.golden[i][c]));
            }
            if (r.golden[i].length == 4) {
                worst = Math.max(worst, Math.abs(confidence - r.golden[i][3]));
            }
        }
        double[] batch = new double[3 * r.windows.length];
        double[] confidence = new double[r.windows.length];
        m.predictBatch(r.windows, batch, confidence);
        for (int i = 0; i < r.windows.length; i++) {
            for (int c = 0; c < 3; c++) {
                worst = Math.max(worst, Math.abs(batch[3 * i + c] - r.golden[i][c]));
            }
            if (r.golden[i].length == 4) {
                worst = Math.max(worst, Math.abs(confidence[i] - r.golden[i][3]));
            }
        }
        System.out.printf("%s on %s vs %s_golden.csv: %d windows, single and batch, largest difference %.3g%n", name,
                m.executionProvider(), name, r.windows.length, worst);
        assertTrue(worst <= tolerance, name + " on " + m.executionProvider() + ": largest difference " + worst
                + " > " + tolerance);
    }

    /**
     * The windows of {@code features_sample.csv} that a reference model can read (60 consecutive
     * rows each, ending at rows 60..300) and the golden outputs for them, as in the model card.
     */
    private record Reference(float[][] windows, double[][] golden) {

        private static final int SEQUENCE = 60;

        static Reference read(String name) {
            List<String> features = lines("features_sample.csv");
            List<String> golden = lines(name + "_golden.csv");
            assertEquals(features.size(), golden.size(), name + "_golden.csv rows");
            List<float[]> rows = new ArrayList<>();
            List<float[]> windows = new ArrayList<>();
            List<double[]> outputs = new ArrayList<>();
            for (int i = 1; i < features.size(); i++) {
                String[] f = features.get(i).split(",", -1);
                String[] g = golden.get(i).split(",", -1);
                assertEquals(f[0], g[0], "timestamp on line " + (i + 1));
                float[] row = new float[f.length - 1];
                for (int j = 1; j < f.length; j++) {
                    row[j - 1] = (float) Double.parseDouble(f[j]);
                }
                rows.add(row);
                if (g[1].isEmpty()) {
                    assertTrue(rows.size() < SEQUENCE, "golden is empty on line " + (i + 1));
                    continue;
                }
                float[] window = new float[SEQUENCE * row.length];
                for (int t = 0; t < SEQUENCE; t++) {
                    System.arraycopy(rows.get(rows.size() - SEQUENCE + t), 0, window, t * row.length, row.length);
                }
                windows.add(window);
                double[] out = new double[g.length - 1];
                for (int j = 1; j < g.length; j++) {
                    out[j - 1] = Double.parseDouble(g[j]);
                }
                outputs.add(out);
            }
            assertEquals(features.size() - SEQUENCE, windows.size(), name + " windows");
            return new Reference(windows.toArray(float[][]::new), outputs.toArray(double[][]::new));
        }

        private static List<String> lines(String file) {
            try {
                return Files.readAllLines(MODELS.resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read reference file " + MODELS.resolve(file)
                        + " (set -Dsextant.referenceModels)", e);
            }
        }
    }

    /** What {@code action} writes to System.err (SLF4J simple's warnings), still passed through. */
    private static String standardErrorOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Used memory of device 0 in MiB from {@code nvidia-smi}, or -1 when it does not answer. */
    private static long deviceMemoryUsedMiB() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits",
                    "-i", "0").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return -1;
            }
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
