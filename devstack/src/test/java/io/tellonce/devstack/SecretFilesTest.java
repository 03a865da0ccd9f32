package io.tellonce.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key, the tokens and whatever else a stack keeps in keys/: readable by their owner only. */
class SecretFilesTest {

    @Test
    void aNewKeyIsOwnerOnly(@TempDir Path home) throws Exception {
        Path keys = home.resolve("keys");
        DevSigningKey.in(keys);

        assertEquals("rwx------", mode(keys));
        assertEquals("rw-------", mode(keys.resolve(DevSigningKey.PRIVATE_FILE)));
        assertEquals("rw-------", mode(keys.resolve(DevSigningKey.PUBLIC_FILE)));
        try (var files = Files.list(keys)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void anOlderStacksWiderModesAreTightenedAndItsKeyKept(@TempDir Path home) throws Exception {
        Path keys = home.resolve("keys");
        DevSigningKey.in(keys);
        String publicKey = Files.readString(keys.resolve(DevSigningKey.PUBLIC_FILE));
        Files.writeString(keys.resolve("suppression-secret"), "c2VjcmV0\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String file : new String[] {DevSigningKey.PRIVATE_FILE, DevSigningKey.PUBLIC_FILE, "suppression-secret"}) {
            Files.setPosixFilePermissions(keys.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }

        DevSigningKey.in(keys);

        assertEquals(publicKey, Files.readString(keys.resolve(DevSigningKey.PUBLIC_FILE)), "the same key");
        assertEquals("rwx------", mode(keys));
        assertEquals("rw-------", mode(keys.resolve(DevSigningKey.PRIVATE_FILE)));
        assertEquals("rw-------", mode(keys.resolve(DevSigningKey.PUBLIC_FILE)));
        assertEquals("rw-------", mode(keys.resolve("suppression-secret")));
    }

    @Test
    void tokensFileIsOwnerOnlyEvenWhenAnOlderOneWasNot(@TempDir Path home) throws Exception {
        Path tokens = home.resolve("tokens.env");
        Files.writeString(tokens, "AGENT_TOKEN=old\n");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-r--r--"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exitCode = new DevStackCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Settings.of(Map.of()))
                .run("tokens", "--home", home.toString(), "--tenant", "acme");

        assertEquals(0, exitCode, out.toString(StandardCharsets.UTF_8));
        assertEquals("rw-------", mode(tokens));
        assertTrue(Files.readString(tokens).contains("AGENT_TOKEN=ey"), "a fresh token replaced the old one");
        assertEquals("rwx------", mode(home.resolve("keys")));
        assertTrue(Files.notExists(home.resolve("tokens.env.tmp")));
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
