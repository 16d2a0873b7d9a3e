package jload.engine.output.summary;

import java.text.Normalizer;

/**
 * Terminal decoration with the exact escape sequences k6 emits ({@code ESC[<styles>;<color>m...ESC[0m}),
 * plus the display-width measure k6 uses for column alignment.
 */
final class Ansi {
    static final String GREEN = "32";
    static final String RED = "31";
    static final String CYAN = "36";
    static final String WHITE = "37";
    static final String FAINT = "2";

    private final boolean enabled;

    Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    String decorate(String text, String color, String... styles) {
        if (!enabled) return text;
        String codes = styles.length == 0 ? color : String.join(";", styles) + ";" + color;
        return "\u001b[" + codes + "m" + text + "\u001b[0m";
    }

    String bold(String text) {
        return enabled ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    /** Code points after NFKC, ignoring ANSI escapes: what k6's {@code strWidth} counts. */
    static int width(String s) {
        String data = Normalizer.normalize(s, Normalizer.Form.NFKC);
        boolean inEsc = false;
        boolean inLongEsc = false;
        int width = 0;
        for (int cp : data.codePoints().toArray()) {
            if (cp == 0x1b) {
                inEsc = true;
            } else if (inEsc && cp == '[') {
                inLongEsc = true;
            } else if (inEsc && inLongEsc && cp >= 0x40 && cp <= 0x7e) {
                inEsc = false;
                inLongEsc = false;
            } else if (inEsc && !inLongEsc && cp >= 0x40 && cp <= 0x5f) {
                inEsc = false;
            } else if (!inEsc && !inLongEsc) {
                width++;
            }
        }
        return width;
    }
}
