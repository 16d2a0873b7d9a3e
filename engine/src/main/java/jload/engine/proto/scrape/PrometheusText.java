package jload.engine.proto.scrape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Prometheus text exposition (format 0.0.4, what {@code /metrics} endpoints serve): every sample line as a
 * {@link Series}, in order, and each metric family's {@code # TYPE} and {@code # HELP}. Histograms and summaries
 * are their sample lines ({@code _bucket{le=…}}, {@code _sum}, {@code _count}), as Prometheus itself stores them.
 * Sample timestamps are read and dropped: a scrape is a reading at the time it was taken.
 */
public record PrometheusText(List<Series> series, Map<String, String> types, Map<String, String> help) {
    public PrometheusText {
        series = List.copyOf(series);
        types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
        help = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(help));
    }

    /** @throws PrometheusFormatException naming the line and column of the first thing that is not the format */
    public static PrometheusText parse(String text) {
        List<Series> series = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>(), help = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            new LineReader(line, i + 1).read(series, types, help);
        }
        return new PrometheusText(series, types, help);
    }

    /** One line, read left to right; {@code at} is the next character's index. */
    private static final class LineReader {
        private final String s;
        private final int lineNumber;
        private int at;

        LineReader(String line, int lineNumber) {
            this.s = line;
            this.lineNumber = lineNumber;
        }

        void read(List<Series> series, Map<String, String> types, Map<String, String> help) {
            skipBlanks();
            if (at == s.length()) return;
            if (s.charAt(at) == '#') {
                comment(types, help);
                return;
            }
            String name = name("a metric name");
            Map<String, String> labels = new LinkedHashMap<>();
            if (at < s.length() && s.charAt(at) == '{') labels(labels);
            if (at == s.length() || (s.charAt(at) != ' ' && s.charAt(at) != '\t')) throw expected("a space, then the sample's value");
            skipBlanks();
            double value = number(token(), "the sample's value (a number, +Inf, -Inf or NaN)");
            skipBlanks();
            if (at < s.length()) {
                int from = at;
                String timestamp = token();
                try {
                    Long.parseLong(timestamp);
                } catch (NumberFormatException e) {
                    at = from;
                    throw expected("a timestamp in milliseconds or the end of the line");
                }
                skipBlanks();
                if (at < s.length()) throw expected("the end of the line");
            }
            series.add(new Series(name, labels, value));
        }

        private void comment(Map<String, String> types, Map<String, String> help) {
            at++;
            skipBlanks();
            String word = token();
            if (!word.equals("TYPE") && !word.equals("HELP")) return; // any other comment says nothing
            skipBlanks();
            String family = name("a metric name after # " + word);
            if (word.equals("TYPE")) {
                skipBlanks();
                String type = token();
                if (!List.of("counter", "gauge", "histogram", "summary", "untyped").contains(type)) {
                    throw expected("counter, gauge, histogram, summary or untyped");
                }
                types.put(family, type);
            } else {
                if (at < s.length()) at++; // the one space before the text
                help.put(family, unescapeHelp(s.substring(at)));
            }
        }

        private void labels(Map<String, String> labels) {
            at++; // {
            while (true) {
                skipBlanks();
                if (at < s.length() && s.charAt(at) == '}') {
                    at++;
                    return;
                }
                String label = name("a label name or '}'");
                skipBlanks();
                if (at >= s.length() || s.charAt(at) != '=') throw expected("'=' after label " + label);
                at++;
                skipBlanks();
                if (at >= s.length() || s.charAt(at) != '"') throw expected("a quoted value for label " + label);
                labels.put(label, quoted());
                skipBlanks();
                if (at < s.length() && s.charAt(at) == ',') {
                    at++;
                } else if (at >= s.length() || s.charAt(at) != '}') {
                    throw expected("',' or '}' after label " + label);
                }
            }
        }

        /** A label value from its opening quote to its closing one, escapes ({@code \\ \" \n}) undone. */
        private String quoted() {
            int open = at++;
            StringBuilder b = new StringBuilder();
            while (at < s.length()) {
                char c = s.charAt(at++);
                if (c == '"') return b.toString();
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (at >= s.length()) break;
                char e = s.charAt(at++);
                switch (e) {
                    case '\\' -> b.append('\\');
                    case '"' -> b.append('"');
                    case 'n' -> b.append('\n');
                    default -> {
                        at--;
                        throw expected("an escape \\\\, \\\" or \\n");
                    }
                }
            }
            at = open;
            throw expected("a label value closed by '\"'");
        }

        private String name(String what) {
            int from = at;
            while (at < s.length()) {
                char c = s.charAt(at);
                boolean ok = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (at > from && c >= '0' && c <= '9');
                if (!ok) break;
                at++;
            }
            if (at == from) throw expected(what);
            return s.substring(from, at);
        }

        private double number(String text, String what) {
            switch (text) {
                case "+Inf", "Inf" -> { return Double.POSITIVE_INFINITY; }
                case "-Inf" -> { return Double.NEGATIVE_INFINITY; }
                case "NaN" -> { return Double.NaN; }
                default -> {
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        at -= text.length();
                        throw expected(what);
                    }
                }
            }
        }

        private String token() {
            int from = at;
            while (at < s.length() && s.charAt(at) != ' ' && s.charAt(at) != '\t') at++;
            return s.substring(from, at);
        }

        private void skipBlanks() {
            while (at < s.length() && (s.charAt(at) == ' ' || s.charAt(at) == '\t')) at++;
        }

        /** A HELP text's escapes ({@code \\} and {@code \n}) undone; any other backslash stays. */
        private static String unescapeHelp(String text) {
            StringBuilder b = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '\\' || text.charAt(i + 1) == 'n')) {
                    b.append(text.charAt(++i) == 'n' ? '\n' : '\\');
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }

        private PrometheusFormatException expected(String what) {
            return new PrometheusFormatException(lineNumber, at + 1, "expected " + what + (at < s.length() ? ", found '" + s.charAt(at) + "'" : ", found the end of the line"));
        }
    }
}
