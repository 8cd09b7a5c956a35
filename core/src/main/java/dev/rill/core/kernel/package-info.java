/** Shared kernel machinery: the thread pool, broadcasting index arithmetic, matrix multiply. Plain loops over Java arrays; must not depend on ops. */
package dev.rill.core.kernel;
