package dev.sextant.trading.models;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.internal.CheckedModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds model providers and trainers by type id with {@link ServiceLoader}.
 *
 * <p>An id with no provider on the class path (or module path) is a {@link ModelLoadException}
 * whose message names the Maven artifact to add: {@code onnx} lives in
 * {@code dev.sextant:trading-models-onnx}, {@code xgboost} in {@code dev.sextant:trading-models-xgboost},
 * {@code smile-*} in {@code dev.sextant:trading-models-smile} (GPL-3.0).
 *
 * <p>Thread-safe: every call runs a fresh {@link ServiceLoader} on the thread's context class
 * loader (or the given loader), so adapters added to a class loader later are found.
 */
public final class Models {

    /**
     * Short names accepted for type ids, alias to type id: {@code rf} for {@code smile-rf},
     * {@code svm} for {@code smile-svm}, {@code logit} for {@code smile-logit}.
     */
    public static final Map<String, String> ALIASES = Map.of("rf", "smile-rf", "svm", "smile-svm", "logit", "smile-logit");

    private Models() {
    }

    /**
     * The type id a user's model name stands for: the name stripped and lower-cased, then an
     * {@link #ALIASES alias} replaced by its type id ({@code "RF"} gives {@code "smile-rf"}); any
     * other name is returned as it is, lower-cased, whether or not an adapter provides it.
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public static String typeOf(String name) {
        String key = Checks.notBlank(name, "model name").strip().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(key, key);
    }

    /**
     * The Maven artifact that provides {@code type}, for error messages: a known id maps to its
     * Sextant adapter; an unknown id yields {@code "an adapter artifact providing type '<id>'"}.
     */
    public static String artifactFor(String type) {
        Checks.notNull(type, "type");
        if (type.equals("onnx") || type.equals("onnx-policy")) {
            return "dev.sextant:trading-models-onnx";
        }
        if (type.equals("xgboost")) {
            return "dev.sextant:trading-models-xgboost";
        }
        if (type.startsWith("smile-")) {
            return "dev.sextant:trading-models-smile";
        }
        return "an adapter artifact providing type '" + type + "'";
    }

    /** The provider of {@code type} on the context class loader. @see #provider(String, ClassLoader) */
    public static ModelProvider provider(String type) {
        return provider(type, contextLoader());
    }

    /**
     * The provider that loads models of {@code type}.
     *
     * @throws ModelLoadException naming the missing adapter artifact when no provider has that id
     */
    public static ModelProvider provider(String type, ClassLoader loader) {
        Checks.notBlank(type, "type");
        for (ModelProvider p : ServiceLoader.load(ModelProvider.class, loader)) {
            if (p.type().equals(type)) {
                return p;
            }
        }
        throw new ModelLoadException("no model provider for type '" + type + "': add "
                + artifactFor(type) + " to the class path (providers found: " + providerTypes(loader) + ")");
    }

    /** The trainer of {@code type} on the context class loader. @see #trainer(String, ClassLoader) */
    public static ModelTrainer trainer(String type) {
        return trainer(type, contextLoader());
    }

    /**
     * The trainer that produces models of {@code type}.
     *
     * @throws ModelLoadException naming the missing adapter artifact when no trainer has that id
     */
    public static ModelTrainer trainer(String type, ClassLoader loader) {
        Checks.notBlank(type, "type");
        for (ModelTrainer t : ServiceLoader.load(ModelTrainer.class, loader)) {
            if (t.type().equals(type)) {
                return t;
            }
        }
        throw new ModelLoadException("no model trainer for type '" + type + "': add "
                + artifactFor(type) + " to the class path (trainers found: " + trainerTypes(loader) + ")");
    }

    /**
     * Loads a model file with the provider of {@code type}. Every output of the returned model is
     * checked to be a probability distribution before the caller sees it; a violation is a
     * {@link ModelOutputException} naming the model and the row.
     *
     * @throws ModelLoadException if no provider has that id, or the provider cannot load the file
     */
    public static Model load(String type, Path file, Map<String, String> options) {
        return CheckedModel.of(provider(type).load(Checks.notNull(file, "file"), Checks.notNull(options, "options")));
    }

    /** The type ids of every provider visible to the context class loader, sorted. */
    public static SortedSet<String> providerTypes() {
        return providerTypes(contextLoader());
    }

    /** The type ids of every trainer visible to the context class loader, sorted. */
    public static SortedSet<String> trainerTypes() {
        return trainerTypes(contextLoader());
    }

    static SortedSet<String> providerTypes(ClassLoader loader) {
        SortedSet<String> types = new TreeSet<>();
        ServiceLoader.load(ModelProvider.class, loader).forEach(p -> types.add(p.type()));
        return types;
    }

    static SortedSet<String> trainerTypes(ClassLoader loader) {
        SortedSet<String> types = new TreeSet<>();
        ServiceLoader.load(ModelTrainer.class, loader).forEach(t -> types.add(t.type()));
        return types;
    }

    private static ClassLoader contextLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : Models.class.getClassLoader();
    }
}
