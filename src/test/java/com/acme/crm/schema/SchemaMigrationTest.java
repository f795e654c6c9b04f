package com.acme.crm.schema;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.acme.crm.testsupport.Await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The schema as Flyway built it from an empty database when the tests started (Hibernate validated the entity mapping
 * against it at the same time: a disagreement fails every test).
 */
@QuarkusTest
class SchemaMigrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void every_shipped_migration_was_applied_once_and_successfully() throws SQLException {
        assertThat(rows(
                "select version || ':' || success from flyway_schema_history where version is not null order by installed_rank"))
                .containsExactly("1:true", "2:true", "3:true", "4:true");
    }

    @Test
    void the_concurrently_built_unique_email_index_is_valid() throws SQLException {
        assertThat(rows("""
                select i.indisvalid || ':' || i.indisunique || ':' || pg_get_indexdef(i.indexrelid)
                from pg_index i join pg_class c on c.oid = i.indexrelid
                where c.relname = 'contact_email_lower_key'""")).containsExactly(
                "true:true:CREATE UNIQUE INDEX contact_email_lower_key ON public.contact USING btree (lower((email)::text))");
    }

    @Test
    void the_search_and_sort_indexes_are_valid_and_on_the_expressions_the_listing_uses() throws SQLException {
        assertThat(rows("""
                select i.indisvalid || ':' || pg_get_indexdef(i.indexrelid)
                from pg_index i join pg_class c on c.oid = i.indexrelid
                where c.relname like 'contact\\_%\\_trgm\\_idx' or c.relname like 'contact\\_%\\_id\\_idx'
                order by c.relname collate "C"
                """)).containsExactly(
                "true:CREATE INDEX contact_company_trgm_idx ON public.contact USING gin (lower((company)::text) gin_trgm_ops)",
                "true:CREATE INDEX contact_created_at_id_idx ON public.contact USING btree (created_at, id)",
                "true:CREATE INDEX contact_email_trgm_idx ON public.contact USING gin (lower((email)::text) gin_trgm_ops)",
                "true:CREATE INDEX contact_first_name_trgm_idx ON public.contact USING gin (lower((first_name)::text) gin_trgm_ops)",
                "true:CREATE INDEX contact_last_name_id_idx ON public.contact USING btree (last_name, id)",
                "true:CREATE INDEX contact_last_name_trgm_idx ON public.contact USING gin (lower((last_name)::text) gin_trgm_ops)");
    }

    @Test
    void the_api_connects_as_the_application_role_which_owns_nothing() throws SQLException {
        assertThat(
                rows("select current_user || ':' || (select count(*) from pg_tables where tableowner = current_user)"))
                .containsExactly("crm_app:0");
    }

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @Test
    void readiness_reports_the_schema_version_this_build_expects() throws Exception {
        // Readiness reports the schema as the background check last read it: its first reading follows the start.
        Await.until("the schema checked", Duration.ofSeconds(30),
                () -> given().when().get(readiness).statusCode() == 200);
        given().when().get(readiness).then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database schema"))
                .body("checks.find { it.name == 'Database schema' }.data.currentVersion", equalTo("4"))
                .body("checks.find { it.name == 'Database schema' }.data.expectedVersion", equalTo("4"));
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }
}
