package com.acme.crm.cli;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed command line: the command and its options. {@link CrmMain} parses it once, before Quarkus starts.
 *
 * @param baselineVersion
 *        the version given to {@code baseline --version}, else null
 */
record Invocation(Command command, boolean help, boolean json, String baselineVersion) {

    /** What runs when there are no arguments, and in dev mode and tests, which do not go through the main method. */
    static final Invocation SERVE = new Invocation(Command.SERVE, false, false, null);

    /** Thrown for a command line that cannot be understood; the process exits with {@link ExitCode#USAGE}. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static Invocation parse(String... args) throws UsageException {
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        if (rest.isEmpty()) {
            return SERVE;
        }
        String first = rest.pop();
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            return new Invocation(Command.SERVE, true, false, null);
        }
        Command command = Command.of(first).orElseThrow(() -> new UsageException("Unknown command '" + first + "'"));
        boolean json = false;
        String version = null;
        while (!rest.isEmpty()) {
            String option = rest.pop();
            if (option.equals("--help") || option.equals("-h")) {
                return new Invocation(command, true, false, null);
            } else if (option.equals("--json") && command == Command.INFO) {
                json = true;
            } else if (option.equals("--version") && command == Command.BASELINE && !rest.isEmpty()) {
                version = rest.pop();
                if (!version.matches("\\d+(\\.\\d+)*")) {
                    throw new UsageException("--version takes a version such as 3 or 1.2, not '" + version + "'");
                }
            } else {
                throw new UsageException("Unknown option '" + option + "' for " + command.word);
            }
        }
        if (command == Command.BASELINE && version == null) {
            throw new UsageException("baseline needs --version N");
        }
        return new Invocation(command, false, json, version);
    }

    static String usage() {
        return """
                Usage: crm-service [COMMAND] [OPTIONS]

                Commands:
                %s

                Exit codes:
                %s

                Configuration: QUARKUS_DATASOURCE_*, QUARKUS_FLYWAY_* and CRM_* environment variables
                (docs/operations.md).
                """.formatted(Arrays.stream(Command.values()).map(c -> "  %-10s %s".formatted(c.word, c.summary))
                .collect(Collectors.joining("\n")), ExitCode.usageLines());
    }
}
