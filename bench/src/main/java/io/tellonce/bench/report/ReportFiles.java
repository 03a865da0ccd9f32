package io.tellonce.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON result file: one {@link BenchReport}, pretty-printed, for the lead to diff between runs. */
public final class ReportFiles {
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(BenchReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        json.writeValue(file.toFile(), report);
    }

    public String toJson(BenchReport report) throws IOException {
        return json.writeValueAsString(report);
    }
}
