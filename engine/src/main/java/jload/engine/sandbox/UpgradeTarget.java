package jload.engine.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The path and query parameters of an upgrade request's request line. */
record UpgradeTarget(String path, Map<String, String> query) {

    UpgradeTarget {
        query = Map.copyOf(query);
    }

    /** Parses a request-target such as {@code /ws/echo?closeAfter=3}; the first value of a repeated parameter wins. */
    static UpgradeTarget parse(String resourceDescriptor) throws UpgradeRejectedException {
        String target = resourceDescriptor == null || resourceDescriptor.isEmpty() ? "/" : resourceDescriptor;
        int queryStart = target.indexOf('?');
        String path = queryStart < 0 ? target : target.substring(0, queryStart);
        // "/ws/echo/" is the same endpoint to anyone typing a URL by hand.
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        Map<String, String> query = new LinkedHashMap<>();
        if (queryStart >= 0) {
            for (String pair : target.substring(queryStart + 1).split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.putIfAbsent(name, value);
            }
        }
        return new UpgradeTarget(path, query);
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** An integer parameter, or {@code fallback} when absent; a value that is not an integer is the client's mistake (400). */
    int intParameter(String name, int fallback) throws UpgradeRejectedException {
        String value = query.get(name);
        if (value == null || value.isEmpty()) return fallback;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UpgradeRejectedException(400, "query parameter " + name + " must be an integer, got '" + value + "'");
        }
    }

    private static String decode(String component) throws UpgradeRejectedException {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UpgradeRejectedException(400, "malformed query string: " + e.getMessage());
        }
    }
}
