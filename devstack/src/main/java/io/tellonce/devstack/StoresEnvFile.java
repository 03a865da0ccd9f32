package io.tellonce.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code <home>/stores.env}: the store addresses as {@code NAME=value} lines, for the service and for a
 * shell ({@code set -a; . .tellonce/stores.env}). Written whole or not at all.
 */
record StoresEnvFile(Path path) {

    static StoresEnvFile in(Path home) {
        return new StoresEnvFile(home.resolve("stores.env"));
    }

    void write(Map<String, String> variables) {
        String text = variables.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(temporary, text);
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
