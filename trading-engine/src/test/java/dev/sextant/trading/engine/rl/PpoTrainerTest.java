package dev.sextant.trading.engine.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureScaler;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PpoTrainerTest {
    static final Instrument SYN = Instrument.equity("SYN", "test");
    static final EnvironmentConfig ENV = EnvironmentConfig.builder(SYN, TimeFrame.M1).episodeLength(256).build();

    /** What a policy did out of sample, and how it compares with its own actions shifted in time. */
    record OutOfSample(double logReturn, double turnover, double meanShiftedLogReturn, double meanShiftedTurnover,
            double pValue, int trades) {
    }

    /**
     * Runs {@code policy} deterministically over {@code steps} bars of {@code data}, then replays its
     * action sequence circularly shifted by random offsets (a random policy with the same actions,
     * the same holding periods and so the same turnover, but no alignment with the market) in as
     * many episodes of the vectorised environment. The p-value is the permutation test's
     * {@code (1 + #shifted >= policy) / (1 + shifts)}.
     */
    static OutOfSample evaluate(PpoPolicy policy, EnvironmentData data, int steps, int shifts, long seed) {
        EnvironmentConfig cfg = ENV.toBuilder().episodeLength(steps).build();
        int start = data.firstObservable(1);
        VectorTradingEnvironment one = new VectorTradingEnvironment(data, cfg, 1);
        double[] obs = one.resetAt(start, 0);
        int[] d = new int[steps];
        double[] s = new double[steps];
        double turnover = 0;
        int trades = 0;
        int[] dd = new int[1];
        double[] ss = new double[1];
        double before = one.equity(0);
        double last = before;
        for (int t = 0; t < steps; t++) {
            Action a = policy.act(obs);
            d[t] = a.direction().ordinal();
            s[t] = a.size();
            dd[0] = d[t];
            ss[0] = s[t];
            double positionBefore = one.position(0);
            one.step(dd, ss);
            if (one.truncated()[0]) {
                break;
            }
            last = one.equity(0);
            turnover += Math.abs(one.position(0) - positionBefore);
            trades += one.position(0) != positionBefore ? 1 : 0;
            obs = one.observations();
        }
        double policyReturn = Math.log(last / before);
        VectorTradingEnvironment many = new VectorTradingEnvironment(data, cfg, shifts);
        many.resetAt(start, 0);
        SplittableRandom r = new SplittableRandom(seed);
        int[] offsets = new int[shifts];
        for (int k = 0; k < shifts; k++) {
            offsets[k] = 1 + r.nextInt(steps - 1);
        }
        int[] md = new int[shifts];
        double[] ms = new double[shifts];
        double[] lastEquity = new double[shifts];
        double[] shiftedTurnover = new double[shifts];
        for (int t = 0; t < steps - 1; t++) {
            for (int k = 0; k < shifts; k++) {
                int u = (t + offsets[k]) % steps;
                md[k] = d[u];
                ms[k] = s[u];
            }
            double[] positions = new double[shifts];
            for (int k = 0; k < shifts; k++) {
                positions[k] = many.position(k);
            }
            many.step(md, ms);
            for (int k = 0; k < shifts; k++) {
                lastEquity[k] = many.equity(k);
                shiftedTurnover[k] += Math.abs(many.position(k) - positions[k]);
            }
        }
        int atLeast = 0;
        double sum = 0;
        double sumTurnover = 0;
        for (int k = 0; k < shifts; k++) {
            double lr = Math.log(lastEquity[k] / before);
            sum += lr;
            sumTurnover += shiftedTurnover[k];
            if (lr >= policyReturn) {
                atLeast++;
            }
        }
        return new OutOfSample(policyReturn, turnover, sum / shifts, sumTurnover / shifts,
                (1.0 + atLeast) / (1.0 + shifts), trades);
    }

    static PpoConfig small(long seed) {
        return PpoConfig.builder().totalSteps(40_960).environments(8).rolloutSteps(256).epochs(4).minibatchSize(256)
                .gamma(0.9).learningRate(1e-3).seed(seed).build();
    }

    static PpoPolicy train(BarSeries training, PpoConfig cfg) {
        FeatureScaler scaler = EnvironmentData.fitScaler(training, ENV.spec());
        return PpoTrainer.train("test", EnvironmentData.of(training, ENV.spec(), scaler), ENV, cfg);
    }

    @Test
    void learnsToExploitMeanReversionOutOfSample() {
        PpoPolicy policy = train(SyntheticBars.ar1(6_000, -0.5, 0.002, 1), small(7));
        BarSeries test = SyntheticBars.ar1(2_500, -0.5, 0.002, 2);
        EnvironmentData data = EnvironmentData.of(test, ENV.spec(), policy.scaler());
        OutOfSample oos = evaluate(policy, data, 2_400, 99, 5);
        System.out.println("AR(1) out of sample: " + oos);
        assertTrue(oos.trades() > 100, "the policy trades: " + oos);
        assertEquals(oos.turnover(), oos.meanShiftedTurnover(), 0.15 * oos.turnover(), "the same turnover: " + oos);
        assertTrue(oos.pValue() <= 0.02, "better than its own actions shifted in time: " + oos);
        assertTrue(oos.logReturn() > 0, "and makes money after costs: " + oos);
    }

    @Test
    void showsNoSkillOnARandomWalk() {
        PpoPolicy policy = train(SyntheticBars.randomWalk(6_000, 0.002, 1), small(7));
        BarSeries test = SyntheticBars.randomWalk(2_500, 0.002, 2);
        EnvironmentData data = EnvironmentData.of(test, ENV.spec(), policy.scaler());
        OutOfSample oos = evaluate(policy, data, 2_400, 99, 5);
        System.out.println("random walk out of sample: " + oos);
        assertTrue(oos.pValue() > 0.02, "no better than its own actions shifted in time: " + oos);
    }

    @Test
    void sameSeedGivesTheSamePolicyBitForBit() {
        BarSeries s = SyntheticBars.ar1(1_500, -0.3, 0.002, 3);
        PpoConfig cfg = PpoConfig.builder().totalSteps(2_048).environments(4).rolloutSteps(128).minibatchSize(128)
                .seed(11).build();
        PpoPolicy a = train(s, cfg);
        PpoPolicy b = train(s, cfg);
        assertArrayEquals(a.actorParameters(), b.actorParameters());
        PpoPolicy c = train(s, PpoConfig.builder().totalSteps(2_048).environments(4).rolloutSteps(128)
                .minibatchSize(128).seed(12).build());
        assertTrue(a.actorParameters()[0] != c.actorParameters()[0], "another seed, another policy");
        double[] obs = new double[a.observationSize()];
        Action act = a.act(obs);
        assertEquals(act, b.act(obs));
        assertTrue(act.direction() == Direction.HOLD || act.size() > 0);
    }
}
