package jload.engine.script.js;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a JavaScript Error.stack to find where the script itself (not a built-in module) is. */
final class JsStacks {
    private static final Pattern FRAME = Pattern.compile("\\(?((?:file://)?[^()\\s]+):(\\d+):(\\d+)\\)?\\s*$");

    private JsStacks() {}

    /** "file:line:column" of the first frame outside jload's built-in modules, or "unknown". */
    static String firstScriptFrame(String stack) {
        for (String line : stack.split("\n")) {
            if (!line.trim().startsWith("at ")) continue;
            Matcher m = FRAME.matcher(line.trim());
            if (!m.find()) continue;
            String file = m.group(1).replaceFirst("^file://", "");
            if (file.startsWith(ModuleFileSystem.BUILTIN_ROOT.toString()) || file.startsWith("<jload>")) continue;
            java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
            java.nio.file.Path p = java.nio.file.Path.of(file);
            String shown = p.isAbsolute() && p.startsWith(cwd) ? cwd.relativize(p).toString() : file;
            return shown + ":" + m.group(2) + ":" + m.group(3);
        }
        return "unknown";
    }
}
