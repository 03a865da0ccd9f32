package io.tellonce.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Who we run as, and the commands to run something as another (unprivileged) account. */
final class UnixAccounts {

    private UnixAccounts() {
    }

    static boolean runningAsRoot() {
        try {
            // /proc/self belongs to the effective user of this process.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The name of the user's primary group, e.g. nogroup for nobody on Debian, nobody on Red Hat. */
    static String primaryGroup(String user) {
        return run(List.of("id", "-gn", user)).orElseThrow(() ->
                new StoreStartFailure("Unknown user '" + user + "' (id -gn failed)"));
    }

    /** The prefix that runs a command as {@code user}: setpriv, else runuser. */
    static List<String> runAs(String user) {
        String group = primaryGroup(user);
        return Executables.onPath("setpriv")
                .map(setpriv -> List.of(setpriv.toString(), "--reuid=" + user, "--regid=" + group,
                        "--clear-groups", "--"))
                .or(() -> Executables.onPath("runuser")
                        .map(runuser -> List.of(runuser.toString(), "-u", user, "--")))
                .orElseThrow(() -> new StoreStartFailure("Elasticsearch refuses to run as root and neither setpriv"
                        + " nor runuser (util-linux) is installed to run it as '" + user + "'."));
    }

    /** Gives a folder tree to {@code user} (skipped when its top already belongs to them). */
    static void giveTo(String user, Path folder) {
        try {
            if (Files.getOwner(folder).getName().equals(user)) {
                return;
            }
        } catch (IOException e) {
            // fall through to chown, which reports the problem
        }
        String owner = user + ":" + primaryGroup(user);
        if (run(List.of("chown", "-R", owner, folder.toString())).isEmpty()) {
            throw new StoreStartFailure("Could not give " + folder + " to " + owner + " (chown -R failed)");
        }
    }

    private static java.util.Optional<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean exited = process.waitFor(30, TimeUnit.SECONDS);
            return exited && process.exitValue() == 0 ? java.util.Optional.of(output) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}
