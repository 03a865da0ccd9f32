package io.tellonce.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copying folder trees (distributions, default configuration). */
final class Folders {

    private static final String COMPLETE_MARKER = ".devstack-copy-complete";

    private Folders() {
    }

    /** Copies {@code source} into {@code target}, keeping file modes (the launcher scripts stay executable). */
    static void copy(Path source, Path target) {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.filter(p -> !p.getFileName().toString().equals(COMPLETE_MARKER)).toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies {@code source} to {@code target} once: a marker file written last says the copy is whole, so an
     * interrupted copy is redone.
     */
    static void copyOnce(Path source, Path target) {
        Path complete = target.resolve(COMPLETE_MARKER);
        if (Files.exists(complete)) {
            return;
        }
        copy(source, target);
        try {
            Files.writeString(complete, "copied from " + source + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
