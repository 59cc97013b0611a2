/**
 * Trading policies as model types: what a policy observes ({@link dev.sextant.trading.models.policy.PolicyLayout},
 * {@link dev.sextant.trading.models.policy.PolicyObservation}) and the actor contract
 * ({@link dev.sextant.trading.models.policy.PolicyModel}) that Java-trained and ONNX-exported
 * policies share.
 */
package dev.sextant.trading.models.policy;
