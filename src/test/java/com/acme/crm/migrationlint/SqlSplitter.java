package com.acme.crm.migrationlint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.acme.crm.migrationlint.Token.Kind;

/**
 * Splits a PostgreSQL script into statements at the semicolons psql and Flyway split at: not inside comments (nested
 * block comments included), string literals, quoted identifiers or dollar-quoted bodies.
 */
final class SqlSplitter {

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$(?:[\\p{L}_][\\p{L}\\p{N}_]*)?\\$");

    private final String sql;
    private int position;
    private int line = 1;

    private SqlSplitter(String sql) {
        this.sql = sql;
    }

    static List<Statement> split(String sql) {
        return new SqlSplitter(sql).statements();
    }

    private List<Statement> statements() {
        List<Statement> statements = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        List<Token> comments = new ArrayList<>();
        for (Token token = next(); token != null; token = next()) {
            if (token.isSymbol(";")) {
                if (!tokens.isEmpty()) {
                    statements.add(new Statement(tokens, comments));
                }
                tokens = new ArrayList<>();
                comments = new ArrayList<>();
            } else if (token.kind() != Kind.COMMENT) {
                tokens.add(token);
            } else if (tokens.isEmpty()) {
                comments.add(token);
            }
        }
        if (!tokens.isEmpty()) {
            statements.add(new Statement(tokens, comments));
        }
        return statements;
    }

    private Token next() {
        while (position < sql.length() && Character.isWhitespace(sql.charAt(position))) {
            take(position + 1);
        }
        if (position >= sql.length()) {
            return null;
        }
        int startLine = line;
        char c = sql.charAt(position);
        if (sql.startsWith("--", position)) {
            int end = sql.indexOf('\n', position);
            return new Token(Kind.COMMENT, take(end < 0 ? sql.length() : end).substring(2).strip(), startLine);
        }
        if (sql.startsWith("/*", position)) {
            String comment = take(blockCommentEnd());
            return new Token(Kind.COMMENT, comment.substring(2, Math.max(2, comment.length() - 2)).strip(), startLine);
        }
        if (c == '\'') {
            return new Token(Kind.STRING, take(quotedEnd(position, '\'', false)), startLine);
        }
        if ((c == 'e' || c == 'E') && sql.startsWith("'", position + 1)) {
            return new Token(Kind.STRING, take(quotedEnd(position + 1, '\'', true)), startLine);
        }
        if (c == '"') {
            String quoted = take(quotedEnd(position, '"', false));
            return new Token(Kind.QUOTED_IDENTIFIER, quoted.substring(1, quoted.length() - 1).replace("\"\"", "\""),
                    startLine);
        }
        if (c == '$') {
            Matcher tag = DOLLAR_TAG.matcher(sql).region(position, sql.length());
            if (tag.lookingAt()) {
                int close = sql.indexOf(tag.group(), tag.end());
                return new Token(Kind.STRING, take(close < 0 ? sql.length() : close + tag.group().length()), startLine);
            }
        }
        if (Character.isLetter(c) || c == '_') {
            int end = position + 1;
            while (end < sql.length()
                    && (Character.isLetterOrDigit(sql.charAt(end)) || "_$".indexOf(sql.charAt(end)) >= 0)) {
                end++;
            }
            return new Token(Kind.WORD, take(end).toLowerCase(Locale.ROOT), startLine);
        }
        if (Character.isDigit(c)) {
            int end = position + 1;
            while (end < sql.length() && (Character.isDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                end++;
            }
            return new Token(Kind.NUMBER, take(end), startLine);
        }
        return new Token(Kind.SYMBOL, take(position + (sql.startsWith("::", position) ? 2 : 1)), startLine);
    }

    private int blockCommentEnd() {
        int depth = 0;
        int i = position;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** End (exclusive) of a literal opened at {@code open}; a doubled quote is an escaped quote. */
    private int quotedEnd(int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote && sql.startsWith(String.valueOf(quote), i + 1)) {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private String take(int end) {
        String text = sql.substring(position, end);
        line += (int) text.chars().filter(ch -> ch == '\n').count();
        position = end;
        return text;
    }
}
