package jload.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions written into the build (jload's own, and the GraalJS it was built with). */
public final class BuildInfo {
    private static final Properties PROPS = load();

    private BuildInfo() {}

    public static String jloadVersion() {
        return PROPS.getProperty("jload.version", "dev");
    }

    static String graalVersion() {
        return PROPS.getProperty("graal.version", "unknown");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/jload/build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // versions then read "dev"/"unknown"
        }
        return p;
    }
}
