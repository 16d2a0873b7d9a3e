package jload.engine.script.js;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.io.FileSystem;

/**
 * What a script can see of files: jload's built-in modules under a virtual folder, the bundled
 * jslib copies, and — read-only — the files under the allowed roots (the script's own folder unless
 * the user allows more). Nothing can be written, and no network is reached: an unknown remote
 * import fails with a message saying so.
 */
final class ModuleFileSystem implements FileSystem {
    /** A folder that does not exist on disk; built-in module paths live under it. */
    static final Path BUILTIN_ROOT = Path.of("/__jload_builtin__");
    /** Remote imports jload does not bundle map here, so that reading them fails with jload's message. */
    private static final Path NOT_BUNDLED = BUILTIN_ROOT.resolve("not-bundled");
    /** k6/… and jload/… names jload does not have map here: never looked up as files. */
    private static final Path NOT_PROVIDED = BUILTIN_ROOT.resolve("not-provided");

    private final FileSystem disk = FileSystem.newDefaultFileSystem();
    private final List<Path> allowedRoots;
    private final Map<String, byte[]> builtinSources = new ConcurrentHashMap<>();

    ModuleFileSystem(List<Path> allowedRoots) {
        this.allowedRoots = allowedRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    @Override
    public Path parsePath(URI uri) {
        return parsePath(uri.toString());
    }

    @Override
    public Path parsePath(String path) {
        String resource = BuiltinModules.resourceFor(path);
        if (resource != null) return BUILTIN_ROOT.resolve(resource);
        if (BuiltinModules.isReservedName(path)) return NOT_PROVIDED.resolve(encode(path));
        if (BuiltinModules.isRemote(path)) {
            return NOT_BUNDLED.resolve(encode(path));
        }
        if (path.startsWith("file:")) return Path.of(URI.create(path));
        return Path.of(path);
    }

    private static String encode(String specifier) {
        return java.net.URLEncoder.encode(specifier, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean isUnservable(Path path) {
        return path.startsWith(NOT_BUNDLED) || path.startsWith(NOT_PROVIDED);
    }

    private static boolean isBuiltin(Path path) {
        return path.startsWith(BUILTIN_ROOT);
    }

    private byte[] builtinSource(Path path) throws IOException {
        String name = path.getFileName().toString();
        if (path.startsWith(NOT_BUNDLED)) {
            throw new IOException("jload does not download modules, and " + java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8)
                    + " is not one it bundles (" + BuiltinModules.knownRemote() + "). Save the module next to your script "
                    + "and import it by a relative path.");
        }
        if (path.startsWith(NOT_PROVIDED)) {
            String specifier = java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
            throw new IOException("'" + specifier + "' is " + BuiltinModules.whyMissing(specifier));
        }
        if (BuiltinModules.class.getResource("/jload/js/" + name) == null) throw new NoSuchFileException(path.toString());
        return builtinSources.computeIfAbsent(name, BuiltinModules::source);
    }

    private Path checkAllowed(Path path) throws IOException {
        Path abs = disk.toAbsolutePath(path).normalize();
        for (Path root : allowedRoots) if (abs.startsWith(root)) return abs;
        throw new SecurityException("'" + path + "' is outside the folders this script may read ("
                + String.join(", ", allowedRoots.stream().map(Path::toString).toList()) + ")");
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (modes.contains(AccessMode.WRITE)) throw new SecurityException("scripts cannot write files");
        if (isBuiltin(path)) {
            if (!isUnservable(path)) builtinSource(path);
            return;
        }
        disk.checkAccess(checkAllowed(path), modes, linkOptions);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption o : options) {
            if (o != StandardOpenOption.READ && o != LinkOption.NOFOLLOW_LINKS) {
                throw new SecurityException("scripts cannot write files");
            }
        }
        if (isBuiltin(path)) return new InMemoryChannel(builtinSource(path));
        return disk.newByteChannel(checkAllowed(path), options, attrs);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new SecurityException("scripts cannot create directories");
    }

    @Override
    public void delete(Path path) {
        throw new SecurityException("scripts cannot delete files");
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        return disk.newDirectoryStream(checkAllowed(dir), filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return isBuiltin(path) ? path : disk.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return isBuiltin(path) ? path : disk.toRealPath(path, linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        if (isBuiltin(path)) {
            long size = isUnservable(path) ? 0 : builtinSource(path).length;
            return Map.of("isRegularFile", true, "isDirectory", false, "isSymbolicLink", false, "isOther", false,
                    "size", size);
        }
        return disk.readAttributes(checkAllowed(path), attributes, options);
    }
}
