package io.tellonce.matching.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tellonce.matching.PersonField;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report on a labelled file the project has not seen: any columns, named on the command line. */
class ReportFileTest {
    private final LabelledCsv csv = new LabelledCsv();

    @Test
    void aFileWithItsOwnColumnNamesIsReportedOnWithTheTruthColumnItNames(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("customers.csv");
        Files.writeString(file, """
                person,forename,last name,born,town,notes
                p1,Amelia,Hartley,1991-07-30,Bristol,"likes tea, not coffee"
                p1,Amelia,Hartly,1991-07-30,Bristol,
                p1,Hartley,Amelia,1991-07-30,Bristol,"said ""call me later""\"
                p2,Jon,Smyth,1980-03-14,London,
                p2,John,Smith,1980-03-14,London,
                p3,Maria,Garcia,1955-11-02,Paris,
                """);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        new MatchingReport(new PrintStream(printed, true, StandardCharsets.UTF_8), ReportPipeline.standard())
                .printFile(ReportFile.parse("--csv", file.toString(), "--truth", "person", "--fields",
                        "given_name=forename,family_name=last name,date_of_birth=born,locality=town"));

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("## customers.csv — model estimated by EM on these records",
                "## customers.csv — the default model shipped with tellonce", "6 records, 3 people, 4 true pairs",
                "pairs completeness 1.0000", "| 0.9999 (auto-merge) |");
    }

    @Test
    void theSplinkSetReadThroughAColumnMappingIsTheSameAsThroughItsOwnReader() throws IOException {
        LabelledRecords own = csv.splink("fake_1000", resource("fake_1000.csv"));
        LabelledRecords mapped = csv.mapped("fake_1000", resource("fake_1000.csv"), ReportFile.parse(
                "--csv", "pom.xml", "--truth", "cluster", "--id", "unique_id", "--fields",
                "given_name=first_name,family_name=surname,date_of_birth=dob,locality=city,email=email").columns());

        assertThat(mapped).isEqualTo(own);
    }

    @Test
    void quotedValuesKeepTheirCommasAndQuotes() {
        assertThat(LabelledCsv.fields(" a, \"Smith, John\" ,\"say \"\"hi\"\"\",")).containsExactly(
                "a", "Smith, John", "say \"hi\"", "");
    }

    @Test
    void aWrongCommandLineSaysWhatIsWrong() {
        assertThatThrownBy(() -> ReportFile.parse("--csv", "pom.xml", "--fields", "given_name=a"))
                .hasMessageContaining("--truth is missing");
        assertThatThrownBy(() -> ReportFile.parse("--csv", "pom.xml", "--truth", "t", "--fields", "nickname=a"))
                .hasMessageContaining("'nickname' is not a person field");
        assertThatThrownBy(() -> csv.mapped("x", new BufferedReader(new StringReader("a,b\n1,2\n")),
                new LabelledColumns("cluster", java.util.Optional.empty(), java.util.Map.of(PersonField.GIVEN_NAME, "a"))))
                .hasMessageContaining("no column 'cluster'");
    }

    private static BufferedReader resource(String file) {
        return new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(ReportFileTest.class.getResourceAsStream("/identity/" + file), file),
                StandardCharsets.UTF_8));
    }
}
