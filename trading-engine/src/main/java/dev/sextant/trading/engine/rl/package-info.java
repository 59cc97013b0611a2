/**
 * Reinforcement learning for trading: a seeded trading environment (single and vectorised) over
 * bars and features, a PPO trainer and policy in pure Java, policy bundles, a signal source driven
 * by a policy, and walk-forward evaluation of policies.
 */
package dev.sextant.trading.engine.rl;
