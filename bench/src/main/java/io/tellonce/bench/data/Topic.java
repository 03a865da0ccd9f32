package io.tellonce.bench.data;

import java.util.List;

/** What customers get in touch about, with the lines of a typical conversation (customer first, then staff). */
public record Topic(String name, String queue, String title, String summary, List<String> lines) {
    public Topic {
        lines = List.copyOf(lines);
    }

    static final List<Topic> ALL = List.of(
            new Topic("billing.refund", "billing", "Refund not received", "asked where the refund for order is.",
                    List.of("Hi, I returned my order two weeks ago and still have no refund.",
                            "Sorry about that. Let me check the return for you.",
                            "It was the blue jacket, returned at the post office.",
                            "I can see it arrived; the refund goes out today and takes 3-5 days.",
                            "Great, thanks.")),
            new Topic("delivery.late", "logistics", "Parcel late", "chased a late delivery.",
                    List.of("My parcel was due yesterday and it has not arrived.",
                            "Let me look up the tracking.",
                            "The app just says in transit.",
                            "The courier has it at the local depot; it will be delivered tomorrow.",
                            "OK, please make sure it comes tomorrow.")),
            new Topic("account.password", "support", "Cannot log in", "could not log in and reset the password.",
                    List.of("I cannot log in, it says my password is wrong.",
                            "I have sent a reset link to the e-mail address on your account.",
                            "Got it, that worked.")),
            new Topic("billing.invoice", "billing", "Invoice question", "asked about a charge on the invoice.",
                    List.of("There is a charge on my invoice I do not recognise.",
                            "That is the annual service fee; it was in the contract.",
                            "Can I pay it in instalments?",
                            "Yes, I have split it over three months for you.")),
            new Topic("sales.upgrade", "sales", "Upgrade enquiry", "asked about upgrading the plan.",
                    List.of("What would it cost to upgrade to the premium plan?",
                            "It is 5 pounds more per month and includes free delivery.",
                            "I will think about it.")),
            new Topic("complaint.service", "complaints", "Complaint about service", "complained about an earlier call.",
                    List.of("I was on hold for forty minutes last time.",
                            "I am sorry, that is far too long. I have noted your complaint.",
                            "I want someone to call me back about it.",
                            "A team leader will call you within two working days.")));
}
