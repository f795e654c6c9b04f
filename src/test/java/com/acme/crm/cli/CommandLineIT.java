package com.acme.crm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;

/** The command line is read before Quarkus starts: help and usage errors need no configuration at all. */
class CommandLineIT {

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    @Test
    void help_lists_every_command_and_exit_code() throws Exception {
        CommandProcess.Result result = processes.app(Map.of()).run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Usage: crm-service [COMMAND] [OPTIONS]", "serve", "migrate", "info",
                "validate", "repair", "baseline", "plan", "wait", "Exit codes:", "0  success",
                "7  the database refused", "8  an unexpected error");
    }

    @Test
    void an_unknown_command_exits_2_with_the_usage_on_stderr() throws Exception {
        CommandProcess.Result result = processes.app(Map.of()).run("migrat");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("Unknown command 'migrat'", "Usage: crm-service");
    }

    @Test
    void an_unknown_option_exits_2_with_the_usage_on_stderr() throws Exception {
        CommandProcess.Result result = processes.app(Map.of()).run("migrate", "--force");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Unknown option '--force' for migrate", "Usage: crm-service");
    }
}
