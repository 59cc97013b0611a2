/**
 * Internals of the PPO implementation, not part of the API: the multilayer perceptron, the
 * actor-critic network, the Adam optimiser, special functions and the policy's model provider.
 */
package dev.sextant.trading.engine.rl.internal;
