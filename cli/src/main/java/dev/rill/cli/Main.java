package dev.rill.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rill} command: one subcommand per tutorial. */
@Command(name = "rill", mixinStandardHelpOptions = true, version = "rill 0.1.0",
    description = "Rill: TensorFlow's tutorials, natively on the JVM.",
    subcommands = {MnistCommand.class, MandelbrotCommand.class, PdeCommand.class,
        KernelMnistCommand.class, CensusCommand.class, DataCommand.class, TfRecordCommand.class,
        EventsCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Launcher commands:", "  test       Run the whole test suite (./rill test)."})
public final class Main implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
