package io.tellonce.devstack;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Secrets of a development stack (its signing key, its tokens, the suppression secret): files that only
 * their owner may read (0600), in folders only their owner may enter (0700). Files and folders left by
 * an older stack with wider modes are tightened too. On a file system without POSIX modes the calls do
 * nothing about modes.
 */
final class OwnerOnly {

    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    /** Creates the folder (0700) if absent; an existing one is tightened to 0700, and each file in it to 0600. */
    static void folder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            if (folder.toAbsolutePath().getParent() != null) {
                Files.createDirectories(folder.toAbsolutePath().getParent());
            }
            try {
                Files.createDirectory(folder, attribute(FOLDER));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(folder);
            } catch (FileAlreadyExistsException e) {
                // made meanwhile by another start: tightened below
            }
        }
        restrict(folder, FOLDER);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                restrict(file, FILE);
            }
        }
    }

    /**
     * Writes the file whole (a reader never sees half of it), readable by its owner only from the first
     * byte: the text goes to a 0600 temporary file beside it, which then replaces the file.
     */
    static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, attribute(FILE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(path).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
