package io.tellonce.matching;

/** What a person record can say about someone. Each field is compared on its own. */
public enum PersonField {
    GIVEN_NAME,
    FAMILY_NAME,
    DATE_OF_BIRTH,
    STREET_NUMBER,
    STREET,
    ADDRESS_EXTRA,
    LOCALITY,
    POSTCODE,
    REGION,
    EMAIL,
    PHONE,
    NATIONAL_ID
}
