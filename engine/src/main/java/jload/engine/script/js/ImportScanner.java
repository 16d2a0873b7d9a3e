package jload.engine.script.js;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the module specifiers an ES module's source imports — {@code import … from 'x'},
 * {@code import 'x'}, {@code export … from 'x'} and {@code import('x')} with a literal — with the
 * line and column of each specifier, without running or fully parsing the code.
 *
 * <p>Why not let GraalJS report them: it stops at the first module it cannot load, and a ported
 * k6 script usually misses several. The scan is a small tokenizer that knows comments, strings,
 * template literals and regular-expression literals, so none of those is taken for an import.
 */
final class ImportScanner {
    /** One imported specifier; line and column are 1-based and point at the specifier's quote. */
    record Import(String specifier, int line, int column) {}

    private enum Kind { WORD, STRING, PUNCT }

    private record Token(Kind kind, String text, int offset) {
        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }
    }

    /** After these words a '/' starts a regular expression, not a division. */
    private static final Set<String> KEYWORDS_BEFORE_EXPRESSION = Set.of(
            "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
            "yield", "await");

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int i;

    private ImportScanner(String src) {
        this.src = src;
    }

    static List<Import> scan(String source) {
        ImportScanner s = new ImportScanner(source);
        s.tokenize();
        return s.imports();
    }

    // --- tokens ---------------------------------------------------------------------------------

    private void tokenize() {
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && peek(1) == '/') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\'' || c == '"') {
                int start = i;
                tokens.add(new Token(Kind.STRING, readString(c), start));
            } else if (c == '`') {
                skipTemplate();
                tokens.add(new Token(Kind.PUNCT, "`", i)); // an expression, opaque here
            } else if (c == '/' && regexMayStartHere()) {
                skipRegex();
                tokens.add(new Token(Kind.PUNCT, "/re/", i));
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(src.charAt(i))) i++;
                tokens.add(new Token(Kind.WORD, src.substring(start, i), start));
            } else {
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c), i));
                i++;
            }
        }
    }

    private char peek(int ahead) {
        int j = i + ahead;
        return j < src.length() ? src.charAt(j) : '\0';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private void skipLineComment() {
        while (i < src.length() && src.charAt(i) != '\n') i++;
    }

    private void skipBlockComment() {
        int end = src.indexOf("*/", i + 2);
        i = end < 0 ? src.length() : end + 2;
    }

    /** Reads a quoted string starting at {@code i}; returns its value (escapes resolved simply). */
    private String readString(char quote) {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < src.length()) {
            char c = src.charAt(i++);
            if (c == quote || c == '\n') break;
            if (c == '\\' && i < src.length()) c = src.charAt(i++);
            sb.append(c);
        }
        return sb.toString();
    }

    /** Skips a template literal starting at {@code i}, including nested {@code ${ … }} code. */
    private void skipTemplate() {
        i++;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '`') {
                i++;
                return;
            } else if (c == '$' && peek(1) == '{') {
                i += 2;
                skipCodeUntilClosingBrace();
            } else {
                i++;
            }
        }
    }

    private void skipCodeUntilClosingBrace() {
        int depth = 1;
        while (i < src.length() && depth > 0) {
            char c = src.charAt(i);
            if (c == '\'' || c == '"') {
                readString(c);
            } else if (c == '`') {
                skipTemplate();
            } else if (c == '/' && peek(1) == '/') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                if (c == '{') depth++;
                if (c == '}') depth--;
                i++;
            }
        }
    }

    /** A '/' after a value (a name, a number, ')' or ']') divides; anywhere else it starts a regex. */
    private boolean regexMayStartHere() {
        if (tokens.isEmpty()) return true;
        Token prev = tokens.getLast();
        if (prev.kind == Kind.WORD) return KEYWORDS_BEFORE_EXPRESSION.contains(prev.text);
        if (prev.kind == Kind.STRING) return false;
        return !(prev.text.equals(")") || prev.text.equals("]") || prev.text.equals("}")
                || prev.text.equals("`") || prev.text.equals("/re/"));
    }

    private void skipRegex() {
        boolean inClass = false;
        i++;
        while (i < src.length()) {
            char c = src.charAt(i++);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                break;
            } else if (c == '\n') {
                break;
            }
        }
        while (i < src.length() && isWordChar(src.charAt(i))) i++; // flags
    }

    // --- imports --------------------------------------------------------------------------------

    private List<Import> imports() {
        List<Import> found = new ArrayList<>();
        for (int t = 0; t < tokens.size(); t++) {
            Token tok = tokens.get(t);
            if (tok.kind != Kind.WORD) continue;
            boolean member = t > 0 && tokens.get(t - 1).is(Kind.PUNCT, ".");
            if (member) continue;
            if (tok.text.equals("import")) {
                Token next = at(t + 1);
                if (next == null) continue;
                if (next.kind == Kind.STRING) {
                    found.add(importAt(next));
                } else if (next.is(Kind.PUNCT, "(")) {
                    Token arg = at(t + 2);
                    Token after = at(t + 3);
                    if (arg != null && arg.kind == Kind.STRING && after != null
                            && (after.is(Kind.PUNCT, ")") || after.is(Kind.PUNCT, ","))) {
                        found.add(importAt(arg));
                    }
                } else if (!next.is(Kind.PUNCT, ".")) {
                    Token spec = fromClause(t + 1);
                    if (spec != null) found.add(importAt(spec));
                }
            } else if (tok.text.equals("export")) {
                Token next = at(t + 1);
                if (next != null && (next.is(Kind.PUNCT, "*") || next.is(Kind.PUNCT, "{"))) {
                    Token spec = fromClause(t + 1);
                    if (spec != null) found.add(importAt(spec));
                }
            }
        }
        return found;
    }

    /** The string after {@code from} in the clause starting at token {@code t}, or null if the clause has none. */
    private Token fromClause(int t) {
        for (int k = t; k < tokens.size(); k++) {
            Token tok = tokens.get(k);
            if (tok.kind == Kind.STRING) {
                return k > t && tokens.get(k - 1).is(Kind.WORD, "from") ? tok : null;
            }
            if (tok.is(Kind.PUNCT, ";") || tok.is(Kind.PUNCT, "(") || tok.is(Kind.PUNCT, "=")) return null;
        }
        return null;
    }

    private Token at(int t) {
        return t < tokens.size() ? tokens.get(t) : null;
    }

    private Import importAt(Token string) {
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < string.offset; k++) {
            if (src.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new Import(string.text, line, string.offset - lineStart + 1);
    }
}
