package com.acme.crm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A running crm-service process, started by {@link CommandProcesses}; its output goes to two files. */
public final class CommandProcess {

    /** How a JVM reports an exit on SIGTERM after its shutdown hooks ran: 128 + 15. */
    public static final int SIGTERM_EXIT = 143;

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    CommandProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** What a process printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** Everything the process wrote: the log goes to the console, stdout and stderr. */
        public String output() {
            return stdout + stderr;
        }

        /** The log lines at WARN or ERROR level. */
        public List<String> warningsAndErrors() {
            return output().lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
        }
    }

    public Result awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("Still running after " + timeout + "; killed. Output so far:\n" + output());
        }
        return new Result(process.exitValue(), read(stdout), read(stderr));
    }

    public Result awaitExit() throws InterruptedException {
        return awaitExit(CommandProcesses.TIMEOUT);
    }

    /** Waits until the output holds the text; fails if the process exits or the timeout passes first. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "Exited with " + process.exitValue() + " before printing '" + text + "'. Output:\n" + output());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No '" + text + "' after " + timeout + ". Output so far:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Asks the process to stop, as docker stop or Kubernetes do: SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    public long pid() {
        return process.pid();
    }

    /** Ends the process as the kernel's OOM killer or a node failure would: SIGKILL, no shutdown hooks. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process and waits until it is gone, so that no JVM outlives its test with connections open. */
    void destroy() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Everything printed so far. */
    public String output() {
        return read(stdout) + read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
