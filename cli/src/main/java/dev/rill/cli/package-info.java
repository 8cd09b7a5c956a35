/** The rill command line: one picocli subcommand per tutorial, progress bars, the only module that picks a logging binding. */
package dev.rill.cli;
