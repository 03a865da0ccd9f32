package io.tellonce.devstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds system programs (setsid, setpriv, runuser) and the java of the running JVM. */
final class Executables {

    private Executables() {
    }

    static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)),
                        Stream.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The home of the JDK running this JVM; the stores run on the same JDK. */
    static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    static Path java() {
        return javaHome().resolve("bin").resolve("java");
    }
}
