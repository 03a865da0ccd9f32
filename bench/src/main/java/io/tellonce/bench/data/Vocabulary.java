package io.tellonce.bench.data;

import java.util.List;
import java.util.SplittableRandom;

/** The words synthetic people are made of. Deliberately small lists: real populations repeat names too. */
final class Vocabulary {
    static final List<String> GIVEN_NAMES = List.of("Olivia", "Amelia", "Isla", "Ava", "Mia", "Sophia", "Grace",
            "Aisha", "Priya", "Zara", "Chloe", "Emily", "Hannah", "Fatima", "Maria", "Sofia", "Niamh", "Siobhan",
            "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Muhammad", "Oscar", "Charlie", "James",
            "William", "Thomas", "Daniel", "Mohammed", "Rohan", "Kwame", "Chen", "Luca", "Mateo", "Liam", "Ethan",
            "Jose", "Wei", "Aarav", "Connor", "Rhys", "Ewan", "Declan", "Samuel", "Isabella", "Lily");
    static final List<String> FAMILY_NAMES = List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
            "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts",
            "Green", "Hall", "Wood", "Jackson", "Clarke", "Khan", "Ahmed", "Singh", "Murphy", "O'Brien", "Kelly",
            "Garcia", "Martinez", "Rodriguez", "Nguyen", "Kim", "Chen", "Miller", "Davis", "Lopez", "Anderson",
            "Okafor", "Mensah", "Kowalski", "Novak", "Rossi", "Müller", "Hughes", "Edwards", "Morgan", "Campbell",
            "Stewart", "MacDonald", "Lewis");
    static final List<String> MAIL_DOMAINS = List.of("example.com", "example.org", "example.net", "mail.example",
            "post.example", "inbox.example");
    static final List<String> STREETS = List.of("High Street", "Station Road", "Church Lane", "Victoria Road",
            "Mill Lane", "Park Avenue", "Oak Street", "Maple Avenue", "Main Street", "Elm Street");
    static final List<String> GB_TOWNS = List.of("London", "Leeds", "Manchester", "Bristol", "Glasgow", "Cardiff",
            "Birmingham", "Edinburgh", "Sheffield", "Liverpool", "Belfast", "Norwich");
    static final List<String> GB_POSTCODE_AREAS = List.of("E", "LS", "M", "BS", "G", "CF", "B", "EH", "S", "L",
            "BT", "NR");
    static final List<String> US_TOWNS = List.of("New York", "Chicago", "San Francisco", "Austin", "Boston",
            "Las Vegas", "Seattle", "Denver");
    static final List<String> US_AREA_CODES = List.of("212", "312", "415", "512", "617", "702", "206", "303");

    private Vocabulary() {
    }

    static <T> T pick(List<T> words, SplittableRandom random) {
        return words.get(random.nextInt(words.size()));
    }
}
