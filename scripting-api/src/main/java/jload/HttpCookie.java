package jload;

/** A cookie a response set (its Set-Cookie header), as k6's response.cookies has it; {@code expires} in epoch ms, 0 when not given. */
public record HttpCookie(String name, String value, String domain, String path, boolean httpOnly, boolean secure, long maxAge,
                         long expires) {}
