package dev.sextant.trading.models.smile.internal;

import dev.sextant.trading.models.TrainerParams;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.smile.SmileModels;
import java.util.Arrays;
import java.util.Map;
import smile.classification.OneVersusRest;
import smile.classification.SVM;
import smile.math.MathEx;
import smile.math.kernel.GaussianKernel;
import smile.math.kernel.LinearKernel;
import smile.math.kernel.MercerKernel;

/**
 * Trains one-versus-rest Smile SVMs with Platt-scaled probabilities (type {@code smile-svm}); see
 * {@link SmileModels} for parameters. Smile's SVM draws from a per-thread random generator, which
 * this trainer seeds before each binary fit: the same data and seed give the same model, and
 * trainings run one at a time per JVM.
 */
public final class SvmTrainer extends SmileTrainer {

    private static final Object SEED_LOCK = new Object();

    /** Creates the trainer (ServiceLoader). */
    public SvmTrainer() {
    }

    @Override
    public String type() {
        return SmileModels.SVM;
    }

    @Override
    Object fit(TrainingSet data, TrainerParams p, long seed, Map<String, String> used) {
        String kernelName = p.string("kernel", "gaussian");
        double sigma = p.positiveDouble("sigma", Math.sqrt(data.featureCount()));
        double c = p.positiveDouble("C", 1.0);
        double tol = p.positiveDouble("tol", 1e-3);
        int epochs = p.positiveInt("epochs", 1);
        MercerKernel<double[]> kernel = switch (kernelName) {
            case "gaussian" -> new GaussianKernel(sigma);
            case "linear" -> new LinearKernel();
            default -> throw new IllegalArgumentException("smile-svm parameter 'kernel' must be gaussian or linear but was '"
                    + kernelName + "'");
        };
        requireClasses(data, 3);
        requireEqualClassWeights(data);
        used.put("kernel", kernelName);
        if (kernelName.equals("gaussian")) {
            used.put("sigma", Double.toString(sigma));
        }
        used.put("C", Double.toString(c));
        used.put("tol", Double.toString(tol));
        used.put("epochs", Integer.toString(epochs));
        SVM.Options options = new SVM.Options(c, tol, epochs);
        double[][] x = toDoubles(data);
        synchronized (SEED_LOCK) {
            // OneVersusRest fits the binary machines on a parallel stream and Smile keeps one random
            // generator per thread, so seeding only this thread left the others' draws to chance.
            // Each binary fit seeds its own thread from the seed and its +1/-1 labels (which say
            // which class it separates), so the model no longer depends on which thread ran it.
            return OneVersusRest.fit(x, data.labels(), (xx, yy) -> {
                MathEx.setSeed(seed * 31 + Arrays.hashCode(yy));
                return SVM.fit(xx, yy, kernel, options);
            });
        }
    }
}
