package io.tellonce.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a local Elasticsearch keeps its files, and as whom it runs.
 *
 * <p>Elasticsearch refuses to run as root. As root we run it as an unprivileged user, which must be able to
 * reach the distribution and its own folders. A checkout under /root (mode 700) is out of its reach: then
 * a copy of the distribution and all its folders go to /var/tmp/tellonce-es-&lt;hash of the store folder&gt;,
 * stable per store folder so that data survive restarts.
 *
 * @param home      the Elasticsearch distribution to run
 * @param folder    holds config, data, logs and tmp; the working directory (jvm.options uses relative paths)
 * @param runAsUser the user to switch to, when running as root
 * @param notice    why the files are not where the caller asked, if they are not
 */
record ElasticsearchPlacement(Path home, Path folder, Optional<String> runAsUser, Optional<String> notice) {

    static final String USER_SETTING = "TELLONCE_DEVSTACK_ES_USER";

    Path config() {
        return folder.resolve("config");
    }

    Path data() {
        return folder.resolve("data");
    }

    Path logs() {
        return folder.resolve("logs");
    }

    Path tmp() {
        return folder.resolve("tmp");
    }

    static ElasticsearchPlacement decide(Path distribution, Path storeFolder, Settings settings) {
        if (!UnixAccounts.runningAsRoot()) {
            return new ElasticsearchPlacement(distribution, storeFolder, Optional.empty(), Optional.empty());
        }
        String user = settings.get(USER_SETTING).orElse("nobody");
        if (reachableByOthers(distribution.resolve("lib")) && reachableByOthers(storeFolder)) {
            return new ElasticsearchPlacement(distribution, storeFolder, Optional.of(user), Optional.empty());
        }
        Path relocated = Path.of("/var/tmp", "tellonce-es-" + shortHash(storeFolder.toString()));
        return new ElasticsearchPlacement(relocated.resolve(distribution.getFileName()), relocated, Optional.of(user),
                Optional.of("Elasticsearch runs as '" + user + "', who cannot reach " + storeFolder + " or "
                        + distribution + "; its distribution copy, data, logs and config are in " + relocated));
    }

    /** Creates the folders (and the distribution copy) and hands them to the user Elasticsearch runs as. */
    void prepare(Path distribution) {
        StoreProcess.createDirectories(folder, data(), logs(), tmp());
        if (!home.equals(distribution)) {
            copyDistribution(distribution);
        }
        if (!Files.isRegularFile(config().resolve("elasticsearch.yml"))) {
            Folders.copy(distribution.resolve("config"), config());
        }
        runAsUser.ifPresent(user -> Stream.of(config(), data(), logs(), tmp())
                .forEach(directory -> UnixAccounts.giveTo(user, directory)));
    }

    /** True when every ancestor lets others through and the path itself lets others read and list it. */
    static boolean reachableByOthers(Path path) {
        try {
            Path absolute = path.toAbsolutePath().normalize();
            Set<PosixFilePermission> own = Files.getPosixFilePermissions(absolute);
            if (!own.contains(PosixFilePermission.OTHERS_READ) || !own.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
            for (Path parent = absolute.getParent(); parent != null; parent = parent.getParent()) {
                if (!Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private void copyDistribution(Path distribution) {
        Folders.copyOnce(distribution, home);
        try {
            // World-readable, and executable where the original is: the copy is run by another user.
            try (Stream<Path> paths = Files.walk(home)) {
                for (Path path : paths.toList()) {
                    boolean executable = Files.isDirectory(path) || Files.isExecutable(path);
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
