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
    THANKS,
    /** "Are you a real person?": always answered truthfully, as an AI. */
    ARE_YOU_AI,
    /** A comparison with a competitor: no claims about them, back to what the brand knows. */
    COMPETITOR,
    /** A health, medical or efficacy claim ("does it prevent cancer?"): not a medicine, see a professional. */
    HEALTH,
    /** Abuse aimed at the persona or brand: de-escalate, apologise, offer the contact. */
    INSULT,
    /** Politics, religion and similar: declined politely, redirected to what the persona can help with. */
    SENSITIVE,
    /** A product the knowledge does not have: said honestly, with the contact. */
    UNKNOWN_PRODUCT,
    /** Arithmetic over known facts: totals, free-shipping thresholds, bundle prices. */
    CALCULATION,
    /** A size lookup from the knowledge's size table (height/weight/waist/foot length to size). */
    SIZE_ADVICE;

    /** Lower-case name, as used in template names: {@code product_question}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
