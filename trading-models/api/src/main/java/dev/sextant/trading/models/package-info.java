/**
 * The model API: models and trained models, their metadata and provenance, trainers and the
 * ServiceLoader SPI that finds both by type id, input limits, and the typed errors of loading and
 * prediction.
 */
package dev.sextant.trading.models;
