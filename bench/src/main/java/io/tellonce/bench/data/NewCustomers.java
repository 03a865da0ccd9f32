package io.tellonce.bench.data;

import io.tellonce.proto.v1.IdentifierKind;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.ResolveRequest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * People nobody has seen yet, for Resolve-creates-a-profile: each request has an e-mail and a phone
 * number that belong to no one. The run's nonce keeps two runs from reusing numbers; a collision would
 * show up as a MATCHED outcome in the report, not as a silent error.
 */
public final class NewCustomers {
    private static final long SUBSCRIBERS = 100_000_000L;

    private final long runNonce;
    private final AtomicLong next = new AtomicLong();

    public NewCustomers(long runNonce) {
        this.runNonce = runNonce;
    }

    public ResolveRequest next() {
        long n = next.getAndIncrement();
        // +4476 is a block the seeded population never uses (their mobiles are +4474, +4477-9).
        long subscriber = PersonGenerator.scramble(runNonce * 1_000_003L + n, SUBSCRIBERS);
        String digits = String.format("%08d", subscriber);
        return ResolveRequest.newBuilder()
                .addIdentifiers(Person.identifier(IdentifierKind.IDENTIFIER_KIND_EMAIL, "",
                        "new." + Long.toString(runNonce, 36) + "." + n + "@fresh.example"))
                .addIdentifiers(Person.identifier(IdentifierKind.IDENTIFIER_KIND_PHONE, "", "+4476" + digits))
                .setAttributes(PersonAttributes.newBuilder().setGivenName("New").setFamilyName("Customer" + n))
                .setSourceSystem("web-signup")
                .build();
    }
}
