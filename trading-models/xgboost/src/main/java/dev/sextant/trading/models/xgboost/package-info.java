/**
 * XGBoost models: loading XGBoost JSON or UBJ files (from Python or Java) to predict with a
 * pure-Java tree engine or XGBoost4J, training with XGBoost4J, and saving atomically in either
 * format.
 */
package dev.sextant.trading.models.xgboost;
