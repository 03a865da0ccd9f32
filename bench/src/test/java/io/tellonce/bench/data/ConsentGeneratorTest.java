package io.tellonce.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tellonce.proto.v1.BatchCheckConsentRequest;
import io.tellonce.proto.v1.ConsentCheck;
import io.tellonce.proto.v1.SetConsentRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentGeneratorTest {
    private final PersonGenerator people = new PersonGenerator(42, Shares.realistic());
    private final ConsentGenerator consents = new ConsentGenerator(42, 0.5);

    @Test
    void aShareOfPeopleAnsweredOneToThreeDistinctQuestionsTheSameWayEveryTime() {
        int asked = 0;
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            Person person = people.person(i);
            List<SetConsentRequest> records = consents.records(person);
            assertThat(records).isEqualTo(consents.records(person)).hasSizeLessThanOrEqualTo(3);
            asked += records.isEmpty() ? 0 : 1;
            assertThat(records.stream().map(r -> r.getPurpose() + "/" + r.getChannel()).distinct()).hasSameSizeAs(records);
            records.forEach(record -> {
                assertThat(keys.add(record.getIdempotencyKey())).isTrue();
                assertThat(record.getLookup().getIdentifier()).isEqualTo(person.identifiers().get(0));
                assertThat(record.getCaptureTime().getSeconds()).isPositive();
            });
        }
        assertThat(asked).isBetween(430, 570);
    }

    @Test
    void aBatchAsksEveryQuestionAboutEachPersonInOrder() {
        List<Person> audience = new ArrayList<>();
        for (int i = 0; i < ConsentGenerator.peoplePerBatch(100); i++) {
            audience.add(people.person(i * 7));
        }
        BatchCheckConsentRequest batch = ConsentGenerator.checks(audience);

        assertThat(batch.getChecksCount()).isEqualTo(100);
        assertThat(batch.getChecksList().stream().map(ConsentCheck::getLookup).distinct()).hasSize(25);
        assertThat(batch.getChecks(4).getLookup().getIdentifier()).isEqualTo(audience.get(1).identifiers().get(0));
    }

    @Test
    void aBatchSizeMustBeWholePeople() {
        assertThatThrownBy(() -> ConsentGenerator.peoplePerBatch(10)).hasMessageContaining("multiple of 4");
    }
}
