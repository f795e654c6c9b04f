package com.acme.crm.migrationlint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads tokens left to right with the few moves the rules need to recognise DDL. */
final class TokenCursor {

    private final List<Token> tokens;
    private int position;

    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Moves past the given words if the next tokens are exactly these words. */
    boolean accept(String... words) {
        if (!peek(words)) {
            return false;
        }
        position += words.length;
        return true;
    }

    boolean peek(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (position + i >= tokens.size() || !tokens.get(position + i).isWord(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** Moves past a (possibly schema-qualified) name and returns its last part: the relation or column. */
    Optional<String> name() {
        if (position >= tokens.size() || !tokens.get(position).isIdentifier()) {
            return Optional.empty();
        }
        String name = tokens.get(position++).text();
        while (position + 1 < tokens.size() && tokens.get(position).isSymbol(".")
                && tokens.get(position + 1).isIdentifier()) {
            name = tokens.get(position + 1).text();
            position += 2;
        }
        return Optional.of(name);
    }

    /** Moves past the next occurrence of the word outside parentheses; false (at the end) if there is none. */
    boolean skipPast(String word) {
        int depth = 0;
        while (position < tokens.size()) {
            Token token = tokens.get(position++);
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            if (depth == 0 && token.isWord(word)) {
                return true;
            }
        }
        return false;
    }

    List<Token> rest() {
        return tokens.subList(position, tokens.size());
    }

    /** The remaining tokens split at commas outside parentheses: the items of a list. */
    List<TokenCursor> restSplitAtCommas() {
        List<TokenCursor> items = new ArrayList<>();
        int depth = 0;
        int start = position;
        for (int i = position; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            if (depth == 0 && token.isSymbol(",")) {
                items.add(new TokenCursor(tokens.subList(start, i)));
                start = i + 1;
            }
        }
        items.add(new TokenCursor(tokens.subList(start, tokens.size())));
        return items;
    }

    /** Whether the remaining tokens end with the given words, e.g. {@code not valid}. */
    boolean endsWith(String... words) {
        int start = tokens.size() - words.length;
        if (start < position) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!tokens.get(start + i).isWord(words[i])) {
                return false;
            }
        }
        return true;
    }
}
