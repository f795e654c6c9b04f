package com.acme.crm.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkus.logging.Log;

/**
 * The INVALID indexes that a CREATE INDEX CONCURRENTLY leaves behind when it fails or is killed half-way. They cost
 * every write and serve no read, and a rerun of the migration ({@code create index concurrently if not exists}) would
 * keep them: they are dropped before each non-transactional migration. A valid index is never touched.
 */
public final class InvalidIndexes {

    /** Invalid indexes of the current schema whose build is not running right now (in any session we can see). */
    private static final String LEFT_BEHIND = """
            select format('%I.%I', n.nspname, c.relname)
            from pg_index i
            join pg_class c on c.oid = i.indexrelid
            join pg_namespace n on n.oid = c.relnamespace
            where not i.indisvalid and n.nspname = current_schema()
              and not exists (select 1 from pg_stat_progress_create_index p where p.index_relid = i.indexrelid)
            order by 1""";

    /** A unique index's table, its key expressions, its predicate, and the table's primary key columns. */
    private static final String UNIQUE_INDEX = """
            select i.indrelid::regclass::text,
                   (select string_agg(pg_get_indexdef(i.indexrelid, k, true), ', ')
                      from generate_series(1, i.indnkeyatts) k),
                   pg_get_expr(i.indpred, i.indrelid, true),
                   (select string_agg(quote_ident(a.attname), ' || '','' || ' order by a.attnum)
                      from pg_index p join pg_attribute a on a.attrelid = p.indrelid and a.attnum = any(p.indkey)
                      where p.indrelid = i.indrelid and p.indisprimary)
            from pg_index i join pg_class c on c.oid = i.indexrelid
            where c.relname = ? and i.indisunique and c.relnamespace = current_schema()::regnamespace""";

    private InvalidIndexes() {
    }

    /** Drops what an earlier, failed attempt left behind; the connection must be outside a transaction. */
    static void dropLeftBehind(Connection connection) throws SQLException {
        List<String> invalid = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(LEFT_BEHIND)) {
            while (rs.next()) {
                invalid.add(rs.getString(1));
            }
        }
        for (String index : invalid) {
            Log.warnf("Dropping the INVALID index %s, left behind by an earlier attempt that failed half-way", index);
            try (Statement s = connection.createStatement()) {
                s.execute("drop index concurrently if exists " + index);
            }
        }
    }

    /**
     * Which rows keep a unique index from being built: their primary keys, grouped by the value they share (the values
     * themselves are personal data and stay out of the log).
     *
     * @return a description such as "id 4 and 17; id 8, 9 and 12", or nothing if the index is unknown
     */
    public static Optional<String> collisions(Connection connection, String uniqueIndex) throws SQLException {
        String table;
        String keys;
        String predicate;
        String primaryKey;
        try (PreparedStatement s = connection.prepareStatement(UNIQUE_INDEX)) {
            s.setString(1, uniqueIndex);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getString(4) == null) {
                    return Optional.empty();
                }
                table = rs.getString(1);
                keys = rs.getString(2);
                predicate = rs.getString(3);
                primaryKey = rs.getString(4);
            }
        }
        List<String> groups = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select string_agg((" + primaryKey + ")::text, ', ' order by "
                        + primaryKey + ") from " + table + (predicate == null ? "" : " where " + predicate)
                        + " group by " + keys + " having count(*) > 1 order by min(" + primaryKey + ") limit 20")) {
            while (rs.next()) {
                groups.add(rs.getString(1));
            }
        }
        return groups.isEmpty() ? Optional.empty()
                : Optional.of("%s rows with equal (%s), by primary key: %s%s".formatted(table, keys,
                        String.join("; ", groups), groups.size() == 20 ? "; and maybe more" : ""));
    }
}
