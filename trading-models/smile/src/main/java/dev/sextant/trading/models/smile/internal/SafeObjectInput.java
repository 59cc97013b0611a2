package dev.sextant.trading.models.smile.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.Set;

/**
 * Java deserialization restricted to an allow-list: the exact Smile and JDK classes that the
 * three Smile models consist of (recorded from real models), arrays of them and of primitives,
 * with limits on graph depth, references, array length and stream size. Everything else is
 * rejected by the filter before its class is initialised or instantiated.
 */
public final class SafeObjectInput {

    /** Classes a serialized Smile random forest, OvR SVM or logistic regression contains. */
    static final Set<String> ALLOWED = Set.of(
            "smile.classification.AbstractClassifier",
            "smile.classification.Classifier",
            "smile.classification.DecisionTree",
            "smile.classification.LogisticRegression",
            "smile.classification.LogisticRegression$Binomial",
            "smile.classification.LogisticRegression$Multinomial",
            "smile.classification.OneVersusRest",
            "smile.classification.PlattScaling",
            "smile.classification.RandomForest",
            "smile.classification.RandomForest$Model",
            "smile.classification.SVM",
            "smile.data.formula.Formula",
            "smile.data.formula.Term",
            "smile.data.formula.Variable",
            "smile.data.type.DataType$ID",
            "smile.data.type.DoubleType",
            "smile.data.type.IntType",
            "smile.data.type.PrimitiveType",
            "smile.data.type.StructField",
            "smile.data.type.StructType",
            "smile.math.kernel.Gaussian",
            "smile.math.kernel.GaussianKernel",
            "smile.math.kernel.Linear",
            "smile.math.kernel.LinearKernel",
            "smile.model.cart.CART",
            "smile.model.cart.DecisionNode",
            "smile.model.cart.InternalNode",
            "smile.model.cart.LeafNode",
            "smile.model.cart.Node",
            "smile.model.cart.OrdinalNode",
            "smile.model.cart.SplitRule",
            "smile.model.svm.KernelMachine",
            "smile.util.IntSet",
            "smile.validation.ClassificationMetrics",
            "java.lang.Enum",
            "java.lang.Integer",
            "java.lang.Number",
            "java.lang.Object",
            "java.util.ArrayList",
            "java.util.HashMap",
            "java.util.Map$Entry");

    private static final long MAX_DEPTH = 2_000;
    private static final long MAX_REFERENCES = 50_000_000;
    private static final long MAX_ARRAY = 100_000_000;

    private SafeObjectInput() {
    }

    /** The filter: allow-listed classes and limits, anything else rejected. */
    static ObjectInputFilter filter(long maxBytes) {
        return info -> {
            if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.streamBytes() > maxBytes
                    || info.arrayLength() > MAX_ARRAY) {
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> c = info.serialClass();
            if (c == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.isPrimitive() || ALLOWED.contains(c.getName())) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            return ObjectInputFilter.Status.REJECTED;
        };
    }

    /**
     * Reads one object from {@code bytes} under the filter.
     *
     * @throws InvalidClassException if the stream names a class outside the allow-list or breaks a limit
     * @throws IOException           if the stream is corrupt
     * @throws ClassNotFoundException if an allowed class is not on the class path
     */
    static Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter(bytes.length + 1L));
            return in.readObject();
        }
    }
}
