/**
 * TensorFlow's wide-and-deep census tutorial: a {@link dev.rill.models.census.CensusSpec} (the
 * CSV's columns and the feature columns, from a small text file; UCI Adult's built in), the
 * wide and deep {@link dev.rill.models.census.CensusColumns} it makes, the
 * {@link dev.rill.models.census.CensusInput} pipeline and the three
 * {@link dev.rill.models.census.CensusModel} estimators.
 */
package dev.rill.models.census;
