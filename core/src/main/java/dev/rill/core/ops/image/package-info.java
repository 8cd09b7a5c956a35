/** Image op definitions (ResizeBilinear and its gradient). */
package dev.rill.core.ops.image;
