package dev.sextant.trading.models;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.models.internal.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parameters of a custom model as a value, with a strict file format, so that a
 * {@link TrainedModel} need not write its own: {@link TrainedModel#save} calls {@link #write} and
 * its {@link ModelProvider} calls {@link #read(Path, String, Function)}.
 *
 * <p>File format ({@value #FORMAT} version {@value #VERSION}, UTF-8 JSON, extension
 * {@value #FILE_EXTENSION}): one object with exactly the keys
 * <pre>{@code
 * {
 *   "format" : "sextant-model-parameters",
 *   "version" : 1,
 *   "type" : "example-centroid",
 *   "scalars" : { "temperature" : 0.5 },
 *   "arrays" : { "sell" : [ 0.1, -0.2 ], "hold" : [ 0.0, 0.0 ] },
 *   "attributes" : { "id" : "centroid" }
 * }
 * }</pre>
 * Every number is finite, every name non-blank, no key appears twice in one object, nothing else
 * is accepted. Doubles are written in their shortest exact decimal form, so {@code read(write(p))}
 * equals {@code p} bit for bit. Names are written sorted, so equal parameters give equal files.
 *
 * <p>Immutable and thread-safe: the maps are unmodifiable copies, and {@link #array} returns a
 * copy of the stored array.
 *
 * @param type       the model type id ({@link ModelMetadata#type()}), non-blank
 * @param scalars    named finite numbers
 * @param arrays     named arrays of finite numbers (possibly empty arrays)
 * @param attributes named strings (ids, names, settings that are not numbers)
 */
public record ModelParameters(String type, Map<String, Double> scalars, Map<String, double[]> arrays,
        Map<String, String> attributes) {

    /** The {@code "format"} value of the file format. */
    public static final String FORMAT = "sextant-model-parameters";
    /** The {@code "version"} value of the file format. */
    public static final int VERSION = 1;
    /** The file name extension to return from {@link TrainedModel#fileExtension()}. */
    public static final String FILE_EXTENSION = "json";

    private static final Set<String> KEYS = Set.of("format", "version", "type", "scalars", "arrays", "attributes");

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException naming the entry when a name is blank, a value is null or a
     *                                  number is not finite
     */
    public ModelParameters {
        Checks.notBlank(type, "type");
        Checks.notNull(scalars, "scalars");
        Checks.notNull(arrays, "arrays");
        Checks.notNull(attributes, "attributes");
        Map<String, Double> s = new TreeMap<>();
        scalars.forEach((k, v) -> s.put(Checks.notBlank(k, "scalar name"),
                Checks.finite(Checks.notNull(v, "scalar " + k), "scalar " + k)));
        Map<String, double[]> a = new TreeMap<>();
        arrays.forEach((k, v) -> {
            Checks.notBlank(k, "array name");
            double[] copy = Checks.notNull(v, "array " + k).clone();
            for (int i = 0; i < copy.length; i++) {
                Checks.finite(copy[i], "array " + k + "[" + i + "]");
            }
            a.put(k, copy);
        });
        Map<String, String> t = new TreeMap<>();
        attributes.forEach((k, v) -> t.put(Checks.notBlank(k, "attribute name"), Checks.notNull(v, "attribute " + k)));
        scalars = Collections.unmodifiableMap(s);
        arrays = Collections.unmodifiableMap(a);
        attributes = Collections.unmodifiableMap(t);
    }

    /** The arrays, each a copy (the stored arrays stay immutable). */
    @Override
    public Map<String, double[]> arrays() {
        Map<String, double[]> copy = new TreeMap<>();
        arrays.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The scalar {@code name}.
     *
     * @throws ModelLoadException naming the scalar and the type if there is none
     */
    public double scalar(String name) {
        Double v = scalars.get(name);
        if (v == null) {
            throw new ModelLoadException("scalars: '" + name + "' is missing (model type " + type + ")");
        }
        return v;
    }

    /**
     * A copy of the array {@code name}, which must hold {@code length} values.
     *
     * @param length the expected length, or -1 for any length
     * @throws ModelLoadException naming the array and the type if there is none or its length differs
     */
    public double[] array(String name, int length) {
        double[] v = arrays.get(name);
        if (v == null) {
            throw new ModelLoadException("arrays: '" + name + "' is missing (model type " + type + ")");
        }
        if (length >= 0 && v.length != length) {
            throw new ModelLoadException("arrays: '" + name + "' must have " + length + " values but has "
                    + v.length + " (model type " + type + ")");
        }
        return v.clone();
    }

    /**
     * The attribute {@code name}.
     *
     * @throws ModelLoadException naming the attribute and the type if there is none
     */
    public String attribute(String name) {
        String v = attributes.get(name);
        if (v == null) {
            throw new ModelLoadException("attributes: '" + name + "' is missing (model type " + type + ")");
        }
        return v;
    }

    /**
     * Writes these parameters to {@code file} in the documented format, atomically (a reader sees
     * the old file or the new one, never half of one).
     *
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("type", type);
        ObjectNode s = root.putObject("scalars");
        scalars.forEach(s::put);
        ObjectNode a = root.putObject("arrays");
        arrays.forEach((k, v) -> Json.putDoubles(a, k, v));
        ObjectNode t = root.putObject("attributes");
        attributes.forEach(t::put);
        AtomicFileWriter.writeString(file, Json.write(root) + "\n");
    }

    /**
     * Reads parameters written by {@link #write}, strictly.
     *
     * @param file         the file, at most {@link ModelLimits#maxModelBytes()} of
     *                     {@link ModelLimits#defaults()}
     * @param expectedType the type id the file must hold
     * @throws ModelLoadException naming the file and the field when the file cannot be read, is
     *                            too large, is not JSON, repeats a key, lacks or adds a key, holds
     *                            another format, version or type, or holds a number that is not
     *                            finite or a value of the wrong kind
     */
    public static ModelParameters read(Path file, String expectedType) {
        return read(file, expectedType, Function.identity());
    }

    /**
     * Reads parameters as {@link #read(Path, String)} does and builds a model from them; a
     * {@link ModelLoadException} or {@link IllegalArgumentException} that {@code build} throws
     * (a missing field from {@link #array}, a constructor's check) is rethrown as a
     * {@link ModelLoadException} prefixed with the file.
     *
     * @param <T>   what {@code build} returns, typically the model
     * @param build turns the parameters into the model
     * @throws ModelLoadException naming the file and the field on any bad input
     */
    public static <T> T read(Path file, String expectedType, Function<? super ModelParameters, T> build) {
        Checks.notNull(file, "file");
        Checks.notBlank(expectedType, "expectedType");
        Checks.notNull(build, "build");
        String where = file.toString();
        String text;
        try {
            text = ModelLimits.defaults().readModelText(file);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model parameters " + where + ": " + e.getMessage(), e);
        }
        ModelParameters parameters = parse(Json.parse(text, where), expectedType, where);
        try {
            return build.apply(parameters);
        } catch (ModelLoadException | IllegalArgumentException e) {
            throw new ModelLoadException(where + ": " + e.getMessage(), e);
        }
    }

    private static ModelParameters parse(JsonNode root, String expectedType, String where) {
        if (!root.isObject()) {
            throw new ModelLoadException(where + ": must be a JSON object but was " + root.getNodeType());
        }
        onlyKeys(root, KEYS, where);
        String format = Json.string(root, "format", where);
        if (!format.equals(FORMAT)) {
            throw new ModelLoadException(where + ": field 'format' must be '" + FORMAT + "' but was '" + format + "'");
        }
        long version = Json.integer(root, "version", where);
        if (version != VERSION) {
            throw new ModelLoadException(where + ": field 'version' must be " + VERSION + " but was " + version);
        }
        String type = Json.string(root, "type", where);
        if (!type.equals(expectedType)) {
            throw new ModelLoadException(where + ": field 'type' must be '" + expectedType + "' but was '" + type + "'");
        }
        JsonNode s = Json.object(root, "scalars", where);
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (String name : s.propertyNames()) {
            scalars.put(name, Json.number(s, name, where + ": scalars"));
        }
        JsonNode a = Json.object(root, "arrays", where);
        Map<String, double[]> arrays = new LinkedHashMap<>();
        for (String name : a.propertyNames()) {
            arrays.put(name, Json.doubles(a, name, where + ": arrays"));
        }
        JsonNode t = Json.object(root, "attributes", where);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : t.propertyNames()) {
            attributes.put(name, Json.string(t, name, where + ": attributes"));
        }
        try {
            return new ModelParameters(type, scalars, arrays, attributes);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(where + ": " + e.getMessage(), e);
        }
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw new ModelLoadException(where + ": unknown field '" + key + "' (allowed: "
                        + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    /** Equal when the type, scalars, attributes and the contents of every array are equal. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ModelParameters p) || !type.equals(p.type) || !scalars.equals(p.scalars)
                || !attributes.equals(p.attributes) || !arrays.keySet().equals(p.arrays.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : arrays.entrySet()) {
            if (!Arrays.equals(e.getValue(), p.arrays.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Consistent with {@link #equals}: hashes array contents. */
    @Override
    public int hashCode() {
        int h = 31 * type.hashCode() + scalars.hashCode();
        h = 31 * h + attributes.hashCode();
        for (Map.Entry<String, double[]> e : arrays.entrySet()) {
            h += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
        }
        return h;
    }

    /** The type and the names and lengths, not every value. */
    @Override
    public String toString() {
        Map<String, Integer> lengths = new TreeMap<>();
        arrays.forEach((k, v) -> lengths.put(k, v.length));
        return "ModelParameters[type=" + type + ", scalars=" + scalars + ", arrayLengths=" + lengths
                + ", attributes=" + attributes + "]";
    }
}
