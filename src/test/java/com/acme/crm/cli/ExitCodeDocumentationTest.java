package com.acme.crm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The exit codes have one source, the enum: the operations guide shows its table, word for word. */
class ExitCodeDocumentationTest {

    @Test
    void the_operations_guide_lists_every_exit_code_as_the_enum_defines_it() throws IOException {
        String guide = Files.readString(Path.of("docs/operations.md"));

        assertThat(guide).as("docs/operations.md must contain ExitCode.markdownTable() exactly")
                .contains(ExitCode.markdownTable());
    }
}
