package dev.sextant.trading.broker.tck;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables a faulty-connector kit run only when {@link BrokerConformanceKitTest} launches it (it
 * sets {@link #PARAMETER}). Surefire selecting a {@code *KitRun} class by a pattern such as
 * {@code -Dtest='*Kit*'} then skips its tests instead of reporting the planted faults as failures.
 */
final class KitRunCondition implements ExecutionCondition {
    /** The configuration parameter that {@link BrokerConformanceKitTest} sets to {@code true}. */
    static final String PARAMETER = "sextant.tck.kit-run";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER, Boolean::parseBoolean).orElse(false)
                ? ConditionEvaluationResult.enabled("launched by BrokerConformanceKitTest")
                : ConditionEvaluationResult.disabled("a faulty connector's kit run, launched only by BrokerConformanceKitTest");
    }
}
