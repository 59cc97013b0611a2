package dev.sextant.trading.models.smile;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.TrainerSettings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Hyper-parameters of the {@value SmileModels#SVM} trainer (one-versus-rest kernel SVMs with
 * Platt-scaled probabilities).
 *
 * @param kernel the kernel (default {@link Kernel#GAUSSIAN})
 * @param sigma  Gaussian kernel width, positive; empty for sqrt(features) (default empty; ignored
 *               by the linear kernel)
 * @param c      soft-margin penalty C, positive (default 1)
 * @param tol    convergence tolerance, positive (default 1e-3)
 * @param epochs passes over the data, positive (default 1)
 */
public record SvmSettings(Kernel kernel, OptionalDouble sigma, double c, double tol, int epochs) implements TrainerSettings {

    /** The SVM kernels. */
    public enum Kernel {
        /** exp(-|x - y|² / (2 sigma²)). */
        GAUSSIAN,
        /** x · y. */
        LINEAR
    }

    /** Validates. */
    public SvmSettings {
        Checks.notNull(kernel, "kernel");
        Checks.notNull(sigma, "sigma");
        sigma.ifPresent(s -> Checks.positive(s, "sigma"));
        Checks.positive(c, "c");
        Checks.positive(tol, "tol");
        Checks.positive(epochs, "epochs");
    }

    /** Gaussian kernel of width sqrt(features), C 1, tolerance 1e-3, one epoch. */
    public static SvmSettings defaults() {
        return new SvmSettings(Kernel.GAUSSIAN, OptionalDouble.empty(), 1.0, 1e-3, 1);
    }

    /** These settings with another kernel. */
    public SvmSettings withKernel(Kernel value) {
        return new SvmSettings(value, sigma, c, tol, epochs);
    }

    /** These settings with a Gaussian width. */
    public SvmSettings withSigma(double value) {
        return new SvmSettings(kernel, OptionalDouble.of(value), c, tol, epochs);
    }

    /** These settings with another C. */
    public SvmSettings withC(double value) {
        return new SvmSettings(kernel, sigma, value, tol, epochs);
    }

    /** {@value SmileModels#SVM}. */
    @Override
    public String type() {
        return SmileModels.SVM;
    }

    /** {@code kernel}, {@code sigma} (when set), {@code C}, {@code tol}, {@code epochs}. */
    @Override
    public Map<String, String> toParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kernel", kernel.name().toLowerCase(Locale.ROOT));
        sigma.ifPresent(s -> p.put("sigma", Double.toString(s)));
        p.put("C", Double.toString(c));
        p.put("tol", Double.toString(tol));
        p.put("epochs", Integer.toString(epochs));
        return p;
    }
}
