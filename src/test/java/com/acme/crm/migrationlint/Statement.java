package com.acme.crm.migrationlint;

import java.util.List;

/** One SQL statement of a script, with the comments written just before it (where opt-out markers live). */
record Statement(List<Token> tokens, List<Token> leadingComments) {

    int line() {
        return tokens.get(0).line();
    }

    TokenCursor cursor() {
        return new TokenCursor(tokens);
    }

    boolean hasWord(String word) {
        return tokens.stream().anyMatch(token -> token.isWord(word));
    }
}
