/** Reverse-mode automatic differentiation: GradientTape records executed ops and runs their gradient rules backwards. */
package dev.rill.core.autodiff;
