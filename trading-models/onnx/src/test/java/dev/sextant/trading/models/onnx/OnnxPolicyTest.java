package dev.sextant.trading.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Backtester;
import dev.sextant.trading.engine.rl.Action;
import dev.sextant.trading.engine.rl.EnvironmentConfig;
import dev.sextant.trading.engine.rl.EnvironmentData;
import dev.sextant.trading.engine.rl.PolicyBundle;
import dev.sextant.trading.engine.rl.PolicySignalSource;
import dev.sextant.trading.engine.rl.StepResult;
import dev.sextant.trading.engine.rl.TradingEnvironment;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.policy.PolicyLayout;
import dev.sextant.trading.models.policy.PolicyModel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OnnxPolicyTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    static Path resource(String name) {
        try {
            return Path.of(OnnxPolicyTest.class.getResource("/policy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The layout the actor was trained on, as {@code sextant rl observations} wrote it. */
    static PolicyLayout layout() throws IOException {
        JsonNode n = JSON.readTree(Files.readString(resource("layout.json")));
        Map<String, String> options = new LinkedHashMap<>();
        n.propertyNames().forEach(k -> options.put(k, n.get(k).asString()));
        return PolicyLayout.fromOptions(options, "layout.json");
    }

    private Path bundle() throws IOException {
        Path dir = tmp.resolve("bundle");
        OnnxPolicy.writeBundle(resource("actor.onnx"), layout(), "torch-actor", "1", dir);
        return dir;
    }

    @Test
    void goldensFromPyTorchMatchThroughTheBundleTo1e5() throws IOException {
        JsonNode goldens = JSON.readTree(Files.readString(resource("goldens.json")));
        double tolerance = goldens.get("tolerance").asDouble();
        assertEquals(1e-5, tolerance);
        try (PolicyModel loaded = PolicyBundle.load(bundle())) {
            OnnxPolicy policy = assertInstanceOf(OnnxPolicy.class, loaded);
            assertEquals("torch-actor", policy.metadata().id());
            assertTrue(policy.metadata().provenance().trainer().startsWith("pytorch"), policy.metadata().provenance().trainer());
            double[] logits = new double[3];
            double[] probabilities = new double[3];
            int pairs = 0;
            for (JsonNode pair : goldens.get("pairs")) {
                JsonNode o = pair.get("observation");
                float[] obs = new float[o.size()];
                double[] obsD = new double[o.size()];
                for (int i = 0; i < obs.length; i++) {
                    obs[i] = (float) o.get(i).asDouble();
                    obsD[i] = obs[i];
                }
                double size = policy.logits(obs, logits);
                for (int k = 0; k < 3; k++) {
                    assertEquals(pair.get("logits").get(k).asDouble(), logits[k], tolerance, "pair " + pairs + " logit " + k);
                }
                assertEquals(pair.get("size").asDouble(), size, tolerance, "pair " + pairs + " size");
                assertEquals(size, policy.act(obsD, probabilities), 0.0);
                double e0 = Math.exp(logits[0]);
                double e1 = Math.exp(logits[1]);
                double e2 = Math.exp(logits[2]);
                assertEquals(e2 / (e0 + e1 + e2), probabilities[2], 1e-12);
                pairs++;
            }
            assertEquals(16, pairs);
        }
    }

    @Test
    void theModelTypeIsFoundByServiceLoaderAndTheBundleVerifies() throws IOException {
        assertTrue(Models.providerTypes().contains(OnnxPolicy.TYPE), Models.providerTypes().toString());
        Path dir = bundle();
        BundleManifest m = ModelBundle.verify(dir);
        assertEquals(OnnxPolicy.TYPE, m.models().get(0).type());
        assertTrue(Files.exists(dir.resolve(ModelBundle.CHECKSUMS)));
        try (ModelBundle plain = ModelBundle.load(dir)) {
            double[] p = new double[3];
            double size = plain.model().predict(new float[layout().spec().size()], p);
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-9);
            assertTrue(size >= 0 && size <= 1, "size " + size);
        }
    }

    @Test
    void aTamperedActorInTheBundleIsRefused() throws IOException {
        Path dir = bundle();
        String file = ModelBundle.verify(dir).models().get(0).file();
        byte[] bytes = Files.readAllBytes(dir.resolve(file));
        bytes[bytes.length - 1] ^= 1;
        Files.write(dir.resolve(file), bytes);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> PolicyBundle.load(dir));
        assertTrue(e.getMessage().contains(file), e.getMessage());
    }

    @Test
    void aLayoutWhoseObservationIsNotTheGraphsInputIsRefusedInOneLine() throws IOException {
        PolicyLayout l = layout();
        PolicyLayout wider = new PolicyLayout(l.spec(), l.scaler(), 2, l.maxFraction());
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> OnnxPolicy.load(resource("actor.onnx"), wider, OnnxModelOptions.defaults()));
        assertTrue(e.getMessage().contains("input 'observation' must be float32 [batch, 51]"), e.getMessage());
        assertTrue(e.getMessage().contains("[-1, 27]"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aGraphWithoutASizeOutputIsRefusedInOneLine() throws IOException {
        PolicyLayout l = layout();
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> OnnxPolicy.load(resource("actor_without_size.onnx"), l, OnnxModelOptions.defaults()));
        assertTrue(e.getMessage().contains("must have outputs 'logits' and 'size' but has [logits]"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void anObservationOfTheWrongLengthIsAModelInputException() throws IOException {
        try (OnnxPolicy p = OnnxPolicy.load(resource("actor.onnx"), layout(), OnnxModelOptions.defaults())) {
            ModelInputException e = assertThrows(ModelInputException.class, () -> p.act(new double[26], new double[3]));
            assertTrue(e.getMessage().contains("takes 27 values") && e.getMessage().contains("got 26"), e.getMessage());
            double[] bad = new double[27];
            bad[5] = Double.NaN;
            assertThrows(ModelInputException.class, () -> p.act(bad, new double[3]));
        }
    }

    @Test
    void aBundleMissingALayoutOptionIsRefusedNamingTheOption() throws IOException {
        Map<String, String> options = new LinkedHashMap<>(layout().toOptions());
        options.remove(PolicyLayout.SCALER);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> new OnnxPolicyProvider().load(resource("actor.onnx"), options));
        assertTrue(e.getMessage().contains("option 'scaler' is missing"), e.getMessage());
    }

    @Test
    void inABacktestThroughPolicySignalSourceTheEquityIsTheEnvironmentsOnTheOnnxActionsBarForBar() throws IOException {
        PolicyLayout l = layout();
        BarSeries s = SyntheticBars.ar1(1_500, -0.3, 0.002, 17);
        EnvironmentConfig cfg = EnvironmentConfig.builder(Instrument.equity("SYN", "test"), TimeFrame.M1)
                .spec(l.spec()).window(l.window()).episodeLength(s.size()).build();
        assertEquals(l.maxFraction(), cfg.maxFraction());
        try (PolicyModel policy = PolicyBundle.load(bundle())) {
            TradingEnvironment env = new TradingEnvironment(EnvironmentData.of(s, l.spec(), l.scaler()), cfg);
            BacktestResult bt = Backtester.run(s, new PolicySignalSource(policy, null, "torch-actor", "1"), cfg.backtest());
            double[] obs = env.resetAt(env.firstBar());
            double[] p = new double[3];
            int traded = 0;
            while (true) {
                double size = policy.act(obs, p);
                StepResult r = env.step(Action.mostProbable(p, size));
                assertEquals(bt.equity()[r.info().bar()], r.info().equity(), 0.0, "equity at bar " + r.info().bar());
                traded += r.info().notional() > 0 ? 1 : 0;
                if (r.done()) {
                    break;
                }
                obs = r.observation();
            }
            assertTrue(traded > 10, "traded on " + traded + " bars");
        }
    }
}
