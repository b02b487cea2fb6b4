package com.personaruntime.composer;

import java.util.Locale;

/** What an audience message asks for; picks the reply template. */
public enum Intent {
    /** Hello, or who-are-you. */
    GREETING,
    /** A question about a product, the brand or its services (opening hours, returns ...). */
    PRODUCT_QUESTION,
    /** How much something costs. */
    PRICE,
    /** Delivery times, costs and areas. */
    SHIPPING,
    /** Something went wrong: damaged, late, wrong item, a bad reaction. */
    COMPLAINT,
    /** Wants to buy or order. */
    PURCHASE_INTENT,
    /** Outside what the brand persona talks about. */
    OFF_TOPIC,
    /** Thank-you. */
    THANKS;

    /** Lower-case name, as used in template names: {@code product_question}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
