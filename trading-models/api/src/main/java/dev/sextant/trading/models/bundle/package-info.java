/**
 * Model bundles: a directory or zip with a manifest, the model files, optional drift references
 * and a SHA-256 checksum file, written atomically, verified on load and read with bounded sizes.
 */
package dev.sextant.trading.models.bundle;
