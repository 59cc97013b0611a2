/**
 * The model registry: model versions and their stages (candidate, challenger, champion, retired),
 * lineage, shadow promotion by a statistical test, rollback, scheduled retraining and an audited
 * history of every stage change.
 */
package dev.sextant.trading.live.registry;
