package org.stagedoor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.stagedoor.StagedoorApplication;
import org.stagedoor.booking.store.StoreRefusals;
import org.stagedoor.demo.database.EmbeddedDatabaseInUse;

/**
 * Commands run from the application jar, for scripts: {@code java -jar stagedoor.jar <command>
 * --option value …}. Each starts the application without its web server, runs, and exits with a
 * code a script can rely on.
 */
public final class CommandLine {

    /** The command finished. */
    public static final int OK = 0;

    /** The command ran and failed (the message says why). */
    public static final int FAILED = 1;

    /** The command line itself is wrong: unknown command or option, a missing or malformed value. */
    public static final int USAGE = 2;

    /** The command's input was refused as a whole, each refusal said in words (an import's rows). */
    public static final int REFUSED = 2;

    private static final Set<String> COMMANDS = Set.of(CreateAdminCommand.NAME, GenerateDataCommand.NAME,
            ImportCommand.NAME, RunReportCommand.NAME, SubjectAccessCommand.NAME);

    private CommandLine() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    public static int run(String[] args) {
        return run(args, System.in, System.out, System.err);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        String command = args[0];
        if (!COMMANDS.contains(command)) {
            err.println("Unknown command '" + command + "'. Commands: "
                    + String.join(", ", COMMANDS.stream().sorted().toList()));
            return USAGE;
        }
        Options options;
        try {
            options = Options.parse(List.of(args).subList(1, args.length));
        }
        catch (UsageException ex) {
            err.println(ex.getMessage());
            return USAGE;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StagedoorApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // A command runs one thing and exits: it takes no part in the schedule cluster and sends no mail.
                .properties("stagedoor.demo.enabled=false", "stagedoor.scheduler.auto-startup=false",
                        "stagedoor.delivery.sender-enabled=false", "stagedoor.dev-mailbox.port=0")
                .run(options.applicationArguments().toArray(String[]::new))) {
            return switch (command) {
                case CreateAdminCommand.NAME -> context.getBean(CreateAdminCommand.class).run(options, in, out, err);
                case GenerateDataCommand.NAME -> context.getBean(GenerateDataCommand.class).run(options, out, err);
                case ImportCommand.NAME -> context.getBean(ImportCommand.class).run(options, out, err);
                case RunReportCommand.NAME -> context.getBean(RunReportCommand.class).run(options, out, err);
                case SubjectAccessCommand.NAME -> context.getBean(SubjectAccessCommand.class).run(options, out, err);
                default -> throw new IllegalStateException("Unhandled command " + command);
            };
        }
        catch (UsageException ex) {
            err.println(ex.getMessage());
            return USAGE;
        }
        catch (RuntimeException | IOException ex) {
            err.println(command + " failed: " + EmbeddedDatabaseInUse.sentence(ex)
                    .or(() -> StoreRefusals.sentence(ex)).orElse(ex.getMessage()));
            return FAILED;
        }
    }

    /**
     * {@code --name value} or {@code --name=value} options of a command, and flags without a value such as
     * {@code --password-stdin} or {@code --verbose}; settings (a name with a dot: {@code --server.port},
     * {@code --spring.datasource.url}, {@code --stagedoor.…}) go to the application instead.
     */
    record Options(Map<String, String> values, List<String> springArguments, boolean verbose) {

        static final String VERBOSE = "verbose";

        private static final Set<String> FLAGS = Set.of(CreateAdminCommand.PASSWORD_STDIN);

        static Options parse(List<String> arguments) {
            Map<String, String> values = new LinkedHashMap<>();
            List<String> spring = new ArrayList<>();
            boolean verbose = false;
            for (int i = 0; i < arguments.size(); i++) {
                String argument = arguments.get(i);
                if (!argument.startsWith("--") || argument.length() == 2) {
                    throw new UsageException("Expected an option such as --name value, found '" + argument + "'");
                }
                String name = argument.substring(2);
                if (name.equals(VERBOSE)) {
                    verbose = true;
                    continue;
                }
                if (name.split("=", 2)[0].contains(".")) {
                    // An application setting (server.port, spring.datasource.url, stagedoor.reports.directory…):
                    // report parameters and options have no dots.
                    boolean valueFollows = !name.contains("=") && i + 1 < arguments.size()
                            && !arguments.get(i + 1).startsWith("--");
                    spring.add(valueFollows ? argument + "=" + arguments.get(++i) : argument);
                    continue;
                }
                String value;
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                }
                else if (FLAGS.contains(name)) {
                    value = "true";
                }
                else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
                    value = arguments.get(++i);
                }
                else {
                    throw new UsageException("Option --" + name + " needs a value");
                }
                if (values.put(name, value) != null) {
                    throw new UsageException("Option --" + name + " is given twice");
                }
            }
            return new Options(Map.copyOf(values), List.copyOf(spring), verbose);
        }

        /**
         * The settings for the application; its own log stays at warnings unless {@code --verbose}, so that a
         * command prints what matters: its progress and its result.
         */
        List<String> applicationArguments() {
            if (verbose || springArguments.stream().anyMatch(setting -> setting.startsWith("--logging.level.root"))) {
                return springArguments;
            }
            List<String> quiet = new ArrayList<>(springArguments);
            quiet.add("--logging.level.root=WARN");
            return quiet;
        }

        /** Refuses options the command does not know, so that a typo is not silently ignored. */
        void allowOnly(Set<String> known) {
            for (String name : values.keySet()) {
                if (!known.contains(name)) {
                    throw new UsageException("Unknown option --" + name + ". Options: "
                            + String.join(", ", known.stream().sorted().map(option -> "--" + option).toList()));
                }
            }
        }

        boolean flag(String name) {
            return values.containsKey(name);
        }

        String required(String name) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                throw new UsageException("Option --" + name + " is required");
            }
            return value;
        }

        long positiveLong(String name, long fallback) {
            String value = values.get(name);
            if (value == null) {
                return fallback;
            }
            try {
                long number = Long.parseLong(value.replace("_", ""));
                if (number < 0) {
                    throw new NumberFormatException();
                }
                return number;
            }
            catch (NumberFormatException ex) {
                throw new UsageException("--" + name + " must be a whole number of 0 or more, not '" + value + "'");
            }
        }
    }

    static final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
