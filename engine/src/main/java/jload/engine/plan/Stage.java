package jload.engine.plan;

import java.time.Duration;

/** One step of a ramping executor: move linearly to {@code target} (VUs or iterations per time unit) over {@code duration}. */
public record Stage(Duration duration, long target) {

    /** The {@code --stage 30s:50} form. */
    public static Stage parseFlag(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) throw new ConfigException("--stage '" + text + "': expected DURATION:TARGET, e.g. 30s:50");
        String target = text.substring(colon + 1).trim();
        if (!target.matches("\\d+")) {
            throw new ConfigException("--stage '" + text + "': target '" + target + "' must be a whole number ≥ 0");
        }
        return new Stage(K6Duration.parse(text.substring(0, colon), "--stage"), Long.parseLong(target));
    }
}
