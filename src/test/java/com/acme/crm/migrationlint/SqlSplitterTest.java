package com.acme.crm.migrationlint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    @Test
    void statements_are_split_at_semicolons_and_start_at_their_first_token_line() {
        List<Statement> statements = SqlSplitter.split("""
                create table a (id bigint);

                alter table a
                    add column b text;
                """);

        assertThat(statements).extracting(Statement::line).containsExactly(1, 3);
        assertThat(words(statements.get(1))).startsWith("alter", "table", "a", "add", "column", "b", "text");
    }

    @Test
    void a_dollar_quoted_do_block_is_one_statement() {
        List<Statement> statements = SqlSplitter.split("""
                do $body$
                begin
                    execute 'select 1; select 2';
                    raise notice $$nested; quotes$$;
                end
                $body$;
                select 3;
                """);

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).tokens()).extracting(Token::kind).containsExactly(Token.Kind.WORD,
                Token.Kind.STRING);
        assertThat(statements.get(1).line()).isEqualTo(7);
    }

    @Test
    void semicolons_in_strings_quoted_identifiers_and_comments_do_not_split() {
        List<Statement> statements = SqlSplitter.split("""
                insert into "odd;name" values ('a;b', E'it\\'s; here', 'it''s; there'); -- trailing; comment
                /* block; /* nested; */ still comment; */
                select 1;
                """);

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).tokens()).filteredOn(token -> token.kind() == Token.Kind.QUOTED_IDENTIFIER)
                .extracting(Token::text).containsExactly("odd;name");
        assertThat(statements.get(0).tokens()).filteredOn(token -> token.kind() == Token.Kind.STRING).hasSize(3);
        assertThat(words(statements.get(1))).containsExactly("select", "1");
        assertThat(statements.get(1).leadingComments()).extracting(Token::text).containsExactly("trailing; comment",
                "block; /* nested; */ still comment;");
    }

    @Test
    void keywords_inside_strings_and_quoted_identifiers_are_not_words() {
        Statement statement = SqlSplitter.split("insert into t (\"DROP\") values ('drop table t')").get(0);

        assertThat(statement.hasWord("drop")).isFalse();
        assertThat(statement.tokens()).extracting(Token::text).contains("DROP");
    }

    @Test
    void comments_before_a_statement_are_kept_as_its_leading_comments() {
        List<Statement> statements = SqlSplitter.split("""
                -- header
                select 1;
                -- first
                /* second */
                select 2 -- inside, not leading
                ;
                """);

        assertThat(statements.get(0).leadingComments()).extracting(Token::text).containsExactly("header");
        assertThat(statements.get(1).leadingComments()).extracting(Token::text).containsExactly("first", "second");
        assertThat(statements.get(1).leadingComments()).extracting(Token::line).containsExactly(3, 4);
    }

    @Test
    void unquoted_words_fold_to_lower_case_and_quoted_identifiers_keep_theirs() {
        Statement statement = SqlSplitter.split("ALTER TABLE \"Contact\" ADD COLUMN Company text").get(0);

        assertThat(statement.tokens()).extracting(Token::text).containsExactly("alter", "table", "Contact", "add",
                "column", "company", "text");
    }

    @Test
    void a_last_statement_without_semicolon_and_empty_statements_are_handled() {
        List<Statement> statements = SqlSplitter.split(";;\nselect 1;;\nselect 2");

        assertThat(statements).extracting(Statement::line).containsExactly(2, 3);
    }

    private static List<String> words(Statement statement) {
        return statement.tokens().stream().map(Token::text).toList();
    }
}
