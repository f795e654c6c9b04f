package com.acme.crm.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed command line: the command and its options.
 *
 * @param baselineVersion
 *            the version given to {@code baseline --version}, else null
 */
record Invocation(Command command, boolean help, boolean json, String baselineVersion) {

    /** Thrown for a command line that cannot be understood; the process exits with {@link ExitCode#USAGE}. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static Invocation parse(String... args) throws UsageException {
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        if (rest.isEmpty()) {
            return new Invocation(Command.SERVE, false, false, null);
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

                Exit codes: 0 success, 1 migration failed, 2 usage error, 3 database unreachable before the
                deadline, 4 validation failed, 5 schema not ready before the deadline, 6 could not start
                (invalid configuration, such as no datasource URL).
                Configuration: QUARKUS_DATASOURCE_* and QUARKUS_FLYWAY_* environment variables (see README).
                """.formatted(java.util.Arrays.stream(Command.values())
                .map(c -> "  %-10s %s".formatted(c.word, c.summary)).collect(Collectors.joining("\n")));
    }
}
