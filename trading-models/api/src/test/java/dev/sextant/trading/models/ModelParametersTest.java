package dev.sextant.trading.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelParametersTest {

    private static final String TYPE = "my-model";

    @TempDir
    Path tmp;

    private static ModelParameters sample() {
        return new ModelParameters(TYPE, Map.of("temperature", 0.5), Map.of("w", new double[] {1, -2.5, 3e-300}),
                Map.of("id", "m1"));
    }

    private Path file(String json) throws IOException {
        Path f = tmp.resolve("p.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }

    private static String doc(String type, String scalars, String arrays, String attributes) {
        return "{\"format\":\"sextant-model-parameters\",\"version\":1,\"type\":\"" + type + "\",\"scalars\":" + scalars
                + ",\"arrays\":" + arrays + ",\"attributes\":" + attributes + "}";
    }

    private ModelLoadException refused(String json) throws IOException {
        Path f = file(json);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelParameters.read(f, TYPE));
        assertTrue(e.getMessage().startsWith(f.toString()) || e.getMessage().contains(f.toString()), e.getMessage());
        return e;
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void writesAndReadsBackTheSameParametersAsJson() throws IOException {
        Path f = tmp.resolve("m.json");
        sample().write(f);
        assertEquals(sample(), ModelParameters.read(f, TYPE));
        assertTrue(Files.readString(f).contains("\"format\" : \"sextant-model-parameters\""), Files.readString(f));
    }

    @Test
    void writeReplacesAnExistingFileWholly() throws IOException {
        Path f = file("old content that is longer than nothing at all, and then some more text to be sure");
        sample().write(f);
        assertEquals(sample(), ModelParameters.read(f, TYPE));
    }

    @Test
    void aWrongTypeIdIsRefusedNamingTheFieldAndBothTypes() throws IOException {
        assertMentions(refused(doc("other", "{}", "{}", "{}")), "'type'", "my-model", "other");
    }

    @Test
    void aWrongFormatOrVersionIsRefusedNamingTheField() throws IOException {
        assertMentions(refused(doc(TYPE, "{}", "{}", "{}").replace("sextant-model-parameters", "x")), "'format'");
        assertMentions(refused(doc(TYPE, "{}", "{}", "{}").replace("\"version\":1", "\"version\":2")), "'version'");
    }

    @Test
    void aMissingSectionIsRefusedNamingIt() throws IOException {
        assertMentions(refused(doc(TYPE, "{}", "{}", "{}").replace(",\"arrays\":{}", "")), "'arrays'", "missing");
    }

    @Test
    void anUnknownTopLevelFieldIsRefusedNamingIt() throws IOException {
        assertMentions(refused(doc(TYPE, "{}", "{}", "{}").replace("{\"format\"", "{\"extra\":1,\"format\"")), "'extra'");
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() throws IOException {
        assertMentions(refused(doc(TYPE, "{\"t\":1,\"t\":2}", "{}", "{}")), "Duplicate", "\"t\"", "line 1");
    }

    @Test
    void aNonFiniteOrNonNumericValueIsRefusedNamingTheField() throws IOException {
        assertMentions(refused(doc(TYPE, "{\"t\":\"NaN\"}", "{}", "{}")), "scalars", "'t'");
        assertMentions(refused(doc(TYPE, "{\"t\":1e999}", "{}", "{}")), "scalars", "'t'");
        assertMentions(refused(doc(TYPE, "{}", "{\"w\":[1,1e999]}", "{}")), "arrays.w[1]");
        assertMentions(refused(doc(TYPE, "{}", "{\"w\":[1,\"x\"]}", "{}")), "arrays.w[1]");
        assertMentions(refused(doc(TYPE, "{}", "{}", "{\"id\":3}")), "attributes", "'id'");
    }

    @Test
    void notJsonIsRefusedWithTheFileAndPosition() throws IOException {
        assertMentions(refused("{\"format\": "), "not valid JSON", "line 1");
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path f = tmp.resolve("absent.json");
        assertMentions(assertThrows(ModelLoadException.class, () -> ModelParameters.read(f, TYPE)), f.toString());
    }

    @Test
    void aFileAboveTheModelSizeLimitIsRefusedBeforeParsing() throws IOException {
        Path f = tmp.resolve("m.json");
        sample().write(f);
        String old = System.getProperty(ModelLimits.MAX_MODEL_BYTES_PROPERTY);
        System.setProperty(ModelLimits.MAX_MODEL_BYTES_PROPERTY, "10");
        try {
            assertMentions(assertThrows(ModelLoadException.class, () -> ModelParameters.read(f, TYPE)), f.toString(),
                    "limit of 10 bytes");
        } finally {
            if (old == null) {
                System.clearProperty(ModelLimits.MAX_MODEL_BYTES_PROPERTY);
            } else {
                System.setProperty(ModelLimits.MAX_MODEL_BYTES_PROPERTY, old);
            }
        }
    }

    @Test
    void aWrongLengthOrMissingFieldInTheBuildStepIsRefusedNamingTheFileAndTheField() throws IOException {
        Path f = tmp.resolve("m.json");
        sample().write(f);
        assertMentions(assertThrows(ModelLoadException.class, () -> ModelParameters.read(f, TYPE, p -> p.array("w", 4))),
                f.toString(), "'w'", "must have 4 values but has 3");
        assertMentions(assertThrows(ModelLoadException.class, () -> ModelParameters.read(f, TYPE, p -> p.scalar("bias"))),
                f.toString(), "'bias'", "missing");
        assertMentions(assertThrows(ModelLoadException.class, () -> ModelParameters.read(f, TYPE, p -> p.attribute("x"))),
                f.toString(), "'x'", "missing");
    }

    @Test
    void aConstructorCheckInTheBuildStepBecomesALoadErrorNamingTheFile() throws IOException {
        Path f = tmp.resolve("m.json");
        sample().write(f);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelParameters.read(f, TYPE, p -> {
            throw new IllegalArgumentException("temperature must be below 0.1");
        }));
        assertMentions(e, f.toString(), "temperature must be below 0.1");
    }

    @Test
    void theConstructorRefusesNonFiniteValuesAndBlankNamesNamingThem() {
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new ModelParameters(TYPE,
                Map.of("t", Double.NaN), Map.of(), Map.of())), "scalar t");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new ModelParameters(TYPE,
                Map.of(), Map.of("w", new double[] {0, Double.POSITIVE_INFINITY}), Map.of())), "array w[1]");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new ModelParameters(TYPE,
                Map.of(" ", 1.0), Map.of(), Map.of())), "scalar name");
        assertThrows(IllegalArgumentException.class, () -> new ModelParameters(" ", Map.of(), Map.of(), Map.of()));
    }

    @Test
    void storedArraysCannotBeChangedThroughTheInputOrTheAccessors() {
        double[] w = {1, 2};
        ModelParameters p = new ModelParameters(TYPE, Map.of(), Map.of("w", w), Map.of());
        w[0] = 9;
        p.array("w", 2)[1] = 9;
        p.arrays().get("w")[1] = 9;
        assertArrayEquals(new double[] {1, 2}, p.array("w", -1));
    }

    @Property(tries = 200)
    void anyParametersRoundTripBitForBit(@ForAll("parameters") ModelParameters p) throws IOException {
        Path f = Files.createTempFile("params-", ".json");
        try {
            p.write(f);
            ModelParameters back = ModelParameters.read(f, p.type());
            assertEquals(p, back);
            p.arrays().forEach((k, v) -> assertArrayEquals(v, back.array(k, v.length)));
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Provide
    Arbitrary<ModelParameters> parameters() {
        Arbitrary<Double> d = Arbitraries.doubles().filter(Double::isFinite)
                .injectDuplicates(0.1).edgeCases(c -> c.add(-0.0).add(Double.MIN_VALUE).add(Double.MAX_VALUE));
        Arbitrary<String> name = Arbitraries.strings().ofMinLength(1).ofMaxLength(8).filter(s -> !s.isBlank());
        Arbitrary<Map<String, Double>> scalars = Arbitraries.maps(name, d).ofMaxSize(4);
        Arbitrary<Map<String, double[]>> arrays = Arbitraries.maps(name,
                d.list().ofMaxSize(6).map(ModelParametersTest::toArray)).ofMaxSize(4);
        Arbitrary<Map<String, String>> attributes = Arbitraries.maps(name, Arbitraries.strings().ofMaxLength(10))
                .ofMaxSize(3);
        return net.jqwik.api.Combinators.combine(name, scalars, arrays, attributes)
                .as((t, s, a, at) -> new ModelParameters(t, new HashMap<>(s), a, at));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
