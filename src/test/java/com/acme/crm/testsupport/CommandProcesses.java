package com.acme.crm.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the packaged application, a jar or a native executable, as child processes, the way an operator or a
 * Kubernetes Job does, and kills what is still running when a test ends. Output goes to
 * {@code target/cli-it/<test class>/<test>/}.
 */
public final class CommandProcesses implements BeforeEachCallback, AfterEachCallback {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Path TARGET = Path.of("target");
    private static final Path API_JAR = TARGET.resolve("quarkus-app/quarkus-run.jar");
    /** The build of the migrate image: the schema commands without the API (see the pom). */
    private static final Path MIGRATE_ONLY_JAR = TARGET.resolve("migrate-only/quarkus-app/quarkus-run.jar");
    /** The same application that also reads migrations from {@link #FIXTURE_MIGRATIONS} (see the pom). */
    private static final Path FIXTURE_JAR = TARGET.resolve("fixture-app/quarkus-run.jar");
    private static final Path FIXTURE_MIGRATIONS = TARGET.resolve("fixture-migrations");
    /** Start-up of short-lived JVMs on small machines: the JIT's top tier and a parallel GC only cost time. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /**
     * Class-data sharing archives of the jars, the test run's stand-in for the AOT cache of the images: each jar's
     * first start in this run writes one, and the later starts load their classes from it, in about half the time. A
     * jar without one (the archive could not be written) starts the usual way.
     */
    private static final Map<Path, Optional<Path>> CLASS_ARCHIVES = new ConcurrentHashMap<>();
    /**
     * With -Dcrm.test.native-dir=DIR the processes are the native executables DIR/crm-service and
     * DIR/crm-service-fixture (docs/native.md), else the jars.
     */
    private static final String NATIVE_DIR = System.getProperty("crm.test.native-dir", "");

    private final List<CommandProcess> started = new ArrayList<>();
    private Path logDirectory;

    /**
     * The application as the images ship it: {@code serve} from the API build, the schema commands from the
     * migrate-only build of the migrate image.
     */
    public Launcher app(Map<String, String> env) {
        return NATIVE_DIR.isEmpty() ? new Launcher(API_JAR, MIGRATE_ONLY_JAR, env) : nativeLauncher("crm-service", env);
    }

    /** The API build for every command, as the API image runs {@code wait} in its init container. */
    public Launcher apiBuild(Map<String, String> env) {
        return NATIVE_DIR.isEmpty() ? new Launcher(API_JAR, API_JAR, env) : nativeLauncher("crm-service", env);
    }

    /** The migrate-only build for every command; a jar only, since the native executable is one build for both. */
    public Launcher migrateOnlyBuild(Map<String, String> env) {
        Assumptions.assumeTrue(NATIVE_DIR.isEmpty(), "the native executable is one build for both images");
        return new Launcher(MIGRATE_ONLY_JAR, MIGRATE_ONLY_JAR, env);
    }

    /** The API build with the test-only migrations written by {@link #writeFixtureMigration}. */
    public Launcher fixtureApp(Map<String, String> env) {
        return NATIVE_DIR.isEmpty() ? new Launcher(FIXTURE_JAR, FIXTURE_JAR, env)
                : nativeLauncher("crm-service-fixture", env);
    }

    private Launcher nativeLauncher(String executable, Map<String, String> env) {
        Path path = Path.of(NATIVE_DIR, executable);
        return new Launcher(path, path, env);
    }

    /** Adds or replaces a migration that only the fixture application sees; removed when the test ends. */
    public void writeFixtureMigration(String fileName, String sql) throws IOException {
        Files.writeString(FIXTURE_MIGRATIONS.resolve(fileName), sql);
    }

    /** How one process is started: which build, which environment. */
    public final class Launcher {

        private final Path serveArtifact;
        private final Path commandArtifact;
        private final Map<String, String> env;

        private Launcher(Path serveArtifact, Path commandArtifact, Map<String, String> env) {
            this.serveArtifact = serveArtifact;
            this.commandArtifact = commandArtifact;
            this.env = new HashMap<>(env);
            TestTokens.verificationConfig().forEach((property, value) -> this.env
                    .putIfAbsent(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT), value));
        }

        public Launcher env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Launcher without(String name) {
            env.remove(name);
            return this;
        }

        public CommandProcess start(String... args) throws IOException {
            Path artifact = args.length == 0 || args[0].equals("serve") ? serveArtifact : commandArtifact;
            List<String> command = new ArrayList<>();
            if (artifact.toString().endsWith(".jar")) {
                command.addAll(java());
                CLASS_ARCHIVES.computeIfAbsent(artifact, CommandProcesses::writeClassArchive)
                        .ifPresent(archive -> command.add("-XX:SharedArchiveFile=" + archive));
                command.add("-jar");
            }
            command.add(artifact.toString());
            command.addAll(List.of(args));
            String name = "%02d-%s".formatted(started.size() + 1, String.join("_", args).replace('-', '_'));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(logDirectory.resolve(name + ".out").toFile())
                    .redirectError(logDirectory.resolve(name + ".err").toFile());
            withoutInheritedConfig(builder).environment().putAll(env);
            CommandProcess process = new CommandProcess(builder.start(), logDirectory.resolve(name + ".out"),
                    logDirectory.resolve(name + ".err"));
            started.add(process);
            return process;
        }

        /** Starts the command and waits for it to exit. */
        public CommandProcess.Result run(String... args) throws IOException, InterruptedException {
            return start(args).awaitExit();
        }

        /** Starts {@code serve} on ports the system picks, and waits until it listens. */
        public ServedApi serve() throws IOException, InterruptedException {
            env.put("QUARKUS_HTTP_PORT", "0");
            env.put("QUARKUS_MANAGEMENT_PORT", "0");
            return ServedApi.await(start("serve"));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        logDirectory = TARGET.resolve("cli-it").resolve(context.getRequiredTestClass().getSimpleName())
                .resolve(context.getRequiredTestMethod().getName());
        deleteContents(logDirectory);
        Files.createDirectories(logDirectory);
        deleteContents(FIXTURE_MIGRATIONS);
        Files.createDirectories(FIXTURE_MIGRATIONS);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException, InterruptedException {
        for (CommandProcess process : started) {
            process.destroy();
        }
        deleteContents(FIXTURE_MIGRATIONS);
    }

    /**
     * Records the classes of a start of {@code jar}: a {@code migrate} that finds no database. The archive holds the
     * jar's path as given, so the starts that use it give the same one.
     */
    private static Optional<Path> writeClassArchive(Path jar) {
        Path archive = TARGET.resolve("cli-it")
                .resolve(TARGET.relativize(jar.getParent()).toString().replace('/', '-') + ".jsa");
        List<String> command = java();
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-jar", jar.toString(), "migrate"));
        ProcessBuilder builder = withoutInheritedConfig(new ProcessBuilder(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/none");
        builder.environment().put("CRM_MIGRATION_CONNECT_DEADLINE", "0s");
        try {
            Files.createDirectories(archive.getParent());
            Files.deleteIfExists(archive);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                Files.deleteIfExists(archive);
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }

    /** This JVM's java command with {@link #JVM_OPTIONS}, to add to. */
    private static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        return command;
    }

    /** Only what a test passes configures a process, not the environment the build runs in. */
    private static ProcessBuilder withoutInheritedConfig(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("CRM_"));
        return builder;
    }

    private static void deleteContents(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(directory)).toList()) {
                Files.delete(path);
            }
        }
    }
}
