/** Writing tutorial results as pictures. */
package dev.rill.models.viz;
