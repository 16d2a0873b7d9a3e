package jload.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jload}: the command line. Bad flags exit with 104, as bad options do in k6. */
@Command(name = "jload",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Load testing for realtime systems: k6-style scenarios in JavaScript, run as virtual users on virtual threads.",
        subcommands = {RunCommand.class, InspectCommand.class, DiffCommand.class, SuiteCommand.class, ReportCommand.class, CompareCommand.class, jload.engine.sandbox.SandboxCommand.class,
                VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        boolean groovy = java.util.Arrays.stream(args).anyMatch(a -> a.toLowerCase(java.util.Locale.ROOT).endsWith(".groovy"));
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("inspect")) && !groovy) {
            // Overlap GraalJS's start-up with the JVM's own and with parsing the command line
            // (a Groovy scenario never needs it: ~1 s of CPU and ~25 MB saved).
            jload.engine.script.js.EngineWarmup.start();
        }
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this in-process). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // Every subcommand answers -h/--help with its own help and exit 0 (the parameter errors point there).
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (!sub.getCommandSpec().optionsMap().containsKey("--help")) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
                        .usageHelp(true).description("Show this help and exit.").build());
            }
        }
        cli.setParameterExceptionHandler((ex, argv) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("jload: " + ex.getMessage());
            cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the flags.");
            return ExitCode.INVALID_CONFIG;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            // A bug in jload, not in the user's script or options: say so in one line.
            cmd.getErr().println("jload: internal error: " + ex + " (set JLOAD_DEBUG=1 for the stack trace)");
            if (System.getenv("JLOAD_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            return 1;
        });
        return cli.execute(args);
    }
}
