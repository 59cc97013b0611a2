package dev.sextant.trading.models.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.ModelLoadException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftReferenceTest {

    private static final DriftReference REF = References.gaussian(1500, 4, 21);

    @Test
    void recordsAGridPerFeatureThePredictionsTheLossAndTheGate() {
        assertEquals(List.of("f0", "f1", "f2", "f3"), REF.featureNames());
        assertEquals(20, REF.features().get(0).bins());
        assertEquals(1500, REF.features().get(2).count());
        assertEquals(ReferenceHistogram.PREDICTION, REF.prediction().name());
        assertEquals(2000, REF.loss().rows());
        assertTrue(REF.loss().mean() > 0.5 && REF.loss().mean() < Math.log(3), "loss " + REF.loss().mean());
        assertEquals(256, REF.ood().sampleCount());
    }

    @Test
    void theJsonFileRoundTripsExactly() {
        DriftReference back = DriftReference.parse(REF.toJson(), "ref");
        assertEquals(REF, back);
        assertEquals(REF.toJson(), back.toJson());
    }

    @Test
    void theLogLossIsClipped() {
        assertEquals(-Math.log(0.25), DriftReference.logLoss(0.25), 1e-15);
        assertEquals(-Math.log(1e-15), DriftReference.logLoss(0), 1e-9);
    }

    @Test
    void eachBadFieldIsNamedWithTheFile() {
        String json = REF.toJson();
        assertBad(json.replace("\"format\" : 1", "\"format\" : 2"), "ref.json: field 'format' must be 1 but was 2");
        assertBad("[]", "ref.json must hold a JSON object");
        assertBad("{", "ref.json is not valid JSON");
        assertBad(json.replace("\"loss\"", "\"losses\""), "ref.json: field 'loss' must be an object but is missing");
        assertBad(json.replaceFirst("\"name\" : \"f1\"", "\"name\" : \"f0\""), "feature 'f0' appears twice");
        assertBad(json.replaceFirst("\"count\" : 1500", "\"count\" : -3"), "ref.json: features[0]: count must be positive");
        assertBad(json.replaceFirst("\"sd\" : [0-9.eE-]+", "\"sd\" : -1"), "ref.json: loss: sd must be non-negative");
        assertBad(json.replaceFirst("\"threshold\" : [0-9.eE-]+", "\"threshold\" : \"x\""),
                "ref.json: ood: field 'threshold' must be a finite number");
        assertBad(json.replaceFirst("\"neighbours\" : 5", "\"neighbours\" : 300"),
                "ref.json: ood: samples must hold more rows than neighbours");
        String edges = "\"edges\" : [ ";
        int at = json.indexOf(edges) + edges.length();
        int end = json.indexOf(',', at);
        String broken = json.substring(0, at) + "1.0E9" + json.substring(end);
        assertBad(broken, "ref.json: features[0]: edges must be strictly increasing");
    }

    @Test
    void rejectsMismatchedBuildInputs() {
        float[][] rows = References.gaussianRows(50, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> DriftReference.build(List.of("a", "b", "c"), rows,
                new double[] {0.2, 0.3, 0.5}, new int[] {1}, ReferenceSettings.defaults()));
        assertThrows(IllegalArgumentException.class, () -> DriftReference.build(List.of("a", "b"), rows,
                new double[] {0.2, 0.3, 0.5}, new int[] {3}, ReferenceSettings.defaults()));
        assertThrows(IllegalArgumentException.class, () -> DriftReference.build(List.of("a", "b"), rows,
                new double[] {0.2, 0.3}, new int[] {1}, ReferenceSettings.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceSettings(20, 5, 5, 0.99));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceSettings(1, 256, 5, 0.99));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceSettings(20, 256, 5, 1.5));
    }

    private static void assertBad(String json, String message) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> DriftReference.parse(json, "ref.json"));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void theHashIsThatOfTheJsonAndSeparatesReferences() throws Exception {
        String hash = REF.hash();
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(REF.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8))), hash);
        assertEquals(hash, DriftReference.parse(REF.toJson(), "test").hash(), "equal references, equal hashes");
        DriftReference otherLoss = new DriftReference(REF.features(), REF.prediction(),
                new LossReference(REF.loss().mean() + 1e-9, REF.loss().sd(), REF.loss().rows()), REF.ood());
        assertTrue(!otherLoss.hash().equals(hash));
        assertTrue(!References.gaussian(1500, 4, 22).hash().equals(hash));
    }
}
