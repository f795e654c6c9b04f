package com.acme.crm.migrationlint;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One SQL script of the migration set and whether Flyway runs it inside a transaction. */
record Migration(String name, String sql, boolean transactional) {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*");

    /** Versioned migrations by version, then the other scripts (repeatable migrations, callbacks) by name. */
    static final Comparator<Migration> FLYWAY_ORDER = Comparator
            .comparing((Migration migration) -> migration.version() == null)
            .thenComparing(Migration::version, Comparator.nullsLast(Migration::compareVersions))
            .thenComparing(Migration::name);

    /** Reads every {@code .sql} file of a migration directory and the {@code .sql.conf} beside it. */
    static List<Migration> readAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".sql")).map(Migration::read)
                    .sorted(FLYWAY_ORDER).toList();
        }
    }

    private static Migration read(Path file) {
        try {
            Path conf = file.resolveSibling(file.getFileName() + ".conf");
            Properties settings = new Properties();
            if (Files.exists(conf)) {
                try (Reader reader = Files.newBufferedReader(conf)) {
                    settings.load(reader);
                }
            }
            boolean transactional = !"false"
                    .equalsIgnoreCase(settings.getProperty("executeInTransaction", "true").strip());
            return new Migration(file.getFileName().toString(), Files.readString(file), transactional);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + file, e);
        }
    }

    private BigInteger[] version() {
        Matcher matcher = VERSIONED.matcher(name);
        return matcher.matches()
                ? Arrays.stream(matcher.group(1).split("[._]")).map(BigInteger::new).toArray(BigInteger[]::new)
                : null;
    }

    private static int compareVersions(BigInteger[] left, BigInteger[] right) {
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int compared = left[i].compareTo(right[i]);
            if (compared != 0) {
                return compared;
            }
        }
        return Integer.compare(left.length, right.length);
    }
}
