package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/*
 * How a reply is put together:
 *  1. reply language (LanguageDetector.replyLanguage), intent cues (IntentDetector.analyze) and
 *     knowledge hits (KnowledgeIndex.search) are computed from the question;
 *  2. the intent is settled with the hits (a cue-less question that matches knowledge is a product
 *     question; an off-topic cue loses to a strong hit);
 *  3. the facts are picked in Java, as verbatim pieces of knowledge text (Facts), never generated;
 *  4. a FreeMarker template per intent and language wraps them in the persona's voice.
 * Phrasing variants and the occasional catchphrase are chosen by a hash of the question, so the same
 * question always gets the same reply.
 */
final class ReplyComposer {

    /** A hit this strong overrides an off-topic cue ("thời tiết nóng có cần thoa lại kem chống nắng?"). */
    static final double STRONG_HIT = 0.5;
    static final int WORDS_PER_CHUNK = 3;
    private static final int MAX_FACT_SENTENCES = 2;
    private static final int MAX_LISTED = 4;
    /** Service topics a question can be about even when retrieval finds no close entry. */
    private static final List<String> TOPICS = List.of(Lexicon.RETURN, Lexicon.HOURS, Lexicon.SUBSCRIBE,
            Lexicon.SHIP, Lexicon.ORDER, Lexicon.CONTACT);
    private static final Pattern WORD = Pattern.compile("\\S+\\s*");
    /** The polite particle "dạ", which folds to "da" (skin); matched only with its tone mark. */
    private static final Pattern POLITE_DA = Pattern.compile("(?<![\\p{L}])[dD]ạ(?![\\p{L}])");
    /** Words that carry no subject in a greeting, thanks or generic question (folded). */
    private static final Set<String> SOCIAL = Set.of("good", "morning", "afternoon", "evening", "night", "great",
            "nice", "awesome", "lot", "bye", "goodbye", "tam", "biet", "buoi", "sang", "chieu", "appreciate",
            "merci", "tysm", "alo", "lo", "he", "yo", "howdy", "hiya", "greeting", "helo", "hallo", "hii", "heyy",
            "name", "ten", "bot", "human", "real", "nguoi", "cute", "dep", "help", "assistant", "tro", "ly", "ơi",
            "dear", "friend", "everyone", "all", "guy", "moi", "team", "day", "ngay", "tot", "lanh", "person",
            "robot", "machine", "people", "cool", "perfect", "tuyet", "voi", "oke", "okie", "got", "vang");

    private final ComposerPersona persona;
    private final KnowledgeIndex index;
    private final Set<String> personaTerms;

    ReplyComposer(ComposerPersona persona, KnowledgeIndex index) {
        this.persona = Objects.requireNonNull(persona, "persona");
        this.index = Objects.requireNonNull(index, "index");
        Set<String> names = new HashSet<>();
        for (String s : List.of(persona.name(), persona.brandName(), persona.id())) {
            for (Text.Token t : Text.words(s)) {
                names.add(Lexicon.stem(t.folded()));
            }
        }
        this.personaTerms = Set.copyOf(names);
    }

    Composition compose(String rawQuestion) {
        String question = rawQuestion == null ? "" : rawQuestion.strip();
        String language = LanguageDetector.replyLanguage(question, persona.languages(), ReplyTemplates.LANGUAGES);
        IntentDetector.Signals signals = IntentDetector.analyze(question);
        List<KnowledgeHit> hits = question.isEmpty() ? List.of() : index.search(question, 5, personaTerms);
        Set<String> residual = residualTerms(question);
        Intent intent = decide(signals, hits, residual);
        int hash = question.toLowerCase(Locale.ROOT).hashCode();

        Map<String, Object> model = new HashMap<>();
        model.put("name", persona.name());
        model.put("brand", persona.brandName());
        model.put("contactUrl", persona.contactUrl());
        model.put("contactEmail", persona.contactEmail());
        model.put("variant", Math.floorMod(hash, 3));
        model.put("greeted", signals.has(Intent.GREETING) && intent != Intent.GREETING
                && intent != Intent.COMPLAINT && intent != Intent.OFF_TOPIC);
        List<String> used = new ArrayList<>();
        String template = intent.id();
        boolean voice = true;

        switch (intent) {
            case GREETING -> model.put("greeting", inLanguage(persona.greeting(), language));
            case THANKS, COMPLAINT -> voice = intent == Intent.THANKS;
            case OFF_TOPIC -> voice = false;
            case PRICE -> template = price(hits, residual, model, used);
            case SHIPPING -> template = topical(Lexicon.SHIP, true, hits, question, model, used)
                    ? "shipping" : "no_answer";
            case PURCHASE_INTENT -> template = purchase(question, residual, model, used);
            case PRODUCT_QUESTION -> template = product(signals, hits, residual, question, model, used);
        }
        if ("no_answer".equals(template)) {
            voice = false;
        }
        if (voice) {
            model.put("catchphrase", catchphrase(language, hash));
        }
        String text = ReplyTemplates.render(language, template, model);
        return new Composition(text, intent, language, used, chunks(text));
    }

    private Intent decide(IntentDetector.Signals s, List<KnowledgeHit> hits, Set<String> residual) {
        boolean strong = !hits.isEmpty() && hits.get(0).score() >= STRONG_HIT;
        if (s.has(Intent.COMPLAINT)) {
            return Intent.COMPLAINT;
        }
        if (s.offTopic() && !strong) {
            return Intent.OFF_TOPIC;
        }
        for (Intent i : List.of(Intent.SHIPPING, Intent.PRICE, Intent.PURCHASE_INTENT)) {
            if (s.has(i)) {
                return i;
            }
        }
        boolean social = s.has(Intent.THANKS) || s.has(Intent.GREETING);
        if (social && residual.isEmpty()) {
            return s.has(Intent.THANKS) ? Intent.THANKS : Intent.GREETING;
        }
        if (!hits.isEmpty() || s.has(Intent.PRODUCT_QUESTION)) {
            return Intent.PRODUCT_QUESTION;
        }
        if (social) {
            return s.has(Intent.THANKS) ? Intent.THANKS : Intent.GREETING;
        }
        return Intent.OFF_TOPIC;
    }

    /** Subject words of the question: retrieval unigrams minus names and small talk. */
    private Set<String> residualTerms(String question) {
        Set<String> out = new HashSet<>();
        for (String t : Lexicon.terms(POLITE_DA.matcher(question).replaceAll(" "))) {
            if (!t.contains("_") && !personaTerms.contains(t) && !SOCIAL.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private String price(List<KnowledgeHit> hits, Set<String> residual, Map<String, Object> model, List<String> used) {
        if (!hits.isEmpty()) {
            Knowledge top = hits.get(0).knowledge();
            model.put("title", top.title());
            used.add(top.id());
            String clauses = Facts.priceClauses(top.text());
            if (clauses.isEmpty()) {
                return "price_unknown";
            }
            model.put("fact", clauses);
            return "price";
        }
        if (residual.isEmpty()) {
            List<Map<String, String>> items = new ArrayList<>();
            for (Knowledge k : index.entries()) {
                if (items.size() < MAX_LISTED && isProduct(k) && Facts.hasPrice(k.text())) {
                    items.add(Map.of("title", k.title(), "fact", Facts.priceClauses(k.text())));
                    used.add(k.id());
                }
            }
            if (!items.isEmpty()) {
                model.put("items", items);
                return "price_list";
            }
        }
        return "no_answer";
    }

    private String product(IntentDetector.Signals s, List<KnowledgeHit> hits, Set<String> residual, String question,
                           Map<String, Object> model, List<String> used) {
        boolean generic = s.catalog() || residual.isEmpty();
        if (!hits.isEmpty() && !(s.catalog() && hits.get(0).score() < STRONG_HIT)) {
            Knowledge top = hits.get(0).knowledge();
            model.put("title", top.title());
            model.put("fact", Facts.relevant(top.text(), question, MAX_FACT_SENTENCES));
            used.add(top.id());
            return "product_question";
        }
        Set<String> asked = Lexicon.concepts(question);
        for (String concept : TOPICS) {
            if (asked.contains(concept) && topical(concept, false, hits, question, model, used)) {
                return "product_question";
            }
        }
        if (generic) {
            List<String> titles = new ArrayList<>();
            for (Knowledge k : index.entries()) {
                if (titles.size() < MAX_LISTED && isProduct(k)) {
                    titles.add(k.title());
                    used.add(k.id());
                }
            }
            if (!titles.isEmpty()) {
                model.put("titles", titles);
                return "catalog";
            }
        }
        return "no_answer";
    }

    /**
     * How to buy: the price of the product asked about, when the best hit is a priced product, and
     * the entry about ordering (else about the store); the template points to the contact when
     * there is neither.
     */
    private String purchase(String question, Set<String> residual, Map<String, Object> model, List<String> used) {
        Set<String> ignored = new HashSet<>(personaTerms);
        ignored.add(Lexicon.ORDER);
        List<KnowledgeHit> hits = index.search(question, 5, ignored);
        residual.remove(Lexicon.ORDER);
        if (hits.isEmpty() && !residual.isEmpty()) {
            return "no_answer"; // wants to buy something the knowledge does not mention
        }
        if (!hits.isEmpty()) {
            Knowledge top = hits.get(0).knowledge();
            if (isProduct(top) && Facts.hasPrice(top.text())) {
                model.put("productTitle", top.title());
                model.put("productFact", Facts.priceClauses(top.text()));
                used.add(top.id());
            }
        }
        if (!topical(Lexicon.ORDER, false, hits, question, model, used)) {
            topical(Lexicon.STORE, false, hits, question, model, used);
        }
        if (model.containsKey("fact") && model.containsKey("productFact")) {
            // keep the reply short: one sentence of how-to-buy after the product's price
            model.put("fact", Facts.relevant((String) model.get("fact"), question, 1));
        }
        return Intent.PURCHASE_INTENT.id();
    }

    /**
     * Puts the entry about {@code concept} (shipping, ordering ...) into the model: the best hit whose
     * title or tags are about it, else the first such entry at all, else (when {@code mentions}) the
     * best hit whose text mentions it.
     */
    private boolean topical(String concept, boolean mentions, List<KnowledgeHit> hits, String question, Map<String, Object> model,
                            List<String> used) {
        Optional<Knowledge> entry = hits.stream().map(KnowledgeHit::knowledge)
                .filter(k -> index.topicsOf(k).contains(concept)).findFirst();
        if (entry.isEmpty()) {
            entry = index.entries().stream().filter(k -> index.topicsOf(k).contains(concept)).findFirst();
        }
        if (entry.isEmpty() && mentions) {
            entry = hits.stream().map(KnowledgeHit::knowledge)
                    .filter(k -> index.conceptsOf(k).contains(concept)).findFirst();
        }
        if (entry.isEmpty()) {
            return false;
        }
        Knowledge k = entry.get();
        model.put("title", k.title());
        model.put("fact", Facts.relevant(k.text(), question, MAX_FACT_SENTENCES));
        used.add(k.id());
        return true;
    }

    /** A product entry: tagged as one, or a priced entry that is not about shipping, returns, hours or ordering. */
    private boolean isProduct(Knowledge k) {
        for (String tag : k.tags()) {
            String t = Text.fold(tag);
            if (t.equals("product") || t.equals("products") || t.equals("san pham")) {
                return true;
            }
        }
        Set<String> topics = index.topicsOf(k);
        return Facts.hasPrice(k.text()) && topics.stream().noneMatch(t -> t.equals(Lexicon.SHIP)
                || t.equals(Lexicon.RETURN) || t.equals(Lexicon.HOURS) || t.equals(Lexicon.ORDER)
                || t.equals(Lexicon.STORE) || t.equals(Lexicon.CONTACT));
    }

    /** The persona's own line when it is in the reply language (or undetectable and the default is). */
    private String inLanguage(String line, String language) {
        if (line == null) {
            return null;
        }
        String detected = LanguageDetector.detect(line);
        if (language.equals(detected) || (detected == null && language.equals(persona.defaultLanguage()))) {
            return line;
        }
        return null;
    }

    /** About one reply in three carries a catchphrase, picked by the question's hash. */
    private String catchphrase(String language, int hash) {
        List<String> phrases = persona.catchphrases();
        if (phrases.isEmpty()) {
            return null;
        }
        int pick = Math.floorMod(hash / 3, phrases.size() * 3);
        return pick < phrases.size() ? inLanguage(phrases.get(pick), language) : null;
    }

    /** Cuts the text after every {@value #WORDS_PER_CHUNK} words, keeping the whitespace. */
    static List<String> chunks(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int words = 0;
        Matcher m = WORD.matcher(text);
        int consumed = 0;
        while (m.find()) {
            if (m.start() > consumed) {
                chunk.append(text, consumed, m.start());
            }
            chunk.append(m.group());
            consumed = m.end();
            if (++words == WORDS_PER_CHUNK) {
                out.add(chunk.toString());
                chunk.setLength(0);
                words = 0;
            }
        }
        if (consumed < text.length()) {
            chunk.append(text, consumed, text.length());
        }
        if (chunk.length() > 0) {
            out.add(chunk.toString());
        }
        return out;
    }
}
