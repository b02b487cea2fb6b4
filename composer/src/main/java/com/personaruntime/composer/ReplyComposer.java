package com.personaruntime.composer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 *  1. the reply language is the question's when the templates have it (else the conversation's, else the
 *     persona's default); abbreviations, teencode and the persona's product nicknames are expanded;
 *  2. the dialogue state is replayed from the audience's earlier messages: the product in focus and the
 *     aspect last asked about, so "nó", "it", "còn ... thì sao?", "what about ...?" resolve;
 *  3. message-wide kinds come first: "are you human?" (always the truth), insults and complaints
 *     (apologise, de-escalate, contact), politics/religion (decline, redirect), health claims (not a
 *     medicine), competitors (no claims about them);
 *  4. the message is split into clauses; each clause is answered from the right entry: a product and the
 *     aspect asked (price, usage, ingredients, size, colour ...), a service topic (shipping, returns, hours),
 *     arithmetic (totals, free-shipping threshold, discounts) or the size table; facts are whole sentences
 *     of the knowledge or amounts read from it, never fragments;
 *  5. a FreeMarker template per language frames every part in the persona's voice and the audience's tone.
 * Phrasing variants and the occasional catchphrase are chosen by a hash of the question, so the same
 * question always gets the same reply.
 */
final class ReplyComposer {

    /** A hit this strong overrides an off-topic cue ("thời tiết nóng có cần thoa lại kem chống nắng?"). */
    static final double STRONG_HIT = 0.5;
    static final int WORDS_PER_CHUNK = 3;
    private static final int MAX_FACT_SENTENCES = 2;
    private static final int MAX_LISTED = 6;
    private static final List<String> TOPICS = List.of(Lexicon.SHIP, Lexicon.RETURN, Lexicon.PAY, Lexicon.HOURS,
            Lexicon.SUBSCRIBE, Lexicon.ORDER, Lexicon.CONTACT, Lexicon.STORE);
    /** Sentences about where a shop delivers ("We also ship to the UK", "giao toàn quốc", "ship đến"). */
    private static final Pattern DESTINATION = Pattern.compile(
            "(?iuU)\\b(ship(s|ping)? to|deliver(s|y)? to|we also ship|international|countries|abroad|worldwide|"
                    + "toàn quốc|nội thành|các tỉnh|tỉnh khác|quốc tế|nước ngoài|giao (đến|tới|ra)|gửi (đi|đến))\\b");
    private static final Pattern WORD = Pattern.compile("\\S+\\s*");
    private static final Pattern POLITE_DA = Pattern.compile("(?<![\\p{L}])[dD]ạ(?![\\p{L}])");
    private static final Set<String> SOCIAL = Set.of("good", "morning", "afternoon", "evening", "night", "great",
            "nice", "awesome", "lot", "bye", "goodbye", "tam", "biet", "buoi", "sang", "chieu", "appreciate",
            "merci", "tysm", "alo", "lo", "he", "yo", "howdy", "hiya", "greeting", "helo", "hallo", "hii", "heyy",
            "name", "ten", "bot", "human", "real", "nguoi", "cute", "dep", "help", "assistant", "tro", "ly", "ơi",
            "dear", "friend", "everyone", "all", "guy", "moi", "team", "day", "ngay", "tot", "lanh", "person",
            "robot", "machine", "people", "cool", "perfect", "tuyet", "voi", "oke", "okie", "got", "vang", "so",
            "much", "love", "thi", "that", "ai", "may", "chatbot", "talking", "chat", "hop", "nhieu", "lam", "qua");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("một", 1), Map.entry("hai", 2), Map.entry("ba", 3), Map.entry("bốn", 4), Map.entry("tư", 4),
            Map.entry("năm", 5), Map.entry("sáu", 6), Map.entry("bảy", 7), Map.entry("tám", 8), Map.entry("chín", 9),
            Map.entry("mười", 10), Map.entry("a", 1), Map.entry("an", 1));
    private static final Pattern QTY_X = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}.,])(?:x\\s?(\\d{1,2})|(\\d{1,2})\\s?x)(?![\\p{L}\\p{N}])");
    /** A history line that is a bracketed note of the runtime, not something the audience wrote. */
    private static final Pattern NOTE = Pattern.compile("\\s*\\[[^\\[\\]]{1,200}\\]\\s*");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,2})\\s?%");
    /** A count: a number of at most two digits or a word, standing alone (not "1.5", "2,000"). */
    private static final Pattern COUNT = Pattern.compile("(?<![\\p{L}\\p{N}.,])(\\d{1,2}|\\p{L}+)(?!\\p{N}|[.,]\\d)");
    /** A measurement token as {@link Text} cuts it ("500g", "1kg", "250ml"), folded. */
    private static final Pattern SIZE_TOKEN = Pattern.compile("\\d{1,5}(g|gr|gram|grams|gam|kg|ml|l|lit|oz|cl|cm|mm|in|inch)");
    /**
     * What glues a number into a model code or a measure, so it counts nothing: a letter right after it
     * ("2P", "20W", "15ml"; but "2x" is a count) or a hyphen and a letter ("4-person", "two-pack").
     */
    private static final Pattern GLUED = Pattern.compile("(?iu)(?:(?!x(?![\\p{L}]))\\p{L}|-\\p{L}|\\+)");

    private final ComposerPersona persona;
    private final KnowledgeIndex index;
    private final Set<String> personaTerms;
    private final Abbreviations abbreviations;
    /** Category names across languages, for this persona's knowledge ("rice cooker" reads "nồi cơm điện"). */
    private final Categories categories;
    /** Product names read word by word across languages ("hair dryer" reads "Máy sấy tóc ion âm"). */
    private final Glossary glossary;
    private final Voice voice;
    /** The brand's English possessive ("Brewhaus's", "Ridge & River Outfitters'"). */
    private final String brandOf;

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
        this.abbreviations = Abbreviations.shared().with(persona.abbreviations());
        this.categories = Categories.forKnowledge(persona.knowledge());
        this.glossary = Glossary.forKnowledge(persona.knowledge());
        this.voice = Voice.of(persona);
        List<String> own = new ArrayList<>(persona.catchphrases());
        if (persona.greeting() != null) {
            own.add(persona.greeting());
        }
        persona.knowledge().forEach(k -> own.add(k.text()));
        this.brandOf = possessive(persona.brandName(), own);
    }

    /** A plural-looking last word ending in s: "Outfitters", "Shoes", "Goods" (not "Brewhaus", "Paris", "Express"). */
    private static final Pattern PLURAL_END = Pattern.compile("(?i)(?:[^aiousy\\W\\d]s|es)$");

    /**
     * The English possessive of a name: as the brand writes it itself in the persona's lines or knowledge ("Ridge
     * & River Outfitters' guide", "Brewhaus's beans"), else an apostrophe alone after a plural-looking name ending
     * in s and "'s" after any other.
     */
    static String possessive(String name, List<String> ownTexts) {
        for (String t : ownTexts) {
            if (t == null) {
                continue;
            }
            int at = t.indexOf(name);
            while (at >= 0) {
                String after = t.substring(at + name.length());
                if (after.startsWith("'s") || after.startsWith("’s")) {
                    return name + "'s";
                }
                if ((after.startsWith("'") || after.startsWith("’")) && name.endsWith("s")) {
                    return name + "'";
                }
                at = t.indexOf(name, at + 1);
            }
        }
        return PLURAL_END.matcher(name).find() ? name + "'" : name + "'s";
    }

    Composition compose(String rawQuestion) {
        return compose(rawQuestion, List.of(), null);
    }

    /** What the earlier messages left in focus. */
    private record State(Knowledge focus, Set<Aspect> aspects, String language, Map<Knowledge, Integer> items,
                         boolean shipping, Set<Suitability.Group> groups) {
    }

    /** One clause, read. */
    private final class Clause {
        final String text;
        final List<Text.Token> tokens;
        final IntentDetector.Signals signals;
        final EnumSet<Aspect> aspects = EnumSet.noneOf(Aspect.class);
        final Set<String> topics;
        /** The topics the clause's own words name (not those of a service entry it names by a title word). */
        final Set<String> ownTopics;
        /** Asks where the shop is without naming a topic word ("tiệm ở đâu vậy", "where are you?"). */
        final boolean whereShop;
        /** Asks about a day of the week of the shop, naming no topic or entry ("do you do repairs on Sunday?"). */
        final boolean dayAsked;
        final List<Knowledge> named = new ArrayList<>();
        final boolean pronoun;
        final boolean followUp;
        /** The people or conditions a suitability question is about ("da dầu", "kids", "bà bầu"). */
        final Set<Suitability.Group> conditions;
        /** A product the knowledge does not have, named with words of one it has (see {@link #unknownName}). */
        final String unknownName;

        Clause(String text) {
            this.text = text;
            // a product's name is no cue: "Trà Lài" is not "trả lại" (returns), "Rain Jacket" asks nothing
            String cues = maskNames(text);
            this.tokens = Text.tokens(cues);
            this.signals = IntentDetector.analyze(cues);
            for (Aspect a : Aspect.values()) {
                if (a != Aspect.PRICE && a.askedIn(tokens)) {
                    aspects.add(a);
                }
            }
            if (signals.has(Intent.PRICE)) {
                aspects.add(Aspect.PRICE);
            }
            if (IntentDetector.any(tokens, Cues.WHERE) && IntentDetector.any(tokens, Cues.PRODUCED)) {
                aspects.add(Aspect.ORIGIN); // "where is the granola made?"
            }
            if (aspects.stream().anyMatch(Aspect.TIMED::contains)) {
                aspects.remove(Aspect.DURATION); // "để được bao lâu" asks the shelf life
            }
            if (aspects.stream().anyMatch(Aspect.BREWING::contains) || aspects.contains(Aspect.STORAGE)) {
                aspects.remove(Aspect.USAGE); // "pha nước bao nhiêu độ" asks the temperature, not every step
            }
            this.conditions = Suitability.asked(tokens);
            if (!conditions.isEmpty()) {
                aspects.add(Aspect.SUITABILITY); // "trẻ em uống được không", "I'm allergic to fish"
                if (Suitability.contents(conditions)) {
                    aspects.remove(Aspect.INGREDIENTS); // "does it contain nuts?" asks about nuts, not every ingredient
                }
                if (!IntentDetector.any(tokens, HOW_TO_USE)) {
                    aspects.remove(Aspect.USAGE); // "serum dùng cho trẻ em được không": "dùng" asks who may use it
                }
            }
            this.topics = new HashSet<>(Lexicon.concepts(cues));
            topics.retainAll(TOPICS);
            if (signals.has(Intent.SHIPPING)) {
                topics.add(Lexicon.SHIP);
            }
            this.ownTopics = Set.copyOf(topics);
            this.unknownName = unknownName(text);
            for (Map.Entry<Knowledge, Integer> e : namedOutsideUnknown(Places.masked(levelsMasked(text)), unknownName)) {
                if (isProduct(e.getKey()) || !isTopical(e.getKey())) {
                    named.add(e.getKey());
                } else if (ownTopics.isEmpty()
                        && aspects.stream().allMatch(a -> a == Aspect.PAYMENT || a == Aspect.PAUSE_OR_SKIP)) {
                    // only when the clause names no topic of its own: "có nhận momo ko" asks paying, though
                    // "nhận" is a word of the title "Nhận và giao xe tận nơi"
                    // "tea club tạm dừng được không": a service entry named by its own title asks its topic (not
                    // "what's the warranty on it?", a product's aspect that a "Returns and warranty" entry names)
                    for (String t : index.topicsOf(e.getKey())) {
                        if (TOPICS.contains(t)) {
                            topics.add(t);
                        }
                    }
                }
            }
            if (!conditions.isEmpty() && named.size() > 1) {
                // "Kem chống nắng có hợp da dầu không?": "da dầu" is who it is for, it does not also name the
                // "Combo da dầu mụn" beside the sunscreen the clause names
                List<Text.Token> all = Text.tokens(levelsMasked(text));
                boolean[] condition = Suitability.covered(all);
                StringBuilder rest = new StringBuilder();
                for (int i = 0; i < all.size(); i++) {
                    rest.append(condition[i] ? " , " : " " + all.get(i).raw());
                }
                Set<Knowledge> still = new HashSet<>();
                index.named(rest.toString(), personaTerms).forEach(e -> still.add(e.getKey()));
                if (named.stream().anyMatch(still::contains)) {
                    named.retainAll(still);
                }
            }
            if (named.size() > 1 && yesNo(this)) {
                // "hạt mèo lớn có taurine không": a word only the kitten food's sheet uses is what the clause asks
                // of the adult food it names, it does not name the kitten food too
                Set<Knowledge> titled = new HashSet<>();
                index.named(levelsMasked(text), personaTerms, false).forEach(e -> titled.add(e.getKey()));
                if (!titled.isEmpty() && named.stream().anyMatch(titled::contains)) {
                    named.retainAll(titled);
                }
            }
            if (topics.contains(Lexicon.CONTACT) && (!named.isEmpty() || !aspects.isEmpty() || topics.size() > 1)
                    && IntentDetector.any(tokens, BY_CONTACT)
                    && !IntentDetector.any(tokens, CONTACT_ASKED)) {
                // "Can I book the trial lesson by phone?", "Can I cancel a lesson by email?": the phone is how to do
                // what the clause asks of an entry or an aspect, not a question about the brand's number
                topics.remove(Lexicon.CONTACT);
            }
            this.pronoun = IntentDetector.any(tokens, Cues.PRONOUN);
            this.followUp = IntentDetector.any(tokens, Cues.FOLLOW_UP);
            this.whereShop = topics.isEmpty() && !pronoun && named.isEmpty() && IntentDetector.any(tokens, Cues.WHERE)
                    && !IntentDetector.any(tokens, Cues.PRODUCED)
                    && (IntentDetector.any(tokens, SHOP_PLACE) || residual(text).isEmpty());
            if (whereShop) {
                // "tiệm ở đâu vậy", "shop o dau", "where are you?": where the shop is
                topics.add(Lexicon.STORE);
            }
            this.dayAsked = topics.isEmpty() && !pronoun && named.isEmpty() && IntentDetector.any(tokens, DAYS);
            if (dayAsked) {
                // "do u do repairs on sunday??", "chủ nhật tiệm có làm không": a day asked of the shop is its hours
                topics.add(Lexicon.HOURS);
            }
            if (!conditions.isEmpty() && (pronoun || named.stream().anyMatch(ReplyComposer.this::isProduct)
                    || !IntentDetector.any(tokens, Cues.HAVE))) {
                // "is the latte ok for kids?": the kids are who it is for, not the "Children's Corner" entry
                named.removeIf(k -> !isProduct(k));
            }
        }

        /** No aspect asked, or only how long ("and how long does it take?" after a delivery question). */
        boolean noAspectButDuration() {
            return aspects.isEmpty() || aspects.equals(EnumSet.of(Aspect.DURATION));
        }

        boolean asks() {
            return !named.isEmpty() || !aspects.isEmpty() || !topics.isEmpty() || signals.question()
                    || !SizeTable.measurements(text).isEmpty()
                    || signals.has(Intent.PURCHASE_INTENT) || signals.has(Intent.PRODUCT_QUESTION) || followUp;
        }
    }

    Composition compose(String rawQuestion, List<String> history, Audience audience) {
        String raw = rawQuestion == null ? "" : rawQuestion.strip();
        List<String> past = history == null ? List.of() : history;
        State state = replay(past);
        // sentences about the assistant's own instructions ("ignore previous instructions", "từ giờ bạn là
        // ...") are neither obeyed nor quoted: only the rest of the message is answered
        Directives.Split directives = Directives.split(raw);
        String asked = directives.found() ? directives.rest() : raw;
        String detected = LanguageDetector.detect(asked.isBlank() ? raw : asked);
        String language = replyLanguage(detected, state.language());
        // a category named in the other language than the knowledge's reads as the knowledge's name for it
        // ("How much is the rice cooker?" for "Nồi cơm điện cao tần"); the reply stays in the question's language
        String question = categories.translate(glossary.translate(
                abbreviations.expand(asked, detected != null ? detected : language)));
        if (audience == null) {
            audience = Audience.resolve(persona, null, raw, past);
        }
        int hash = raw.toLowerCase(Locale.ROOT).hashCode();
        String cueText = maskNames(question);
        List<Text.Token> tokens = Text.tokens(cueText);
        IntentDetector.Signals signals = IntentDetector.analyze(cueText);
        List<Map<String, Object>> parts = new ArrayList<>();
        List<String> used = new ArrayList<>();
        Intent intent = null;
        boolean stop = false;
        List<KnowledgeHit> hits = question.isEmpty() ? List.of() : index.search(question, 5, personaTerms);
        boolean strong = !hits.isEmpty() && hits.get(0).score() >= STRONG_HIT;

        if (IntentDetector.any(tokens, Cues.AI_QUESTION)) {
            parts.add(part("human"));
            intent = Intent.ARE_YOU_AI;
        }
        // "bạn đã từng đạp thử xe địa hình chưa", "have you tried it?": an AI has used nothing; the clause gets that
        // answer (never a claimed experience, never the product's price as if it answered)
        boolean experience = Experience.asked(tokens);
        if (experience) {
            parts.add(part("own_experience"));
            intent = first(intent, Intent.ARE_YOU_AI);
        }
        // "gọi lại cho mình nhé", "call me back": the persona cannot call, and says how to reach a person (a number
        // typed in the chat is hidden from the staff) instead of answering the hotline as if it had been asked
        boolean callback = Callback.asked(tokens);
        // "my email is ..., please send me the price list": nothing is sent anywhere, the same holds
        boolean send = !callback && Callback.sendAsked(tokens);
        if (callback || send) {
            Map<String, Object> p = part("callback");
            p.put("send", send);
            if (persona.contactPhone() == null) {
                topicalEntry(Lexicon.CONTACT, List.of()).ifPresent(k -> {
                    p.put("fact", withoutContact(Facts.relevant(k.text(), question, 1)));
                    p.put("foreign", foreign(k, language));
                    used.add(k.id());
                });
            }
            parts.add(p);
            intent = first(intent, Intent.ARE_YOU_AI);
        }
        callback |= send;
        // a competitor insulted or fakes asked about is no frustration with us: no apology, only the answer
        boolean elsewhere = Grievance.aimedElsewhere(question, persona.competitors());
        if (elsewhere && audience.sentiment() == Sentiment.FRUSTRATED) {
            audience = new Audience(audience.segment(), audience.style(), audience.inferred(), Sentiment.NEUTRAL);
        }
        if (elsewhere) {
            // answered below as the question it is
        } else if (IntentDetector.any(tokens, Cues.INSULT)) {
            parts.add(part("insult"));
            intent = first(intent, Intent.INSULT);
        } else if (signals.has(Intent.COMPLAINT)) {
            Map<String, Object> p = part("complaint");
            topicalEntry(Lexicon.RETURN, List.of()).ifPresent(k -> {
                p.put("returnsFact", Facts.relevant(k.text(), question, 1));
                p.put("returnsForeign", foreign(k, language));
                used.add(k.id());
            });
            parts.add(p);
            intent = first(intent, Intent.COMPLAINT);
            stop = true;
        } else if (IntentDetector.any(tokens, IntentDetector.COMPLAINT)) {
            // "nếu sp bị vỡ thì sao", "what if it arrives damaged?": a condition asked about (see Hypothetical) is
            // answered with the return policy, without the apology a reported fault gets
            Optional<Knowledge> returns = topicalEntry(Lexicon.RETURN, List.of());
            if (returns.isPresent()) {
                Knowledge k = returns.get();
                Map<String, Object> p = part("topic");
                p.put("title", k.title());
                p.put("fact", Facts.relevant(k.text(), question, MAX_FACT_SENTENCES));
                p.put("foreign", foreign(k, language));
                used.add(k.id());
                parts.add(p);
                intent = first(intent, Intent.PRODUCT_QUESTION);
                stop = true;
            }
        }
        if (!stop && IntentDetector.any(tokens, Cues.SENSITIVE) && !strong) {
            parts.add(part("sensitive"));
            intent = first(intent, Intent.SENSITIVE);
            stop = true;
        }
        String competitor = competitorNamed(question);
        List<Knowledge> namedAll = new ArrayList<>();
        for (Map.Entry<Knowledge, Integer> e : index.named(Places.masked(levelsMasked(question)), personaTerms)) {
            if (isProduct(e.getKey())) {
                namedAll.add(e.getKey());
            }
        }
        // "cho mình đặt lịch bảo dưỡng sáng mai 9h", "can I book a full service?": the persona books nothing; it says
        // so and how to book, never reads as a confirmed booking
        boolean booking = !callback && !stop && IntentDetector.any(tokens, BOOKING);
        if (booking) {
            Clause whole = new Clause(question);
            Answer b = purchase(whole, namedAll, language, used);
            parts.addAll(b.parts);
            intent = first(intent, Intent.PURCHASE_INTENT);
        }
        if (!stop && (competitor != null || (IntentDetector.any(tokens, Cues.COMPARISON) && namedAll.size() < 2
                && comparesWithOutsider(question)))) {
            Map<String, Object> p = part("competitor");
            Knowledge ours = !namedAll.isEmpty() ? namedAll.get(0) : state.focus();
            if (ours != null) {
                p.put("title", ours.title());
                p.put("fact", Facts.relevant(ours.text(), question, MAX_FACT_SENTENCES));
                p.put("foreign", foreign(ours, language));
                used.add(ours.id());
            }
            parts.add(p);
            intent = first(intent, Intent.COMPETITOR);
            stop = true;
        }
        if (!stop && new HashSet<>(namedAll).size() >= 2) {
            // "which is less acidic, the Yirgacheffe or the House Blend?": each one's sentence about it, else an
            // honest "I can't compare them on that"
            Comparison.Asked compared = Comparison.read(tokens);
            if (compared != null) {
                parts.addAll(comparison(compared, new ArrayList<>(new java.util.LinkedHashSet<>(namedAll)), language, used));
                intent = first(intent, Intent.PRODUCT_QUESTION);
                stop = true;
            }
        }
        boolean health = false;
        // "bà bầu dùng được không", "I'm on blood thinners": a condition to check against the knowledge (see
        // Suitability), not a claimed effect; answered from the sentence about it, else with the doctor line
        if (!stop && IntentDetector.any(tokens, Cues.HEALTH) && !Suitability.onlyConditions(tokens, Cues.HEALTH)) {
            Map<String, Object> p = part("health");
            Knowledge subject = !namedAll.isEmpty() ? namedAll.get(0) : null;
            if (subject == null && (IntentDetector.any(tokens, Cues.PRONOUN) || namedAll.isEmpty())) {
                subject = state.focus();
            }
            // a rental or a repair is no remedy anyone would take: "Will cycling cure my back pain?" is about the
            // activity, and "Bike rental for tourists is not a medicine" would answer nothing
            if (subject != null && !service(subject, null)) {
                p.put("title", Titles.product(subject.title()));
            }
            parts.add(p);
            intent = first(intent, Intent.HEALTH);
            health = true;
        }
        if (!stop && signals.offTopic() && !strong && !IntentDetector.any(tokens, Cues.SENSITIVE)) {
            parts.add(part("off_topic"));
            intent = first(intent, Intent.OFF_TOPIC);
            stop = true;
        }

        Intent clauseIntent = null;
        if (callback && !stop) {
            // nothing else asked beside the request and the number given: the callback line is the answer
            boolean more = false;
            for (String c : Clauses.split(question, s -> new Clause(s).asks())) {
                more |= callbackRest(new Clause(c));
            }
            stop = !more;
        }
        if (!stop && !health) {
            // "Do you have gluten-free bread?", "có cà phê hữu cơ không": none of that kind is described so. Read as
            // typed (before category names are translated: "bread" is the tag of every bread, not one title)
            String typed = abbreviations.expand(asked, detected != null ? detected : language);
            if (Clauses.split(typed, s -> new Clause(s).asks()).size() == 1) {
                Map<String, Object> none = absent(new Clause(typed), language, used);
                if (none == null && !typed.equals(question)) {
                    none = absent(new Clause(question), language, used); // "cà phê" read as the tag "coffee"
                }
                if (none != null) {
                    parts.add(none);
                    intent = first(intent, Intent.PRODUCT_QUESTION);
                    stop = true;
                }
            }
        }
        if (!stop) {
            Knowledge focus = state.focus();
            Set<Aspect> lastAspects = state.aspects();
            Set<Suitability.Group> lastGroups = state.groups();
            // arithmetic over the whole message first: "serum và kem dưỡng tổng cộng bao nhiêu?" names its
            // products in one clause and asks the total in another
            Clause whole = new Clause(question);
            Answer calc = calculation(whole, namedProducts(whole, focus), state, language, used);
            if (calc != null) {
                parts.addAll(calc.parts);
                clauseIntent = calc.intent;
                if (calc.entity != null) {
                    focus = calc.entity;
                }
            }
            List<Map<String, Object>> seen = new ArrayList<>();
            boolean shipping = state.shipping();
            for (String c : Clauses.split(question, s -> new Clause(s).asks())) {
                Clause clause = new Clause(c);
                if (!clause.asks() && clause.named.isEmpty()) {
                    continue; // "Omg I love it!!": nothing asked
                }
                if (!parts.isEmpty() && clause.named.isEmpty() && clause.aspects.isEmpty() && clause.topics.isEmpty()
                        && IntentDetector.any(clause.tokens, RECOMMEND)) {
                    continue; // "I have dry skin, what would you recommend?": the clause before it was answered
                }
                if (health && IntentDetector.any(clause.tokens, Cues.HEALTH)) {
                    continue; // answered by the honesty line
                }
                if (intent == Intent.ARE_YOU_AI && IntentDetector.any(clause.tokens, Cues.AI_QUESTION)) {
                    continue;
                }
                if (experience && Experience.asked(clause.tokens)) {
                    continue; // answered by the own-experience line
                }
                if (send && Callback.sendVerb(clause.tokens)) {
                    // "please send me the price list": nothing is sent, the list is given here
                    if (clause.aspects.contains(Aspect.PRICE)) {
                        Answer list = catalog(true, used);
                        if (list != null) {
                            parts.addAll(list.parts);
                        }
                    }
                    continue;
                }
                if (booking && IntentDetector.any(clause.tokens, BOOKING)) {
                    continue; // answered by the booking line
                }
                if (clause.named.isEmpty() && clause.aspects.isEmpty() && IntentDetector.any(clause.tokens, HONESTY)) {
                    continue; // "nói thật đi", "be honest": how to answer, not a question of its own
                }
                if (callback && !callbackRest(clause)) {
                    continue; // answered by the callback line
                }
                if (calc != null && (clause.aspects.contains(Aspect.PRICE) || IntentDetector.any(clause.tokens, Cues.TOTAL)
                        || (clause.aspects.equals(EnumSet.of(Aspect.SIZE)) && !Variants.find(clause.text).isEmpty())
                        || IntentDetector.any(clause.tokens, Cues.FREE_SHIPPING) || clause.topics.contains(Lexicon.SHIP)
                        || (clause.noAspectButDuration() && clause.topics.isEmpty()))) {
                    boolean shipRule = IntentDetector.any(clause.tokens, Cues.FREE_SHIPPING)
                            || !Money.findAll(clause.text).isEmpty();
                    if (shipRule || !IntentDetector.any(clause.tokens, Cues.DURATION)) {
                        shipping |= shipRule || clause.topics.contains(Lexicon.SHIP);
                        continue; // the calculation answered it
                    }
                    shipping = true; // "and how long does it take?" beside a free-shipping total: the delivery time
                }
                Answer a = answer(clause, question, focus, lastAspects, lastGroups, shipping, language, used);
                shipping = clause.topics.contains(Lexicon.SHIP) && clause.named.stream().noneMatch(this::isProduct);
                if (a == null) {
                    continue;
                }
                for (Map<String, Object> p : a.parts) {
                    if (!seen.contains(p)) {
                        seen.add(p);
                        parts.add(p);
                    }
                }
                clauseIntent = first(clauseIntent, a.intent);
                if (a.entity != null) {
                    focus = a.entity;
                }
                if (a.aspect != null) {
                    lastAspects = EnumSet.of(a.aspect);
                }
            }
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            Map<String, Object> p = parts.get(i);
            if ("price".equals(p.get("kind")) && p.get("amount") != null) {
                for (Map<String, Object> other : parts) {
                    if (other != p && "fact".equals(other.get("kind")) && Objects.equals(other.get("title"), p.get("title"))
                            && String.valueOf(other.get("fact")).contains((String) p.get("amount"))) {
                        parts.remove(i);
                        break;
                    }
                }
            }
        }
        dropRepeats(parts);
        joinSameTopic(parts);
        for (Map<String, Object> p : parts) {
            // "Đổi trả: Đổi trả trong 15 ngày ...": a fact that opens with the title is said without it
            if (p.get("fact") instanceof String f && p.get("title") instanceof String t
                    && (Text.fold(f).startsWith(Text.fold(t)) || Titles.question(t)
                    || ("topic".equals(p.get("kind")) && opensWithTitleWords(f, t)))) {
                // an FAQ answer is said without its question ("Mèo mấy tháng thì ăn được hạt?: Từ 2 tháng ..."): a
                // title that is a question naming nothing ("Giao hàng mất bao lâu?") is never said as a name
                p.put("restates", true);
            }
        }
        for (Map<String, Object> p : parts) {
            // "Có trà sữa matcha không?" (an entry made from an audience's question) is said as "trà sữa matcha"
            if (p.get("title") instanceof String t && Titles.question(t) && Titles.spoken(t) != null) {
                p.put("title", Titles.spoken(t));
            }
        }
        sizeRange(parts, question);
        if (intent == null) {
            intent = clauseIntent;
        }
        if (directives.found()) {
            // what is left of a message that told the assistant what to be or say: only real answers stay
            parts.removeIf(p -> NOT_AN_ANSWER.contains((String) p.get("kind")));
            if (parts.isEmpty()) {
                parts.add(part("directive"));
                intent = Intent.OFF_TOPIC;
            }
        }
        if (parts.isEmpty()) {
            // a message that asks something is a question even with a thanks or greeting in it
            boolean social = !signals.asks() && (signals.has(Intent.THANKS) || signals.has(Intent.GREETING));
            if (social && signals.has(Intent.THANKS)) {
                parts.add(part("thanks"));
                intent = Intent.THANKS;
            } else if (social) {
                Map<String, Object> p = part("greeting");
                String g = inLanguage(persona.greeting(), language);
                if (g != null) {
                    p.put("greeting", g);
                }
                parts.add(p);
                intent = Intent.GREETING;
            } else if (intent == null) {
                parts.add(part(signals.question() || signals.has(Intent.PRODUCT_QUESTION) ? "no_answer" : "off_topic"));
                intent = signals.question() || signals.has(Intent.PRODUCT_QUESTION) ? Intent.PRODUCT_QUESTION
                        : Intent.OFF_TOPIC;
            }
        }
        boolean greeted = signals.has(Intent.GREETING) && intent != Intent.GREETING && intent != Intent.ARE_YOU_AI
                && intent != Intent.COMPLAINT && intent != Intent.INSULT;
        boolean thanked = signals.has(Intent.THANKS) && intent != Intent.THANKS && intent != Intent.COMPLAINT
                && intent != Intent.INSULT;

        Map<String, Object> model = new HashMap<>();
        model.put("name", persona.name());
        model.put("brand", persona.brandName());
        model.put("brandOf", brandOf);
        model.put("me", voice.self());
        model.put("Me", capitalised(voice.self()));
        model.put("you", voice.address());
        model.put("You", capitalised(voice.address()));
        model.put("contactUrl", persona.contactUrl());
        model.put("contactEmail", persona.contactEmail());
        model.put("contactPhone", persona.contactPhone());
        model.put("variant", Math.floorMod(hash, 3));
        model.put("greeted", greeted);
        model.put("thanked", thanked);
        model.put("parts", parts);
        model.put("sentiment", audience.sentiment().id());
        model.put("register", audience.register().name().toLowerCase(Locale.ROOT));
        model.put("explains", audience.explains());
        model.put("segment", audience.segment());
        boolean cheerful = audience.sentiment() != Sentiment.FRUSTRATED && audience.register() != Audience.Register.FORMAL
                && Set.of(Intent.PRICE, Intent.PRODUCT_QUESTION, Intent.SHIPPING, Intent.PURCHASE_INTENT, Intent.THANKS,
                Intent.GREETING, Intent.CALCULATION, Intent.SIZE_ADVICE).contains(intent);
        if (cheerful) {
            model.put("catchphrase", catchphrase(language, hash));
        }
        String text = ReplyTemplates.render(language, "reply", model);
        return new Composition(text, intent, language, used.stream().distinct().toList(), chunks(text),
                unanswered(parts), cardFacts(parts));
    }

    /**
     * The text with the product names it mentions blanked out, for reading cues: a name of two or more
     * words, or one with a digit ("X200"), is the product's name, not a request ("Trà Lài 5 Sao" holds
     * "trả lại", "Immune Boost Tea" a health word). Single plain words stay ("care" may name a kit and ask
     * about care).
     */
    private String maskNames(String text) {
        List<ProductNames.Mention> mentions = index.mentions(text);
        if (mentions.isEmpty()) {
            return text;
        }
        String nfc = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
        StringBuilder b = new StringBuilder(nfc);
        List<ProductNames.Piece> pieces = ProductNames.pieces(nfc);
        for (ProductNames.Mention m : mentions) {
            boolean words = pieces.get(m.to() - 1).word() > pieces.get(m.from()).word();
            boolean code = nfc.substring(m.start(), m.end()).chars().anyMatch(Character::isDigit);
            if (m.entry() != null && (words || code) && !condition(nfc.substring(m.start(), m.end()))) {
                for (int i = m.start(); i < m.end(); i++) {
                    b.setCharAt(i, ' ');
                }
            }
        }
        return b.toString();
    }

    /**
     * True when the words are all a condition's ("da dầu" of "Combo da dầu mụn", "sensitive skin"): who a product is
     * for, asked as such ("kem chống nắng có hợp da dầu không"), so no name to mask.
     */
    private static boolean condition(String words) {
        List<Text.Token> tokens = Text.tokens(words);
        boolean[] covered = Suitability.covered(tokens);
        for (boolean c : covered) {
            if (!c) {
                return false;
            }
        }
        return covered.length > 0;
    }

    /**
     * Whether a clause of a callback request asks something more than the callback: not the request itself, not the
     * audience's own number ("Số điện thoại của mình là ...", "my number is ..."), not a bare contact word.
     */
    /**
     * A contact sentence without the clauses naming the persona's own url or e-mail, which the reply already gives
     * ("Hotline 1800 0000 (miễn phí), email hotro@lumiere.example" beside "liên hệ ... hotro@lumiere.example").
     */
    private String withoutContact(String fact) {
        List<String> kept = new ArrayList<>();
        for (String clause : fact.split(",\\s+")) {
            String c = clause.toLowerCase(Locale.ROOT);
            boolean said = (persona.contactEmail() != null && c.contains(persona.contactEmail().toLowerCase(Locale.ROOT)))
                    || (persona.contactUrl() != null && c.contains(persona.contactUrl().toLowerCase(Locale.ROOT)));
            if (!said) {
                kept.add(clause);
            }
        }
        String out = Facts.trimEnd(String.join(", ", kept));
        return out.isBlank() ? fact : out;
    }

    private boolean callbackRest(Clause clause) {
        if (Callback.asked(clause.tokens)) {
            return false;
        }
        Set<String> rest = new HashSet<>(clause.topics);
        rest.remove(Lexicon.CONTACT);
        return !clause.named.isEmpty() || !rest.isEmpty() || !clause.aspects.isEmpty()
                || (clause.signals.question() && !clause.topics.contains(Lexicon.CONTACT)
                && clause.tokens.stream().noneMatch(Text.Token::numeric));
    }

    /**
     * A level asked of a drink or a dish: a percentage ("50% đường", "đá 30%", "70% sweet") or a level word before sugar, ice, sweetness, milk, fat, salt or spice ("ít đường", "it da", "không đá", "bớt ngọt",
     * "less ice", "no sugar", "half sweet", "extra milk"), with or without diacritics. Linear: fixed alternatives,
     * no nested quantifiers.
     */
    private static final Pattern LEVEL = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:(?:\\d{1,3}\\s?%\\s?"
            + "|(?:ít|it|nhiều|nhieu|không|khong|ko|bớt|bot|vừa|vua|less|no|half|extra|more|little)\\s)"
            + "(?:đường|duong|đá|ngọt|ngot|sữa|sua|béo|beo|muối|muoi|cay|sugar|ice|sweet|sweetness|milk|salt|spice|"
            + "spicy)|(?:đường|duong|đá|sugar|ice|ngọt|ngot|sweetness)\\s?\\d{1,3}\\s?%)(?![\\p{L}\\p{N}])");

    /**
     * The text with its levels blanked (same length, so offsets hold): a level's word names no product, so "lấy 2 ly
     * trà sữa size L, 50% đường" orders no "Trân châu đường đen" and "less ice" no "Ice Jelly".
     */
    static String levelsMasked(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = LEVEL.matcher(text);
        StringBuilder b = null;
        while (m.find()) {
            if (b == null) {
                b = new StringBuilder(text);
            }
            for (int i = m.start(); i < m.end(); i++) {
                b.setCharAt(i, ' ');
            }
        }
        return b == null ? text : b.toString();
    }

    /** A range of sizes a sentence states: "Sizes EU 38-46", "size 36–41", "cỡ 35-40". Linear. */
    private static final Pattern SIZE_RANGE = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:sizes?|cỡ|eu|us|uk)\\s?"
            + "(\\d{1,2})\\s?[-–]\\s?(\\d{1,2})(?![\\p{N}])");

    /**
     * "Do you have Tempo Glide in EU 47?", "Cloud Step có size 43 không": a numbered size asked beside a part quoting
     * the range of sizes its product comes in ("Sizes EU 38-46") is said to be inside or outside that range (a part
     * {@code size_range} right after it), so a size outside is never left for the audience to work out.
     */
    private static void sizeRange(List<Map<String, Object>> parts, String question) {
        Variants.Size asked = null;
        for (Variants.Size v : Variants.find(question)) {
            if (asked == null && v.key().matches("\\d{1,2}")) {
                asked = v;
            }
        }
        if (asked == null) {
            return;
        }
        int size = Integer.parseInt(asked.key());
        for (int i = 0; i < parts.size(); i++) {
            if (!(parts.get(i).get("fact") instanceof String fact)) {
                continue;
            }
            Matcher m = SIZE_RANGE.matcher(fact);
            if (!m.find()) {
                continue;
            }
            int from = Integer.parseInt(m.group(1));
            int to = Integer.parseInt(m.group(2));
            if (from >= to) {
                continue;
            }
            Map<String, Object> p = part("size_range");
            p.put("asked", java.text.Normalizer.normalize(question, java.text.Normalizer.Form.NFC)
                    .substring(asked.start(), asked.end()));
            p.put("range", fact.substring(m.start(), m.end()));
            p.put("within", size >= from && size <= to);
            parts.add(i + 1, p);
            return;
        }
    }

    /**
     * What the parts say they have no information about: the thing of an {@code unknown} part, the
     * {@code unknown} words beside a quoted fact ("About shipping: … I have no information about express"), the
     * aspect of a {@code fact_missing}/{@code price_missing} part ("suitability · Serum"), the compared quality
     * of {@code compare_missing}, the attribute of {@code absent}, or {@code no_answer} for a question nothing
     * answered. See {@link Composition#unanswered()}.
     */
    static List<String> unanswered(List<Map<String, Object>> parts) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> p : parts) {
            Object kind = p.get("kind");
            if ("unknown".equals(kind)) {
                out.add(p.get("thing") instanceof String t && !t.isBlank() ? t : "unknown");
            } else if ("no_answer".equals(kind)) {
                out.add("no_answer");
            } else if ("fact_missing".equals(kind) || "price_missing".equals(kind)) {
                // "I don't have information about the suitability of X": the entry is there, the fact is not
                Object aspect = "price_missing".equals(kind) ? "price" : p.get("aspect");
                out.add(String.valueOf(aspect).replace('_', ' ') + " · " + p.get("title"));
            } else if ("compare_missing".equals(kind)) {
                out.add(String.valueOf(p.get("compared")));
            } else if ("absent".equals(kind)) {
                out.add(String.valueOf(p.get("attribute")));
            } else if (p.get("unknown") instanceof String u && !u.isBlank()) {
                out.add(u);
            }
        }
        return out;
    }

    /**
     * The persona-card fields the parts state: {@code contact.<channel>} for each {@code contact} part (the brand's
     * own e-mail, phone or contact page). See {@link Composition#cardFacts()}.
     */
    static List<String> cardFacts(List<Map<String, Object>> parts) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> p : parts) {
            if ("contact".equals(p.get("kind")) && p.get("value") != null) {
                out.add("contact." + p.get("channel"));
            }
        }
        return out.stream().distinct().toList();
    }

    /** Asking for a recommendation with nothing of its own ("what would you recommend?", "nên dùng gì"). */
    private static final List<Text.Token[]> RECOMMEND = IntentDetector.phrases("recommend", "suggest", "gợi ý",
            "tư vấn", "nên dùng gì", "nên mua gì", "nên chọn gì");

    /** Parts that say the composer has nothing to say (dropped after a directive, see {@link Directives}). */
    private static final Set<String> NOT_AN_ANSWER = Set.of("off_topic", "no_answer", "unknown", "which", "greeting",
            "thanks", "sensitive", "insult");

    /**
     * True when the fact opens with two words in a row of the title ("Mở cửa 7h-19h ..." of "Giờ mở cửa và địa chỉ",
     * "Vá săm 30.000đ" of "Vá săm và thay săm"): it says what it is about, and the title before it would be said twice.
     */
    static boolean opensWithTitleWords(String fact, String title) {
        List<Text.Token> f = Text.words(fact);
        List<Text.Token> t = Text.words(title);
        if (f.size() < 2 || t.size() < 2 || f.get(0).numeric() || f.get(1).numeric()) {
            return false;
        }
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).folded().equals(f.get(0).folded()) && t.get(i + 1).folded().equals(f.get(1).folded())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Two answers from one service entry in a row ("ship nội thành mấy ngày, phí bao nhiêu": the delivery time, then
     * the fee) are one answer under its title: "Giao hàng: A. B", not "Giao hàng: A. Giao hàng: B". Only plain
     * topic answers join (none with an unknown thing, both in or both out of the reply's language).
     */
    private static void joinSameTopic(List<Map<String, Object>> parts) {
        for (int i = parts.size() - 1; i > 0; i--) {
            Map<String, Object> a = parts.get(i - 1);
            Map<String, Object> b = parts.get(i);
            if ("topic".equals(a.get("kind")) && "topic".equals(b.get("kind")) && a.get("title") != null
                    && a.get("title").equals(b.get("title")) && !a.containsKey("unknown") && !b.containsKey("unknown")
                    && Objects.equals(a.get("foreign"), b.get("foreign")) && a.get("fact") instanceof String fa
                    && b.get("fact") instanceof String fb && !Objects.equals(a.get("restates"), Boolean.TRUE)
                    && !Objects.equals(b.get("restates"), Boolean.TRUE)) {
                a.put("fact", Facts.trimEnd(fa.strip()) + ". " + fb.strip());
                parts.remove(i);
            }
        }
    }

    /**
     * Says each thing once: a part quoting the same fact of the same entry as an earlier part goes ("ship to
     * Hanoi? how much is shipping?" answered twice from one sentence), and a purchase part after a total or a
     * price of the same product keeps only how to order (the total or price already named it and its price).
     */
    private static void dropRepeats(List<Map<String, Object>> parts) {
        Set<String> said = new HashSet<>();
        List<Map<String, Object>> facts = new ArrayList<>();
        Set<Object> totalled = new HashSet<>();
        for (java.util.Iterator<Map<String, Object>> it = parts.iterator(); it.hasNext(); ) {
            Map<String, Object> p = it.next();
            Object fact = p.get("fact");
            if (fact != null && !said.add(p.get("title") + "\u0000" + fact)) {
                it.remove();
                continue;
            }
            if (fact instanceof String f && facts.stream().anyMatch(q -> Objects.equals(q.get("title"), p.get("title"))
                    && q.get("fact") instanceof String earlier && earlier.contains(f))) {
                it.remove(); // "ship to Canada? how much is shipping?": the fee was in the first answer already
                continue;
            }
            Map<String, Object> same = fact instanceof String ? sameEntryFact(facts, p) : null;
            if (same != null) {
                // "mình da dầu, nên dùng kem chống nắng nào?": two sentences of one entry under one title, not
                // "Về X thì: ... Về X thì: ..."
                String earlier = (String) same.get("fact");
                boolean closed = earlier.endsWith(".") || earlier.endsWith("!") || earlier.endsWith("?");
                same.put("fact", earlier + (closed ? " " : ". ") + fact);
                it.remove();
                continue;
            }
            if (fact != null) {
                facts.add(p);
            }
            if ("total".equals(p.get("kind")) && p.get("lines") instanceof List<?> lines) {
                for (Object l : lines) {
                    if (l instanceof Map<?, ?> line) {
                        totalled.add(line.get("title"));
                        totalled.add(line.get("entry")); // "Xe đạp địa hình" totalled is the rental entry's item
                    }
                }
            }
            if ("price".equals(p.get("kind")) && p.get("title") != null) {
                totalled.add(p.get("title")); // "How much is X? a link to buy it?": the price is said once
            }
            if ("purchase".equals(p.get("kind")) && totalled.contains(p.get("title"))) {
                p.remove("title");
                p.remove("amount");
            }
        }
    }

    /**
     * An earlier plain {@code fact} part of the same entry as {@code p} (same title, same language flag, neither a
     * general entry's fact nor a restating sentence), or null.
     */
    private static Map<String, Object> sameEntryFact(List<Map<String, Object>> facts, Map<String, Object> p) {
        if (!plainFact(p)) {
            return null;
        }
        for (Map<String, Object> q : facts) {
            if (plainFact(q) && Objects.equals(q.get("title"), p.get("title"))
                    && Objects.equals(q.get("foreign"), p.get("foreign")) && q.get("fact") instanceof String) {
                return q;
            }
        }
        return null;
    }

    private static boolean plainFact(Map<String, Object> p) {
        return "fact".equals(p.get("kind")) && p.get("title") != null && p.get("general") == null
                && !Boolean.TRUE.equals(p.get("restates")) && p.get("unknown") == null;
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static Intent first(Intent current, Intent next) {
        return current != null ? current : next;
    }

    private static Map<String, Object> part(String kind) {
        Map<String, Object> p = new HashMap<>();
        p.put("kind", kind);
        return p;
    }

    /** The parts answering one clause, the product it was about and the aspect asked. */
    private record Answer(List<Map<String, Object>> parts, Intent intent, Knowledge entity, Aspect aspect) {
    }

    private Answer answer(Clause clause, String message, Knowledge focus, Set<Aspect> lastAspects,
                          Set<Suitability.Group> lastGroups, boolean shipping, String language, List<String> used) {
        if (shipping && clause.aspects.equals(EnumSet.of(Aspect.PRICE)) && clause.named.isEmpty() && !clause.pronoun
                && clause.topics.isEmpty() && clause.unknownName == null && unknownContent(clause).isEmpty()) {
            // "do you ship to Saigon? how much": right after a delivery question, a bare "how much" asks its fee
            clause.topics.add(Lexicon.SHIP);
        }
        if (shipping && clause.topics.isEmpty() && clause.named.isEmpty() && clause.noAspectButDuration()
                && IntentDetector.any(clause.tokens, Cues.DURATION)) {
            clause.aspects.remove(Aspect.DURATION);
            clause.topics.add(Lexicon.SHIP); // "is delivery free over $60? and how long does it take?"
        }
        List<Knowledge> entities = new ArrayList<>(clause.named);
        Set<Suitability.Group> replayed = Set.of();
        EnumSet<Aspect> aspects = clause.aspects.isEmpty() ? EnumSet.noneOf(Aspect.class) : EnumSet.copyOf(clause.aspects);
        // paying, pausing or skipping are asked of the shop's services (a subscription), not of a product
        boolean productAspect = aspects.stream().anyMatch(a -> a != Aspect.PAYMENT && a != Aspect.PAUSE_OR_SKIP);
        // "còn trà sữa thì sao?", "what about the matcha?": a product the knowledge does not have is still a
        // product named, so the one in focus does not stand in for it
        boolean namesUnknown = entities.isEmpty() && !clause.pronoun
                && (clause.unknownName != null || !unknownContent(clause).isEmpty());
        if (entities.isEmpty() && !clause.pronoun) {
            Knowledge sized = sizedProduct(clause.text, focus);
            if (sized != null) {
                entities.add(sized); // "size 16 giá nhiêu": the product that comes in size 16, whatever is in focus
            }
        }
        if (entities.isEmpty() && focus != null && !namesUnknown && (clause.pronoun
                || (productAspect && clause.topics.isEmpty()) || (clause.followUp && clause.topics.isEmpty()))) {
            entities.add(focus);
        }
        if (!entities.isEmpty() && aspects.isEmpty() && clause.topics.isEmpty() && lastAspects != null
                && !lastAspects.isEmpty() && (clause.followUp || subjectOnly(clause, entities))
                && !clause.signals.has(Intent.PURCHASE_INTENT)) {
            // "còn serum thì sao?" after "giá và cách dùng?" asks the same things of the serum
            for (Aspect a : lastAspects) {
                if (a != Aspect.SIZE) {
                    aspects.add(a);
                }
            }
            replayed = lastGroups;
        }
        if (aspects.contains(Aspect.SIZE) && entities.stream().anyMatch(k -> variant(k, clause.text) != null)) {
            // "size 20 giá bao nhiêu": a size the product prices on its own is that variant, not a size question
            aspects.remove(Aspect.SIZE);
            if (aspects.isEmpty()) {
                aspects.add(Aspect.PRICE);
            }
        }
        List<Map<String, Object>> parts = new ArrayList<>();

        // size table lookup: measurements in the clause, or in the message when the clause asks a size
        Map<SizeTable.Dim, Double> measured = SizeTable.measurements(clause.text);
        if (measured.isEmpty() && aspects.contains(Aspect.SIZE)) {
            measured = SizeTable.measurements(message);
        }
        if (!measured.isEmpty() || (aspects.contains(Aspect.SIZE) && clause.topics.isEmpty())
                || (aspects.contains(Aspect.STOCK) && Stock.namesASize(clause.text))) {
            // "size 37 còn hàng không": that size's row, with its out-of-stock sentence if it has one
            Answer size = size(clause, entities, measured, language, used);
            if (size != null) {
                return size;
            }
        }
        // "phải đặt trước bao lâu" asks the notice needed, not how to order
        boolean facetAsked = aspects.stream().anyMatch(Aspect.FACETS::contains);
        if (clause.signals.has(Intent.PURCHASE_INTENT) && !aspects.contains(Aspect.PRICE) && !facetAsked
                && !clause.signals.has(Intent.SHIPPING)) {
            return purchase(clause, entities, language, used);
        }
        // service topics (shipping, returns, hours ...) when no product aspect is asked
        if (!clause.topics.isEmpty() && (entities.isEmpty() || !productAspect || clause.named.isEmpty())) {
            List<String> order = new ArrayList<>();
            TOPICS.stream().filter(clause.ownTopics::contains).forEach(order::add);
            TOPICS.stream().filter(t -> !clause.ownTopics.contains(t)).forEach(order::add);
            for (String topic : order) {
                if (clause.topics.contains(topic)) {
                    Optional<Knowledge> k = topicalEntry(topic, index.search(clause.text, 5, personaTerms));
                    if (k.isPresent()) {
                        Map<String, Object> p = fact(k.get(), null, clause.text, language, used);
                        p.put("kind", "topic");
                        String facet = null;
                        for (Aspect a : aspects) {
                            if (facet == null && a != Aspect.DURATION && (a == Aspect.PRICE || Aspect.FACETS.contains(a))) {
                                // "can I pause my subscription": the sentence about pausing, not the first one
                                Map<String, Object> f = fact(k.get(), a, clause.text, language, new ArrayList<>());
                                if ("fact".equals(f.get("kind")) && f.get("source") == null) {
                                    facet = (String) f.get("fact");
                                }
                            }
                        }
                        // where a shop delivers is asked of shipping only ("can I pay with Momo?" names no destination)
                        String where = facet == null && topic.equals(Lexicon.SHIP) ? destination(clause, k.get()) : null;
                        // only a topic the clause itself names: "trung tâm ở đâu" finds "Centre address and opening
                        // hours" by its title, and asks the address, not the hours
                        String about = facet == null && where == null && (Lexicon.terms(clause.text).contains(topic)
                                || (topic.equals(Lexicon.STORE) && clause.whereShop)
                                || (topic.equals(Lexicon.HOURS) && clause.dayAsked))
                                && mixed(k.get()) ? topicSentences(k.get(), topic) : null;
                        if (facet != null) {
                            p.put("fact", facet);
                        } else if (where != null) {
                            p.put("fact", where);
                        } else if (about != null) {
                            p.put("fact", about); // "mấy giờ đóng cửa": the opening-hours sentence, not the address
                        } else if (p.get("fact") instanceof String f) {
                            p.put("fact", withDeciding(k.get(), f, clause.text));
                        }
                        String channel = topic.equals(Lexicon.CONTACT) ? contactChannel(clause) : null;
                        if (channel != null) {
                            // "What's your email address?": the sentence that holds one, else the brand's own contact
                            // (the café's street address answers no e-mail question)
                            String said = channelSentence(k.get(), channel);
                            if (said != null) {
                                p.put("fact", said);
                            } else if (ownContact(channel) != null) {
                                parts.add(contact(channel));
                                return new Answer(parts, Intent.PRODUCT_QUESTION, null, null);
                            }
                        }
                        List<String> unknown = unknownTerms(clause, k.get());
                        if (!unknown.isEmpty()) {
                            p.put("unknown", String.join(" ", unknown));
                        }
                        parts.add(p);
                        return new Answer(parts, topic.equals(Lexicon.SHIP) ? Intent.SHIPPING : Intent.PRODUCT_QUESTION,
                                entities.isEmpty() ? null : entities.get(0), null);
                    }
                    String channel = topic.equals(Lexicon.CONTACT) ? contactChannel(clause) : null;
                    if (channel != null && ownContact(channel) != null) {
                        parts.add(contact(channel)); // no contact entry: the brand's own e-mail, phone or website
                        return new Answer(parts, Intent.PRODUCT_QUESTION, null, null);
                    }
                }
            }
        }
        if (entities.isEmpty() && clause.unknownName != null) {
            // "nồi áp suất", "trà sữa matcha", "rain pants": words of our products' names do not make it ours
            Map<String, Object> p = part("unknown");
            p.put("thing", clause.unknownName);
            parts.add(p);
            return new Answer(parts, Intent.UNKNOWN_PRODUCT, null, null);
        }
        if (entities.isEmpty() && !clause.pronoun && aspects.contains(Aspect.SUITABILITY)) {
            // "I have dry skin, what would you recommend?", "da mình dầu thì dùng gì": the products whose own entry
            // says they suit that skin type, in either language ("dry skin" is "da khô"), each with its sentence
            Set<Suitability.SkinType> skins = Suitability.skinTypes(clause.tokens);
            if (!skins.isEmpty()) {
                Set<String> q = new HashSet<>(Lexicon.terms(clause.text));
                for (Knowledge k : persona.knowledge()) {
                    String said = isProduct(k) && parts.size() < 3
                            ? bestSuitability(k, EnumSet.of(Suitability.Group.SKIN), q, List.of(), skins) : null;
                    if (said != null) {
                        Map<String, Object> p = part("fact");
                        p.put("title", Titles.product(k.title()));
                        p.put("foreign", foreign(k, language));
                        p.put("aspect", Aspect.SUITABILITY.name().toLowerCase(Locale.ROOT));
                        p.put("fact", said);
                        used.add(k.id());
                        parts.add(p);
                    }
                }
                if (!parts.isEmpty()) {
                    return new Answer(parts, Intent.PRODUCT_QUESTION, null, Aspect.SUITABILITY);
                }
            }
        }
        if (entities.isEmpty()) {
            List<KnowledgeHit> hits = index.search(clause.text, 3, personaTerms);
            boolean catalog = clause.signals.catalog();
            Set<String> residual = residual(clause.text);
            if (!hits.isEmpty() && !(catalog && hits.get(0).score() < STRONG_HIT)
                    && (hits.get(0).score() >= STRONG_HIT || unknownContent(clause).isEmpty())) {
                entities.add(hits.get(0).knowledge());
            } else if (catalog || (aspects.contains(Aspect.PRICE) && residual.isEmpty())) {
                return catalog(aspects.contains(Aspect.PRICE), used);
            } else if (clause.pronoun && focus == null && (productAspect || clause.signals.question())) {
                parts.add(part("which"));
                return new Answer(parts, Intent.PRODUCT_QUESTION, null, null);
            } else {
                List<String> unknown = unknownContent(clause);
                if (!unknown.isEmpty() && (productAspect || IntentDetector.any(clause.tokens, Cues.HAVE)
                        || clause.signals.has(Intent.PURCHASE_INTENT) || (clause.followUp && focus != null))) {
                    Map<String, Object> p = part("unknown");
                    p.put("thing", Categories.spelled(clause.text, String.join(" ", unknown)));
                    parts.add(p);
                    return new Answer(parts, Intent.UNKNOWN_PRODUCT, null, null);
                }
                if (clause.signals.question() && residual.size() > 0 && !clause.signals.has(Intent.GREETING)
                        && !clause.signals.has(Intent.THANKS)) {
                    parts.add(part("no_answer"));
                    return new Answer(parts, Intent.PRODUCT_QUESTION, null, null);
                }
                return null;
            }
        }
        if (clause.signals.has(Intent.PURCHASE_INTENT) && !aspects.contains(Aspect.PRICE) && !facetAsked) {
            return purchase(clause, entities, language, used);
        }
        Intent intent = aspects.contains(Aspect.PRICE) ? Intent.PRICE : Intent.PRODUCT_QUESTION;
        Aspect asked = null;
        List<String> unasked = aspects.isEmpty() && yesNo(clause) ? new ArrayList<>(unknownContent(clause)) : List.of();
        if (entities.size() == 1 && !unasked.isEmpty()) {
            unasked.removeIf(w -> says(entities.get(0), w)); // "Do you include a helmet?": "helmet and lock included"
        }
        for (Knowledge entity : entities) {
            if (aspects.isEmpty()) {
                Map<String, Object> p = fact(entity, null, clause.text, language, used);
                String said = unasked.isEmpty() && yesNo(clause) ? askedSentence(entity, clause.text) : null;
                if (said != null) {
                    // "bánh mì nguyên cám có đường không", "banh kem dau co trung khong": the sentence that says so
                    // ("không đường", "Có chứa sữa, trứng và bột mì"), not the overview and its price
                    p.put("fact", said);
                }
                if (p.get("fact") instanceof String f) {
                    p.put("fact", withDeciding(entity, f, clause.text)); // "áo phai màu có được đền bù không"
                }
                String lacking = unasked.isEmpty() && said == null && entities.size() == 1 && yesNo(clause)
                        ? lacking(clause, entity) : null;
                if (!unasked.isEmpty() && entities.size() == 1) {
                    // "sạc dự phòng sạc được laptop không": the knowledge never mentions a laptop, so no yes or
                    // no; what it does say about the product follows
                    p.put("kind", "topic");
                    p.put("unknown", String.join(" ", unasked));
                } else if (lacking != null) {
                    // "hạt mèo lớn có taurine không", "cây lưỡi hổ có độc với mèo không": words the knowledge uses
                    // of other products only, so this product's entry does not say; no yes or no, no other
                    // product's sentence, what its own entry says follows
                    p.put("kind", "topic");
                    p.put("unknown", lacking);
                }
                parts.add(p);
                continue;
            }
            int from = parts.size();
            for (Aspect a : aspects) {
                asked = a;
                Map<String, Object> p = a == Aspect.PRICE ? price(entity, clause.text, language, used)
                        : fact(entity, a, clause.text, replayed, language, used);
                parts.add(p);
                if (p.remove("groups") instanceof Set<?> groups && groups.stream().anyMatch(Suitability.MEDICAL::contains)) {
                    // "bà bầu dùng được không" that the knowledge does not answer: a doctor's question
                    Map<String, Object> h = part("health");
                    h.put("title", Titles.product(entity.title()));
                    parts.add(h);
                }
            }
            List<Map<String, Object>> mine = parts.subList(from, parts.size());
            if (mine.stream().anyMatch(p -> "fact".equals(p.get("kind")) || "price".equals(p.get("kind")))) {
                // "pin dùng mấy phút": the battery sentence answers; the steeping facet it also reads is no gap
                mine.removeIf(p -> "fact_missing".equals(p.get("kind")) && Aspect.FACETS.stream()
                        .anyMatch(f -> f.name().toLowerCase(Locale.ROOT).equals(p.get("aspect"))));
            }
        }
        return new Answer(parts, intent, entities.get(entities.size() - 1), asked);
    }

    /**
     * A comparison of products on one attribute (see {@link Comparison}): each product's sentence about it when all
     * have one, else an honest "I can't compare them on that" followed by what is known.
     */
    private List<Map<String, Object>> comparison(Comparison.Asked asked, List<Knowledge> products, String language,
                                                 List<String> used) {
        List<Map<String, Object>> known = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        boolean all = true;
        for (Knowledge k : products) {
            titles.add(k.title());
            if (asked.price()) {
                Map<String, Object> p = price(k, language, used);
                all &= !"price_missing".equals(p.get("kind"));
                if (!"price_missing".equals(p.get("kind"))) {
                    known.add(p);
                }
                continue;
            }
            String sentence = asked.sentence(k);
            if (sentence == null) {
                all = false;
                continue;
            }
            Map<String, Object> p = part("fact");
            p.put("title", Titles.product(k.title()));
            p.put("fact", sentence);
            p.put("foreign", foreign(k, language));
            used.add(k.id());
            known.add(p);
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        Map<String, Object> verdict = all && asked.price() ? priceVerdict(asked, products) : null;
        if (verdict != null) {
            // "cái nào rẻ hơn", "which is more expensive": the answer first, each price after it (more than two)
            parts.add(verdict);
            if (products.size() > 2) {
                parts.addAll(known);
            }
            return parts;
        }
        if (!all) {
            Map<String, Object> p = part("compare_missing");
            p.put("titles", titles);
            p.put("compared", asked.typed());
            parts.add(p);
        }
        parts.addAll(known);
        return parts;
    }

    /**
     * The answer to a price comparison ("cái nào rẻ hơn", "which is cheaper", "đắt hơn", "more expensive"): a
     * {@code compare_price} part naming the cheapest (or dearest) product with its amount and the others' amounts,
     * or {@code same} when they cost the same. Null when a product has no single amount or they are written in
     * different currencies (nothing honest to rank).
     */
    private static Map<String, Object> priceVerdict(Comparison.Asked asked, List<Knowledge> products) {
        List<Money> amounts = new ArrayList<>();
        for (Knowledge k : products) {
            List<Money> found = Money.findAll(k.text());
            if (found.size() != 1 || (!amounts.isEmpty()
                    && !Objects.equals(amounts.get(0).style().prefix(), found.get(0).style().prefix())
                    || !amounts.isEmpty()
                    && !Objects.equals(amounts.get(0).style().suffix(), found.get(0).style().suffix()))) {
                return null;
            }
            amounts.add(found.get(0));
        }
        boolean dearer = Comparison.asksDearer(asked);
        int best = 0;
        boolean same = true;
        for (int i = 1; i < amounts.size(); i++) {
            int c = amounts.get(i).amount().compareTo(amounts.get(best).amount());
            same &= amounts.get(i).amount().compareTo(amounts.get(0).amount()) == 0;
            if (dearer ? c > 0 : c < 0) {
                best = i;
            }
        }
        Map<String, Object> p = part("compare_price");
        p.put("title", Titles.product(products.get(best).title()));
        p.put("amount", amounts.get(best).written(products.get(best).text()));
        p.put("dearer", dearer);
        p.put("same", same);
        p.put("most", products.size() > 2);
        List<String> others = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            titles.add(Titles.product(products.get(i).title()));
            if (i != best) {
                others.add(amounts.get(i).written(products.get(i).text()));
            }
        }
        p.put("others", others);
        p.put("titles", titles);
        return p;
    }

    /** A product's price: the amount when it has one, else its priced sentences, else an honest "no price". */
    private Map<String, Object> price(Knowledge k, String language, List<String> used) {
        return price(k, "", language, used);
    }

    /** A price part quoting {@code clause} of entry {@code k} (one variant's or one priced item's). */
    private Map<String, Object> pricePart(Knowledge k, String clause, String language, List<String> used) {
        Map<String, Object> p = part("price");
        p.put("title", Titles.product(k.title()));
        p.put("foreign", foreign(k, language));
        p.put("fact", clause);
        used.add(k.id());
        return p;
    }

    /**
     * As {@link #price(Knowledge, String, List)}; a size the question names that the entry prices on its own ("gói
     * 500g giá nhiêu" of "gói 200 g giá 180.000 đ, gói 500 g giá 420.000 đ") is answered with that variant's clause.
     */
    private Map<String, Object> price(Knowledge k, String question, String language, List<String> used) {
        Variant v = variant(k, question);
        if (v != null) {
            return pricePart(k, v.clause(), language, used);
        }
        PricedItems.Item item = PricedItems.named(k, question);
        if (item != null) {
            // "thay săm mới giá bao nhiêu" of "Vá săm 30.000đ. Thay săm mới 80.000đ": the item named
            return pricePart(k, item.clause(), language, used);
        }
        List<String> priced = new ArrayList<>();
        List<String> said = new ArrayList<>(); // the first two priced sentences and a rule about them between
        boolean rule = false;
        for (String s : Facts.sentences(k.text())) {
            if (!Money.findAll(s).isEmpty()) {
                priced.add(Facts.trimEnd(s.strip()));
                if (priced.size() <= 2) {
                    said.add(s);
                }
            } else if (!rule && PERCENT.matcher(s).find() && !priced.isEmpty() && priced.size() < 2) {
                said.add(s); // "Thuê từ 3 ngày giảm 10%": how those prices change
                rule = true;
            }
        }
        Map<String, Object> p = part("price");
        p.put("title", Titles.product(k.title()));
        p.put("foreign", foreign(k, language));
        used.add(k.id());
        List<Money> amounts = Money.findAll(k.text());
        if (amounts.isEmpty()) {
            // a price table elsewhere may list it ("Bảng giá: ...")
            for (Knowledge other : index.entries()) {
                if (other != k && Money.findAll(other.text()).size() > 0) {
                    for (String s : Facts.sentences(other.text())) {
                        if (!Money.findAll(s).isEmpty() && !index.named(s, personaTerms).isEmpty()
                                && index.named(s, personaTerms).get(0).getKey().equals(k)) {
                            p.put("fact", Facts.trimEnd(s.strip()));
                            used.add(other.id());
                            return p;
                        }
                    }
                }
            }
            p.put("kind", "price_missing");
            return p;
        }
        if (amounts.size() == 1) {
            p.put("amount", amounts.get(0).written(k.text()));
        } else {
            p.put("fact", Facts.joined(said));
        }
        return p;
    }

    /** A size variant of a product with its own price: the clause that says so and its amount. */
    private record Variant(String clause, Money money) {
    }

    /** Tags and title words (lower case, as typed) of something done or lent rather than shipped. */
    private static final Set<String> SERVICE_WORDS = Set.of("dịch vụ", "service", "services", "thuê", "cho thuê",
            "rental", "rentals", "rent", "hire", "sửa", "sửa chữa", "repair", "repairs", "bảo dưỡng", "maintenance",
            "thay", "lớp học", "khóa học", "class", "classes", "course", "courses", "workshop", "tour", "tours",
            "đặt lịch", "booking", "appointment");

    /**
     * Something done or lent rather than goods that ship: priced per day, night, week, month or hour, tagged as a
     * service, rental or repair, or titled by such a word ("Thay xích Shimano", "Bike rental for tourists"). Words
     * are compared as typed: folded, "sửa" (repair) would be "sữa" (milk).
     */
    private static boolean service(Knowledge k, PricedItems.Item item) {
        if (k == null) {
            return false;
        }
        if (item != null && item.per() != null) {
            return true;
        }
        for (String tag : k.tags()) {
            if (SERVICE_WORDS.contains(java.text.Normalizer.normalize(tag.strip().toLowerCase(Locale.ROOT),
                    java.text.Normalizer.Form.NFC))) {
                return true;
            }
        }
        for (Text.Token t : Text.words(k.title())) {
            if (SERVICE_WORDS.contains(t.raw())) {
                return true;
            }
        }
        return false;
    }

    /** The priced item of the entry a clause asks about: the one it names, else the entry's first. */
    private static PricedItems.Item unitItem(Knowledge k, String clause) {
        PricedItems.Item named = PricedItems.named(k, clause);
        if (named != null) {
            return named;
        }
        List<PricedItems.Item> items = PricedItems.items(k.text());
        return items.isEmpty() ? null : items.get(0);
    }

    /**
     * The variant of the entry whose size or pack the question names ("500g", "size 20", "16 cm", "hộp 6 cái", "box of
     * 6", "the large loaf", see {@link Variants}): the comma clause of the entry holding that size and an amount; null
     * when the question names no size the entry prices on its own.
     */
    static Variant variant(Knowledge k, String question) {
        Set<String> asked = Variants.keys(question);
        if (asked.isEmpty()) {
            return null;
        }
        String text = k.text();
        List<Money> amounts = Money.findAll(text);
        Matcher cut = Pattern.compile("[,;]\\s+|(?<=[.!?])\\s+").matcher(text);
        int start = 0;
        while (start < text.length()) {
            int end = cut.find() ? cut.start() : text.length();
            int next = end < text.length() ? cut.end() : text.length();
            String clause = text.substring(start, end);
            if (Variants.anySame(asked, Variants.keys(clause))) {
                for (Money m : amounts) {
                    if (m.start() >= start && m.end() <= end) {
                        return new Variant(Facts.trimEnd(clause.strip()), m);
                    }
                }
            }
            start = next;
        }
        return null;
    }

    /**
     * The product a clause naming no product asks about by a size or pack only one product prices ("size 16 giá
     * nhiêu" while the croissant is in focus asks about the cake that comes in size 16): the product in focus when it
     * has that variant, else the only product that has it; null when none or several do.
     */
    private Knowledge sizedProduct(String clause, Knowledge focus) {
        if (Variants.find(clause).isEmpty()) {
            return null;
        }
        if (focus != null && variant(focus, clause) != null) {
            return focus;
        }
        Knowledge only = null;
        for (Knowledge k : index.entries()) {
            if (isProduct(k) && variant(k, clause) != null) {
                if (only != null) {
                    return null;
                }
                only = k;
            }
        }
        return only;
    }

    /** Sentences of an entry answering an aspect (or the most relevant ones for none). */
    private Map<String, Object> fact(Knowledge k, Aspect aspect, String clause, String language, List<String> used) {
        return fact(k, aspect, clause, Set.of(), language, used);
    }

    /**
     * As {@link #fact(Knowledge, Aspect, String, String, List)}; a suitability question that names no people of its
     * own asks about the ones of the message it repeats ({@code replayed}: "what about the banana cake?" after "does
     * it contain nuts?").
     */
    private Map<String, Object> fact(Knowledge k, Aspect aspect, String clause, Set<Suitability.Group> replayed,
                                     String language, List<String> used) {
        Map<String, Object> p = part("fact");
        p.put("title", Titles.product(k.title()));
        p.put("foreign", foreign(k, language));
        used.add(k.id());
        if (aspect == null) {
            p.put("fact", overview(k, clause));
            return p;
        }
        p.put("aspect", aspect.name().toLowerCase(Locale.ROOT));
        Set<Suitability.Group> groups = aspect == Aspect.SUITABILITY ? Suitability.asked(Text.tokens(maskNames(clause)))
                : Set.of();
        if (aspect == Aspect.SUITABILITY && groups.isEmpty()) {
            groups = replayed;
        }
        if (!groups.isEmpty()) {
            return suitability(k, groups, clause, p, used);
        }
        // the question's words beyond the product's name: its name is in many of its sentences and says nothing
        // about which one answers ("trà thái nguyên pha bao nhiêu gam" asks the grams, not the origin)
        Set<String> q = new HashSet<>(Lexicon.terms(clause));
        q.removeAll(Lexicon.terms(k.title() + " . " + String.join(" . ", k.tags())));
        List<String> sentences = Facts.sentences(k.text());
        int best = -1;
        int bestScore = 0;
        int second = -1;
        int secondScore = 0;
        for (int i = 0; i < sentences.size(); i++) {
            int a = aspect.score(sentences.get(i));
            if (a == 0 || (aspect == Aspect.STOCK && Stock.aboutOtherSize(sentences.get(i), clause))) {
                continue; // "size 37 còn hàng không": size 38's stock says nothing of size 37
            }
            int score = a * 2;
            for (String t : new HashSet<>(Lexicon.terms(sentences.get(i)))) {
                if (q.contains(t)) {
                    score++;
                }
            }
            if (score > bestScore) {
                second = best;
                secondScore = bestScore;
                best = i;
                bestScore = score;
            } else if (score > secondScore) {
                second = i;
                secondScore = score;
            }
        }
        if (best < 0) {
            // the entry does not say; a policy entry may say it of this kind of product ("Boots and jackets
            // carry a 2-year warranty" answers the jacket's warranty). Another product's entry never does: what
            // "Night Repair Cream" contains or whether "Storm Rain Jacket" is waterproof says nothing of the
            // "Daily Sun Cream" or the "Light Down Jacket", however many title words they share
            Set<String> subject = new HashSet<>(Lexicon.terms(k.title() + " " + String.join(" ", k.tags())));
            String found = null;
            int foundScore = 0;
            for (Knowledge other : index.entries()) {
                if (other.equals(k) || isProduct(other) || !(generalNote(other) || isTopical(other)
                        || taggedFor(other, aspect))) {
                    continue; // an event or a corner of the shop ("Children's Corner") speaks for nothing else
                }
                for (String sentence : Facts.sentences(other.text())) {
                    int a = aspect.score(sentence);
                    if (a == 0) {
                        continue;
                    }
                    int overlap = 0;
                    for (String t : new HashSet<>(Lexicon.terms(sentence))) {
                        if (subject.contains(t) && !t.startsWith("§")) {
                            overlap++;
                        }
                    }
                    if (overlap > 0 && a + overlap > foundScore) {
                        foundScore = a + overlap;
                        found = Facts.trimEnd(sentence.strip());
                        p.put("source", other.id());
                        p.put("general", other.title()); // said of every product, not of this one
                    }
                }
            }
            if (found == null) {
                p.put("kind", "fact_missing");
                return p;
            }
            used.add((String) p.get("source"));
            p.put("fact", found);
            return p;
        }
        String fact = sentences.get(best).strip();
        if (second >= 0 && secondScore >= 3 && (aspect == Aspect.USAGE || aspect == Aspect.SIZE)) {
            int lo = Math.min(best, second);
            int hi = Math.max(best, second);
            fact = sentences.get(lo).strip() + " " + sentences.get(hi).strip();
        }
        p.put("fact", withDeciding(k, Facts.trimEnd(fact), clause));
        return p;
    }

    /** Words that deny or exclude: a sentence with one may take back what another sentence of the entry promises. */
    private static final List<Text.Token[]> DENIAL = IntentDetector.phrases("không", "chưa", "ngoại trừ", "=trừ",
            "not", "no", "don t", "dont", "doesn t", "doesnt", "isn t", "aren t", "cannot", "can t", "won t", "never",
            "except", "excluding", "excluded", "excludes", "exclude");

    /**
     * The chosen sentences and, after them, the entry's sentence that denies or excludes the very case the clause asks
     * about (a word of the clause that neither the entry's title nor the chosen sentences hold): "xe bị tai nạn gãy vành
     * có bảo hành ko" is answered "Bảo hành công sửa chữa 30 ngày" only with "Không bảo hành hư hỏng do tai nạn"
     * beside it, never as a promise the entry takes back.
     */
    private String withDeciding(Knowledge k, String chosen, String clause) {
        Set<String> q = new HashSet<>();
        for (String t : Lexicon.terms(clause)) {
            if (t.indexOf('_') < 0 && !personaTerms.contains(t)) {
                q.add(t);
            }
        }
        q.removeAll(Lexicon.terms(k.title() + " . " + String.join(" . ", k.tags())));
        q.removeAll(Lexicon.terms(chosen));
        if (q.isEmpty()) {
            return chosen;
        }
        for (String s : Facts.sentences(k.text())) {
            String t = Facts.trimEnd(s.strip());
            if (t.isEmpty() || chosen.contains(t) || !IntentDetector.any(Text.tokens(t), DENIAL)) {
                continue;
            }
            for (String term : Lexicon.terms(t)) {
                if (q.contains(term)) {
                    return chosen + ". " + t;
                }
            }
        }
        return chosen;
    }

    /**
     * Whether a product suits the people or condition asked about: its own sentence that speaks of them ("Không
     * dùng cho trẻ dưới 12 tuổi" for kids), else a general note of the brand that does ("Phụ nữ có thai ... nên hỏi
     * ý kiến bác sĩ" for pregnancy), else an honest "I don't have that" (with the doctor line for pregnancy,
     * medicines and allergies, see {@link #answer}). A sentence about other people never stands in: the
     * anticoagulant warning does not answer pregnancy, nor the Children's Corner the latte.
     */
    private Map<String, Object> suitability(Knowledge k, Set<Suitability.Group> groups, String clause,
                                            Map<String, Object> p, List<String> used) {
        Set<String> q = new HashSet<>(Lexicon.terms(clause));
        // what the audience is allergic to, as typed ("dị ứng hạt", "allergic to sesame"): a sentence naming it speaks
        List<Text.Token> allergens = Suitability.allergens(Text.tokens(maskNames(clause)));
        // "da dầu": a sentence about oily skin, not the note about sensitive skin
        Set<Suitability.SkinType> skins = Suitability.skinTypes(Text.tokens(maskNames(clause)));
        String best = bestSuitability(k, groups, q, allergens, skins);
        if (best == null) {
            for (Knowledge other : index.entries()) {
                if (!other.equals(k) && generalNote(other)) {
                    String s = bestSuitability(other, groups, q, allergens, skins);
                    if (s != null) {
                        best = s;
                        p.put("source", other.id());
                        p.put("general", other.title()); // "Dị ứng và da nhạy cảm": said of every product
                        used.add(other.id());
                        break;
                    }
                }
            }
        }
        if (best == null) {
            p.put("kind", "fact_missing");
            p.put("groups", groups);
            return p;
        }
        p.put("fact", best);
        return p;
    }

    private static String bestSuitability(Knowledge k, Set<Suitability.Group> groups, Set<String> q,
                                          List<Text.Token> allergens, Set<Suitability.SkinType> skins) {
        String best = null;
        int bestScore = 0;
        for (String sentence : Facts.sentences(k.text())) {
            int g = Suitability.score(sentence, groups, skins);
            List<Text.Token> words = Text.words(sentence);
            for (Text.Token a : allergens) {
                if (Text.indexOf(words, new Text.Token[] {a}, 0) >= 0) {
                    g++;
                }
            }
            if (g == 0) {
                continue;
            }
            int score = g * 2 + questionWordsIn(sentence, q);
            if (score > bestScore) {
                bestScore = score;
                best = Facts.trimEnd(sentence.strip());
            }
        }
        return best;
    }

    /**
     * An entry about the brand's products in general (a policy, a note on use), not one product or place: its
     * sentences about who may use "the products" apply to each of them.
     */
    private static boolean taggedFor(Knowledge k, Aspect aspect) {
        String name = aspect.name().toLowerCase(Locale.ROOT);
        for (String tag : k.tags()) {
            String t = Text.fold(tag);
            if (t.equals(name) || (aspect == Aspect.SIZE && t.contains("size"))
                    || (aspect == Aspect.WARRANTY && t.equals("bao hanh"))) {
                return true;
            }
        }
        return false;
    }

    private boolean generalNote(Knowledge k) {
        if (isProduct(k)) {
            return false;
        }
        for (String tag : k.tags()) {
            String t = Text.fold(tag);
            if (t.equals("policy") || t.equals("note") || t.equals("notes") || t.equals("faq") || t.equals("luu y")
                    || t.equals("chinh sach")) {
                return true;
            }
        }
        String text = " " + Text.fold(k.text()).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
        return text.contains(" san pham ") || text.contains(" products ") || text.contains(" all our ");
    }

    private Answer catalog(boolean prices, List<String> used) {
        List<Map<String, Object>> parts = new ArrayList<>();
        if (prices) {
            List<Map<String, String>> items = new ArrayList<>();
            for (Knowledge k : index.entries()) {
                List<Money> m = Money.findAll(k.text());
                if (items.size() < MAX_LISTED && isProduct(k) && !m.isEmpty()) {
                    items.add(Map.of("title", k.title(), "amount", m.get(0).written(k.text())));
                    used.add(k.id());
                }
            }
            if (!items.isEmpty()) {
                Map<String, Object> p = part("price_list");
                p.put("items", items);
                parts.add(p);
                return new Answer(parts, Intent.PRICE, null, Aspect.PRICE);
            }
        }
        List<String> titles = new ArrayList<>();
        for (Knowledge k : index.entries()) {
            if (titles.size() < MAX_LISTED && isProduct(k)) {
                titles.add(k.title());
                used.add(k.id());
            }
        }
        if (titles.isEmpty()) {
            parts.add(part("no_answer"));
        } else {
            Map<String, Object> p = part("catalog");
            p.put("titles", titles);
            parts.add(p);
        }
        return new Answer(parts, Intent.PRODUCT_QUESTION, null, null);
    }

    /** How to buy: the product's price and the ordering entry (else the store), or the contact. */
    /**
     * Asking for a time slot rather than goods: an appointment, a reservation, a seat (tone-aware; "dat lich" typed
     * plain matches too).
     */
    private static final List<Text.Token[]> BOOKING = IntentDetector.phrases("đặt lịch", "đặt hẹn", "hẹn lịch",
            "lịch hẹn", "đặt chỗ", "giữ chỗ", "đặt bàn", "book a", "book an", "book me", "book us", "to book",
            "book in", "booking", "appointment", "reserve a", "reservation", "schedule a");
    /** A contact channel as the means of doing something ("by phone", "qua email"). */
    private static final List<Text.Token[]> BY_CONTACT = IntentDetector.phrases("by phone", "by telephone", "by email",
            "by e mail", "via phone", "via email", "over the phone", "on the phone", "qua điện thoại", "qua email",
            "qua số điện thoại", "bằng điện thoại", "qua đt", "qua sđt", "qua hotline", "through the phone");
    /** Asking for the contact itself ("what number", "số nào", "số mấy"). */
    private static final List<Text.Token[]> CONTACT_ASKED = IntentDetector.phrases("what number", "which number",
            "what s the number", "number is", "số nào", "số mấy", "số gì", "sđt", "what email", "which email", "email nào",
            "email gì", "your number", "your phone", "your email", "địa chỉ email");
    /** A demand for honesty beside a question ("nói thật đi", "be honest"): how to answer, nothing to answer. */
    private static final List<Text.Token[]> HONESTY = IntentDetector.phrases("nói thật", "thật đi", "thật lòng",
            "be honest", "honestly", "tell me the truth", "tell the truth", "for real", "seriously");

    private Answer purchase(Clause clause, List<Knowledge> entities, String language, List<String> used) {
        Map<String, Object> p = part(IntentDetector.any(clause.tokens, BOOKING) ? "booking" : "purchase");
        Knowledge product = entities.isEmpty() ? null : entities.get(0);
        if (product == null) {
            for (KnowledgeHit h : index.search(clause.text, 3, personaTerms)) {
                if (isProduct(h.knowledge())) {
                    product = h.knowledge();
                    break;
                }
            }
        }
        if (product == null && !"booking".equals(p.get("kind")) && !unknownContent(clause).isEmpty()
                && index.named(clause.text, personaTerms).isEmpty()
                && index.search(clause.text, 1, personaTerms).isEmpty()) {
            Map<String, Object> u = part("unknown");
            u.put("thing", String.join(" ", unknownContent(clause)));
            return new Answer(List.of(u), Intent.UNKNOWN_PRODUCT, null, null);
        }
        if (product != null) {
            p.put("title", product.title());
            List<Money> m = Money.findAll(product.text());
            if (m.size() == 1) {
                p.put("amount", m.get(0).written(product.text()));
            }
            used.add(product.id());
        }
        Optional<Knowledge> how = titled(Lexicon.ORDER);
        if (how.isEmpty()) {
            how = titled(Lexicon.STORE);
        }
        how.ifPresent(k -> {
            p.put("howTo", Facts.relevant(k.text(), clause.text, 1));
            p.put("howToForeign", foreign(k, language));
            used.add(k.id());
        });
        return new Answer(List.of(p), Intent.PURCHASE_INTENT, product, null);
    }

    // ---- size table ----

    private Answer size(Clause clause, List<Knowledge> entities, Map<SizeTable.Dim, Double> measured, String language,
                        List<String> used) {
        Knowledge source = null;
        SizeTable table = null;
        int bestScore = -1;
        Set<String> asked = new HashSet<>(Lexicon.terms(clause.text));
        for (Knowledge e : entities) {
            asked.addAll(Lexicon.terms(e.title() + " " + String.join(" ", e.tags())));
        }
        for (Knowledge k : index.entries()) {
            SizeTable t = SizeTable.parse(k.text());
            if (t == null) {
                continue;
            }
            // the table sharing most words with the question and the product, measuring what was given
            int score = 0;
            for (String term : new HashSet<>(Lexicon.terms(k.title() + " " + String.join(" ", k.tags()) + " " + k.text()))) {
                if (asked.contains(term)) {
                    score += 2;
                }
            }
            for (SizeTable.Dim d : measured.keySet()) {
                if (t.rows().get(0).ranges().stream().anyMatch(r -> r.dim() == d)) {
                    score += 3;
                }
            }
            if (score > bestScore) {
                bestScore = score;
                source = k;
                table = t;
            }
        }
        if (table == null) {
            return null;
        }
        used.add(source.id());
        Map<String, Object> p = part("size");
        p.put("title", Titles.product(source.title()));
        p.put("foreign", foreign(source, language));
        if (!measured.isEmpty()) {
            SizeTable.Match match = table.lookup(measured);
            if (match != null) {
                p.put("label", match.row().label());
                p.put("row", match.row().text());
                putStock(p, source, match.row().label());
                p.put("exact", match.exact());
                p.put("asked", describe(match.asked(), language));
                return new Answer(List.of(p), Intent.SIZE_ADVICE, entities.isEmpty() ? null : entities.get(0), Aspect.SIZE);
            }
        }
        // no usable measurement: a size named in the question, else the whole table
        String labelled = clause.text.replaceAll("(?i)\\bextra[- ]large\\b", "XL").replaceAll("(?i)\\bmedium\\b", "M")
                .replaceAll("(?i)\\bsmall\\b", "S").replaceAll("(?i)\\blarge\\b", "L");
        for (SizeTable.Row r : table.rows()) {
            if (Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(r.label()) + "(?![\\p{L}\\p{N}])").matcher(labelled).find()
                    && r.label().length() <= 5) {
                p.put("kind", "size_row");
                p.put("row", r.text());
                p.put("label", r.label());
                // "Size M: 52-60kg" is introduced by its own label, never "Size M: Size M: ..."
                p.put("labelled", Text.fold(r.text()).startsWith(Text.fold("size " + r.label())));
                putStock(p, source, r.label());
                return new Answer(List.of(p), Intent.SIZE_ADVICE, entities.isEmpty() ? null : entities.get(0), Aspect.SIZE);
            }
        }
        p.put("kind", "size_table");
        List<String> rows = new ArrayList<>();
        for (SizeTable.Row r : table.rows()) {
            rows.add(r.text());
        }
        p.put("rows", rows);
        return new Answer(List.of(p), Intent.SIZE_ADVICE, entities.isEmpty() ? null : entities.get(0), Aspect.SIZE);
    }

    /** A size named in a reply carries the entry's sentence saying it is out of stock, when there is one. */
    private static void putStock(Map<String, Object> p, Knowledge source, String label) {
        String out = Stock.outOf(source.text(), label);
        if (out != null) {
            p.put("stock", out);
        }
    }

    private static String describe(Map<SizeTable.Dim, Double> asked, String language) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<SizeTable.Dim, Double> e : asked.entrySet()) {
            String v = e.getValue() % 1 == 0 ? String.valueOf(e.getValue().intValue()) : String.valueOf(e.getValue());
            boolean vi = "vi".equals(language);
            out.add(switch (e.getKey()) {
                case HEIGHT -> (vi ? "cao " : "height ") + v + " cm";
                case WEIGHT -> (vi ? "nặng " : "weight ") + v + " kg";
                case WAIST -> (vi ? "eo " : "waist ") + v + " cm";
                case CHEST -> (vi ? "ngực " : "chest ") + v + " cm";
                case HIP -> (vi ? "hông " : "hips ") + v + " cm";
                case FOOT -> (vi ? "chân dài " : "foot length ") + v + " cm";
                case INCH -> v + " in";
                case OTHER_CM -> v + " cm";
            });
        }
        return String.join(", ", out);
    }

    // ---- arithmetic ----

    private Answer calculation(Clause clause, List<Knowledge> entities, State state, String language, List<String> used) {
        boolean total = IntentDetector.any(clause.tokens, Cues.TOTAL);
        boolean freeShip = IntentDetector.any(clause.tokens, Cues.FREE_SHIPPING)
                || (clause.topics.contains(Lexicon.SHIP) && (total || !Money.findAll(clause.text).isEmpty()));
        List<Money> stated = Money.findAll(clause.text);
        Map<Knowledge, Integer> quantities = quantities(clause, entities);
        // "thuê xe địa hình 4 ngày", "2 city bikes for 3 days": a price quoted per day is multiplied by the days
        PricedItems.Duration duration = PricedItems.asked(clause.text);
        boolean timed = false;
        if (duration != null) {
            for (Knowledge k : quantities.isEmpty() ? entities : new ArrayList<>(quantities.keySet())) {
                PricedItems.Item item = k == null ? null : unitItem(k, clause.text);
                if (item != null && item.per() != null && duration.in(item.per()) > 0) {
                    timed = true;
                    quantities.putIfAbsent(k, 1);
                }
            }
        }
        boolean add = IntentDetector.any(clause.tokens, Cues.ADD);
        if (freeShip && !total && !add && Thresholds.allAsked(clause.text, stated)
                && quantities.isEmpty()) {
            return null; // "is it free over 500k?": the shipping rule asked, nothing ordered
        }
        if (!state.items().isEmpty() && stated.isEmpty()
                && ((quantities.isEmpty() && clause.named.isEmpty() && (freeShip || total))
                || (add && (!quantities.isEmpty() || !clause.named.isEmpty())))) {
            // "does that get free shipping?", "what if I add the socks?": build on the last order discussed
            Map<Knowledge, Integer> items = new LinkedHashMap<>(state.items());
            if (add) {
                if (quantities.isEmpty()) {
                    for (Knowledge k : clause.named) {
                        if (isProduct(k)) {
                            items.merge(k, 1, Integer::sum);
                        }
                    }
                } else {
                    quantities.forEach((k, n) -> items.merge(k, n, Integer::sum));
                }
            }
            quantities = items;
            entities = new ArrayList<>(items.keySet());
            freeShip = true;
        }
        if (quantities.isEmpty() && !(total && entities.size() >= 2) && !(freeShip && (!entities.isEmpty() || !stated.isEmpty()))) {
            return null;
        }
        if (!total && !freeShip && !add && !timed && stated.isEmpty() && quantities.size() == 1
                && quantities.values().stream().allMatch(n -> n != null && n == 1)
                && (clause.aspects.contains(Aspect.PRICE) || !clause.signals.has(Intent.PURCHASE_INTENT))) {
            // "bao nhiêu tiền 1 gói", "how much for one bag": the unit price, not an order; "1 túi cát dùng được bao
            // lâu", "1 hộp có mấy viên": a question about one of them
            return null;
        }
        if (total && !quantities.isEmpty() && !quantities.containsKey(null)) {
            for (Knowledge k : entities) {
                quantities.putIfAbsent(k, 1);
            }
        }
        if (quantities.isEmpty() && stated.isEmpty() && !freeShip && !total) {
            return null;
        }
        // a bundle the knowledge prices itself ("Combo serum + kem dưỡng: 850.000đ") is quoted, not recomputed
        Knowledge bundle = bundleFor(entities, clause);
        if (bundle != null && quantities.values().stream().allMatch(n -> n == 1)) {
            Map<String, Object> p = price(bundle, language, used);
            return new Answer(List.of(p), Intent.CALCULATION, bundle, Aspect.PRICE);
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        Money.Style style = null;
        int count = 0;
        int days = 0;
        boolean goods = true;
        Set<Knowledge> ordered = new HashSet<>();
        List<PricedItems.Item> timedItems = new ArrayList<>();
        if (!quantities.isEmpty() || !entities.isEmpty()) {
            Map<Knowledge, Integer> items = new LinkedHashMap<>(quantities);
            if (items.isEmpty()) {
                for (Knowledge e : entities) {
                    items.put(e, 1);
                }
            }
            for (Map.Entry<Knowledge, Integer> e : items.entrySet()) {
                Knowledge k = e.getKey();
                Money unit = null;
                String title = k == null ? "" : k.title();
                PricedItems.Item item = null;
                if (k != null) {
                    List<Money> m = Money.findAll(k.text());
                    Variant v = variant(k, clause.text);
                    PricedItems.Item named = PricedItems.named(k, clause.text);
                    if (v != null) {
                        unit = v.money(); // "2 gói 500g": two of the 500 g variant
                    } else if (named != null) {
                        // "thay săm mới" of "Vá săm 30.000đ. Thay săm mới 80.000đ": the item named, by its name
                        unit = named.money();
                        item = named;
                        if (!named.name().isBlank()) {
                            title = Titles.product(capitalised(named.name()));
                        }
                    } else if (m.size() == 1 || (!m.isEmpty() && stated.isEmpty())) {
                        unit = m.get(0);
                        item = unitItem(k, clause.text);
                        if (item != null && item.money().start() != unit.start()) {
                            item = null;
                        }
                    }
                    goods &= !service(k, item);
                    ordered.add(k);
                }
                String unitText;
                if (unit == null && !stated.isEmpty()) {
                    unit = stated.get(0);
                    unitText = unit.written(clause.text);
                } else if (unit != null) {
                    unitText = unit.written(k.text());
                    used.add(k.id());
                } else {
                    return null;
                }
                int times = 1;
                String per = null;
                if (item != null && item.per() != null && duration != null && duration.in(item.per()) > 0) {
                    times = duration.in(item.per());
                    unitText += item.perText();
                    per = item.per().count(times, language);
                    timedItems.add(item);
                    days = Math.max(days, times * Math.max(1, item.per().days));
                }
                style = style == null ? unit.style() : style;
                BigDecimal line = unit.amount().multiply(BigDecimal.valueOf((long) e.getValue() * times));
                sum = sum.add(line);
                count += e.getValue();
                Map<String, Object> l = new HashMap<>();
                l.put("qty", e.getValue());
                l.put("title", title);
                l.put("entry", k == null ? "" : k.title());
                l.put("unit", unitText);
                if (per != null) {
                    l.put("duration", per);
                }
                l.put("sum", Money.format(line, unit.style()));
                lines.add(l);
            }
        } else if (!stated.isEmpty()) {
            style = stated.get(0).style();
            for (Money m : stated) {
                sum = sum.add(m.amount());
            }
            count = 1;
        }
        if (style == null) {
            return null;
        }
        Map<String, Object> p = part("total");
        p.put("lines", lines);
        p.put("total", Money.format(sum, style));
        p.put("multi", lines.size() > 1 || (lines.size() == 1 && (Integer) lines.get(0).get("qty") > 1));
        BigDecimal afterDiscount = sum;
        Discount d = discount(count, days, ordered, timedItems);
        if (d != null) {
            afterDiscount = sum.multiply(BigDecimal.valueOf(100 - d.percent)).divide(BigDecimal.valueOf(100));
            p.put("discountRule", d.sentence);
            p.put("discountForeign", foreign(d.source, language));
            p.put("percent", d.percent);
            p.put("discounted", Money.format(afterDiscount, style));
            used.add(d.source.id());
        }
        Shipping s = shipping(style);
        // free delivery is a rule for goods that ship: a rental or a repair says nothing of it unless asked
        if (s != null && (freeShip || clause.topics.contains(Lexicon.SHIP) || (goods && (total || lines.size() > 0)))) {
            used.add(s.source.id());
            if (s.threshold != null) {
                boolean reached = afterDiscount.compareTo(s.threshold.amount()) >= 0;
                p.put("threshold", s.threshold.written(s.source.text()));
                p.put("reached", reached);
                if (!reached) {
                    p.put("missing", Money.format(s.threshold.amount().subtract(afterDiscount), style));
                    if (s.fee != null) {
                        p.put("fee", s.fee.written(s.source.text()));
                    }
                }
            }
        }
        used.replaceAll(x -> x);
        return new Answer(List.of(p), Intent.CALCULATION, entities.isEmpty() ? null : entities.get(entities.size() - 1),
                Aspect.PRICE);
    }

    private static final Pattern BUNDLE_WORDS = Pattern.compile("\\b(combo|bundle|set|kit|bo doi|bo ba|goi qua|gift set|duo|trio)\\b");

    /**
     * The priced bundle entry the clause is about: a named entry titled as a bundle, or a bundle entry
     * whose title or text names at least two of the products asked about.
     */
    private Knowledge bundleFor(List<Knowledge> entities, Clause clause) {
        for (Knowledge k : clause.named) {
            if (BUNDLE_WORDS.matcher(Text.fold(k.title())).find() && !Money.findAll(k.text()).isEmpty()) {
                return k;
            }
        }
        if (entities.size() < 2) {
            return null;
        }
        for (Knowledge k : index.entries()) {
            if (entities.contains(k) || !BUNDLE_WORDS.matcher(Text.fold(k.title())).find() || Money.findAll(k.text()).isEmpty()) {
                continue;
            }
            int covered = 0;
            for (Knowledge e : entities) {
                for (Map.Entry<Knowledge, Integer> n : index.named(k.title() + ". " + k.text(), personaTerms)) {
                    if (n.getKey().equals(e)) {
                        covered++;
                        break;
                    }
                }
            }
            if (covered >= 2 && covered == entities.size()) {
                return k;
            }
        }
        return null;
    }

    /** "2 tuýp kem chống nắng và 1 serum", "x2", "two bags of decaf": product -> quantity. */
    private Map<Knowledge, Integer> quantities(Clause clause, List<Knowledge> entities) {
        Map<Knowledge, Integer> out = new LinkedHashMap<>();
        String text = java.text.Normalizer.normalize(clause.text, java.text.Normalizer.Form.NFC);
        List<Money> money = Money.findAll(text);
        // numbers inside a product's name are part of it ("Summit 2P Tent", "iPhone 15", "Combo 3 món")
        List<int[]> names = nameSpans(text);
        // so are the numbers of a size or of a pack a product prices on its own ("size 20", "16 cm", "hộp 6 cái")
        names.addAll(sizeSpans(text, entities));
        List<int[]> numbers = new ArrayList<>(); // start, end, value
        Matcher x = QTY_X.matcher(text);
        while (x.find()) {
            if (!inside(names, x.start())) {
                numbers.add(new int[] {x.start(), x.end(), Integer.parseInt(x.group(1) != null ? x.group(1) : x.group(2))});
            }
        }
        Matcher m = COUNT.matcher(text);
        while (m.find()) {
            String w = m.group(1).toLowerCase(Locale.ROOT);
            Integer v = w.chars().allMatch(Character::isDigit) ? Integer.valueOf(w) : NUMBER_WORDS.get(w);
            if (v == null || v <= 0 || inside(money, m.start()) || inside(numbers, m.start()) || inside(names, m.start())
                    || GLUED.matcher(text).region(m.end(), text.length()).lookingAt()) {
                continue;
            }
            String after = text.substring(m.end()).strip().toLowerCase(Locale.ROOT);
            String nextWord = after.split("[^\\p{L}\\p{N}%]+", 2)[0];
            // a count is followed by a unit word or a product name, never by a measure, a duration or an age
            // ("cho bé 6 tháng", "cho be 6 thang", "a 4 year old"), typed with or without diacritics
            if (nextWord.matches("cm|kg|ml|g|oz|m|l|%|ngày|days?|đêm|nights?|giờ|hours?|tuần|weeks?|phút|minutes?|tháng|months?|năm|years?|k|đ|usd|size|eu|us|uk|giọt|drops?")
                    || Text.fold(nextWord).matches("ngay|dem|gio|tieng|tuan|phut|thang|nam|tuoi|yrs?|year-old|month-old")) {
                continue;
            }
            if (!w.chars().allMatch(Character::isDigit)) {
                // number words only before a unit word ("hai chai", "two bags")
                List<Text.Token> next = Text.tokens(after);
                if (next.isEmpty() || !unitOrProduct(next, after, entities)) {
                    continue;
                }
            }
            numbers.add(new int[] {m.start(), m.end(), v});
        }
        if (numbers.isEmpty()) {
            return out;
        }
        numbers.sort((a, b) -> Integer.compare(a[0], b[0]));
        // attach each count to the product named after it (before the next count), else the only product
        for (int i = 0; i < numbers.size(); i++) {
            int[] n = numbers.get(i);
            int to = i + 1 < numbers.size() ? numbers.get(i + 1)[0] : text.length();
            String span = text.substring(n[1], to).replaceFirst(
                    "(?iu)^\\s*(?:x\\s+)?(?:cái|chai|tuýp|lọ|hũ|hộp|túi|gói|bộ|chiếc|tubes?|bags?|bottles?|jars?|packs?|pairs?|"
                            + "pieces?|boxes?|sets?|units?|items?)\\s+(?:of\\s+)?", " ");
            List<Map.Entry<Knowledge, Integer>> named = index.named(levelsMasked(span), personaTerms);
            Knowledge k = null;
            for (Map.Entry<Knowledge, Integer> e : named) {
                if (isProduct(e.getKey())) {
                    k = e.getKey();
                    break;
                }
            }
            if (k == null && entities.size() == 1) {
                k = entities.get(0);
            }
            if (k == null && entities.isEmpty() && !Money.findAll(text).isEmpty()) {
                out.put(null, n[2]);
                continue;
            }
            if (k == null) {
                continue;
            }
            out.merge(k, n[2], Integer::sum);
        }
        return out;
    }

    /**
     * Where the text names a size (char spans): every size and measure ("size 20", "cỡ 20", "16 cm", "500g"), and a
     * pack ("hộp 6 cái", "box of 6") when one of the products asked about, or any product, prices it on its own.
     */
    private List<int[]> sizeSpans(String text, List<Knowledge> entities) {
        List<int[]> out = new ArrayList<>();
        for (Variants.Size s : Variants.find(text)) {
            if (s.key().startsWith("adj:")) {
                continue; // no number in it
            }
            boolean offered = !s.pack();
            String named = text.substring(s.start(), s.end());
            for (Knowledge k : entities.isEmpty() ? index.entries() : entities) {
                offered |= isProduct(k) && variant(k, named) != null;
            }
            if (offered) {
                out.add(new int[] {s.start(), s.end()});
            }
        }
        return out;
    }

    /**
     * Where the text names a product (char spans), numbers included; a number ending a partial name and
     * followed by a count word is a count after all ("trà lài 5 gói" is five packs of "Trà Lài 5 Sao").
     */
    private List<int[]> nameSpans(String text) {
        List<int[]> out = new ArrayList<>();
        List<ProductNames.Piece> pieces = null;
        for (ProductNames.Mention mention : index.mentions(text)) {
            int end = mention.end();
            if (pieces == null) {
                pieces = ProductNames.pieces(text);
            }
            ProductNames.Piece last = pieces.get(mention.to() - 1);
            if (last.token().numeric() && !mention.titleEnds()
                    && unitOrProduct(Text.tokens(text.substring(end)), "", List.of())) {
                end = last.start();
            }
            out.add(new int[] {mention.start(), end});
        }
        return out;
    }

    private static boolean unitOrProduct(List<Text.Token> next, String after, List<Knowledge> entities) {
        if (IntentDetector.any(next.subList(0, Math.min(2, next.size())), Cues.UNITS)) {
            return true;
        }
        for (Knowledge k : entities) {
            List<Text.Token> title = Text.tokens(k.title());
            if (!title.isEmpty() && next.get(0).folded().equals(title.get(0).folded())) {
                return true;
            }
        }
        return false;
    }

    private static boolean inside(List<?> spans, int at) {
        for (Object o : spans) {
            int s;
            int e;
            if (o instanceof Money m) {
                s = m.start();
                e = m.end();
            } else {
                int[] a = (int[]) o;
                s = a[0];
                e = a[1];
            }
            if (at >= s && at < e) {
                return true;
            }
        }
        return false;
    }

    private record Discount(int percent, int minItems, String sentence, Knowledge source) {
    }

    /**
     * A volume discount from the knowledge ("giảm 10% khi mua từ 2 sản phẩm", "10% off 2 or more"), or a duration
     * discount ("Thuê từ 3 ngày giảm 10%", "10% off from 3 days") of an {@code ordered} entry, or of an entry pricing
     * one of the {@code timed} items the same, when the order lasts {@code days} days or more.
     */
    private Discount discount(int items, int days, Set<Knowledge> ordered, List<PricedItems.Item> timed) {
        Pattern min = Pattern.compile("(?iu)(?:từ|from|buy|mua|any|of|at least)\\s+(\\d+)|(\\d+)\\s*(?:sản phẩm|món|items?|or more|\\+|trở lên|products|bags|pieces)");
        for (Knowledge k : index.entries()) {
            for (String s : Facts.sentences(k.text())) {
                Matcher p = PERCENT.matcher(s);
                String f = Text.fold(s);
                if (!p.find() || !(f.contains("combo") || f.contains("bundle") || f.contains("giam") || f.contains(" off")
                        || f.contains("discount"))) {
                    continue;
                }
                if (f.contains("subscri") || f.contains("dinh ky") || f.contains("thanh vien") || f.contains("member")
                        || f.contains("first order") || f.contains("don dau")) {
                    continue;
                }
                Matcher mm = min.matcher(s);
                int minimum = 0;
                PricedItems.Unit per = null;
                while (mm.find()) {
                    String g = mm.group(1) != null ? mm.group(1) : mm.group(2);
                    int v = Integer.parseInt(g);
                    if (v >= 2 && v <= 31) {
                        per = mm.group(1) != null ? PricedItems.unitAt(s, mm.end()) : null;
                        if (per == null && v > 10) {
                            continue;
                        }
                        minimum = v;
                        break;
                    }
                }
                if (minimum == 0 && !(f.contains("combo") || f.contains("bundle"))) {
                    continue;
                }
                if (per != null) {
                    // "từ 3 ngày": counted in days of the order, not in items, and only for what that entry prices (a
                    // room's "3 nights or more" is no discount on a scooter)
                    if (per.days > 0 && days >= minimum * per.days && (ordered.contains(k) || samePrices(k, timed))) {
                        return new Discount(Integer.parseInt(p.group(1)), minimum, Facts.trimEnd(s.strip()), k);
                    }
                    continue;
                }
                if (items >= Math.max(2, minimum)) {
                    return new Discount(Integer.parseInt(p.group(1)), minimum, Facts.trimEnd(s.strip()), k);
                }
            }
        }
        return null;
    }

    /**
     * True when the entry prices one of the {@code timed} items at the same amount per the same unit: the same offer
     * written in another entry, often in another language ("City bikes 120,000 VND per day" and "Thuê xe đạp thành phố
     * 120.000đ/ngày").
     */
    private static boolean samePrices(Knowledge k, List<PricedItems.Item> timed) {
        for (PricedItems.Item own : PricedItems.items(k.text())) {
            for (PricedItems.Item t : timed) {
                if (own.per() == t.per() && own.money().amount().compareTo(t.money().amount()) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Shipping(Money threshold, Money fee, Knowledge source) {
    }

    /** Words announcing that delivery costs nothing (folded). */
    private static final Pattern FREE = Pattern.compile("free|mien phi|freeship");
    /** Words before a threshold amount (folded, at the end of the text before the amount). */
    private static final Pattern BEFORE_THRESHOLD = Pattern.compile(
            "(?s).*(over|from|above|at least|orders of|order of|spend|tu|tren|toi thieu|>=|≥|>)\\s*$");

    /**
     * The free-shipping threshold and the fee below it: in a sentence saying delivery is free, the amount
     * after "over/from/từ/trên" is the threshold; a smaller amount in that sentence or the next is the fee.
     */
    private Shipping shipping(Money.Style style) {
        List<Knowledge> candidates = new ArrayList<>();
        topicalEntry(Lexicon.SHIP, List.of()).ifPresent(candidates::add);
        for (Knowledge k : index.entries()) {
            if (!candidates.contains(k) && FREE.matcher(Text.fold(k.text())).find() && !isProduct(k)) {
                candidates.add(k);
            }
        }
        for (Knowledge k : candidates) {
            String text = k.text();
            String f = Text.fold(text);
            List<String> sentences = Facts.sentences(text);
            int offset = 0;
            for (int i = 0; i < sentences.size(); i++) {
                String sentence = sentences.get(i);
                int at = text.indexOf(sentence, offset);
                offset = at + sentence.length();
                if (!FREE.matcher(Text.fold(sentence)).find()) {
                    continue;
                }
                Money threshold = null;
                Money fee = null;
                String scope = sentence + (i + 1 < sentences.size() ? " " + sentences.get(i + 1) : "");
                int scopeEnd = i + 1 < sentences.size() ? text.indexOf(sentences.get(i + 1), offset) + sentences.get(i + 1).length()
                        : offset;
                for (Money m : Money.findAll(text)) {
                    if (m.start() < at || m.end() > Math.max(offset, scopeEnd) || !sameCurrency(m.style(), style)) {
                        continue;
                    }
                    String before = f.substring(Math.max(0, m.start() - 24), m.start());
                    if (threshold == null && m.end() <= offset && BEFORE_THRESHOLD.matcher(before).matches()) {
                        threshold = m;
                    } else if (fee == null && threshold != null && m.amount().compareTo(threshold.amount()) < 0
                            && !BEFORE_THRESHOLD.matcher(before).matches()
                            && !Text.fold(text.substring(Math.max(0, m.start() - 30), m.start())).matches("(?s).*(duoi|under|below)\\s*$")) {
                        fee = m;
                    }
                }
                if (threshold != null) {
                    return new Shipping(threshold, fee, k);
                }
            }
        }
        return null;
    }

    private static boolean sameCurrency(Money.Style a, Money.Style b) {
        return b == null || (a.prefix().equals(b.prefix()) && (a.prefix().isEmpty() == b.prefix().isEmpty()));
    }

    private static int indexOfAny(String s, String... needles) {
        int best = -1;
        for (String n : needles) {
            int i = s.indexOf(n);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    // ---- dialogue state ----

    /** Replays the audience's earlier messages: the last product named, the last aspect asked, the language used. */
    private State replay(List<String> history) {
        Knowledge focus = null;
        Set<Aspect> aspects = Set.of();
        String language = null;
        Map<Knowledge, Integer> items = Map.of();
        boolean shipping = false;
        Set<Suitability.Group> groups = Set.of();
        for (String line : history) {
            if (line == null || line.isBlank() || NOTE.matcher(line).matches()) {
                continue; // the runtime's "[message withheld by the input guard]" is no audience text
            }
            String h = Directives.split(line).rest();
            if (h.isBlank()) {
                continue;
            }
            String d = LanguageDetector.detect(h);
            if (d != null) {
                language = d;
            }
            String expanded = categories.translate(glossary.translate(
                    abbreviations.expand(h, d != null ? d : persona.defaultLanguage())));
            Set<Aspect> asked = EnumSet.noneOf(Aspect.class);
            Set<Suitability.Group> people = EnumSet.noneOf(Suitability.Group.class);
            Knowledge before = focus;
            for (String c : Clauses.split(expanded, s -> true)) {
                List<Map.Entry<Knowledge, Integer>> named = namedOutsideUnknown(c, unknownName(c));
                Knowledge other = null;
                boolean product = false;
                for (Map.Entry<Knowledge, Integer> e : named) {
                    if (isProduct(e.getKey())) {
                        focus = e.getKey();
                        product = true;
                    } else if (other == null && (!isTopical(e.getKey()) || subscription(e.getKey()))
                            && !generalNote(e.getKey())) {
                        other = e.getKey();
                    }
                }
                if (!product && named.isEmpty() && !IntentDetector.any(Text.tokens(c), Cues.PRONOUN)) {
                    // "size 16 giá nhiêu" after the croissant was answered about the cake that comes in size 16:
                    // that cake is in focus for what follows ("để được mấy ngày")
                    Knowledge sized = sizedProduct(c, focus);
                    if (sized != null) {
                        focus = sized;
                        product = true;
                    }
                }
                if (!product && other != null && named.size() == 1) {
                    // "When does the book club meet?" then "is it free?": an event or a section of the shop the
                    // audience asked about is in focus too (never a shipping or returns entry, nor a general note)
                    focus = other;
                }
                List<Text.Token> tokens = Text.tokens(c);
                IntentDetector.Signals s = IntentDetector.analyze(c);
                if (s.has(Intent.PRICE)) {
                    asked.add(Aspect.PRICE);
                }
                for (Aspect a : Aspect.values()) {
                    if (a != Aspect.PRICE && a.askedIn(tokens)) {
                        asked.add(a);
                    }
                }
                Set<Suitability.Group> g = Suitability.asked(tokens);
                if (!g.isEmpty()) {
                    asked.add(Aspect.SUITABILITY); // "does it contain nuts?" then "what about the banana cake?"
                    people.addAll(g);
                    if (Suitability.contents(g)) {
                        asked.remove(Aspect.INGREDIENTS);
                    }
                }
            }
            if (!asked.isEmpty()) {
                aspects = asked;
                groups = people;
            } else if (IntentDetector.any(Text.tokens(expanded), Cues.OWN_QUESTION)) {
                aspects = Set.of(); // "When does the book club meet?" asked its own question: nothing to repeat
            }
            Clause whole = new Clause(expanded);
            // "do you ship to Saigon?" then "how much?": the last message asked about delivery and named no product
            shipping = whole.topics.contains(Lexicon.SHIP) && whole.named.stream().noneMatch(this::isProduct);
            List<Knowledge> products = namedProducts(whole, before);
            Map<Knowledge, Integer> q = quantities(whole, products);
            q.remove(null);
            if (!q.isEmpty()) {
                items = q;
            } else if (products.size() >= 2 && IntentDetector.any(whole.tokens, Cues.TOTAL)) {
                Map<Knowledge, Integer> each = new LinkedHashMap<>();
                products.forEach(k -> each.put(k, 1));
                items = each;
            }
        }
        return new State(focus, aspects, language, items, shipping, groups);
    }

    // ---- helpers ----

    /** A product's overview: its best-matching sentence(s), with the price sentence when it has one. */
    private static String overview(Knowledge k, String clause) {
        List<String> sentences = Facts.sentences(k.text());
        String relevant = Facts.relevant(k.text(), clause, 1, Set.copyOf(Lexicon.terms(k.title())));
        String first = Facts.trimEnd(sentences.get(0).strip());
        String main = relevant.isEmpty() ? first : relevant;
        for (String s : sentences) {
            String t = Facts.trimEnd(s.strip());
            if (!Money.findAll(t).isEmpty()) {
                if (main.contains(t) || t.contains(main)) {
                    return t.length() > main.length() ? t : main;
                }
                return sentences.indexOf(s) < sentences.indexOf(sentences.stream().filter(x -> Facts.trimEnd(x.strip())
                        .equals(main)).findFirst().orElse(s)) ? t + ". " + main : main + ". " + t;
            }
        }
        return main;
    }

    /**
     * The sentence of the entry that holds the most of the clause's words beyond the product's own name ("đường" of
     * "bánh mì nguyên cám có đường không"); null when the clause has no such word or no sentence holds one.
     */
    private String askedSentence(Knowledge k, String clause) {
        Set<String> q = new HashSet<>();
        for (String t : Lexicon.terms(clause)) {
            if (t.indexOf('_') < 0 && !t.startsWith("§") && !personaTerms.contains(t)) {
                q.add(t);
            }
        }
        q.removeAll(Lexicon.terms(k.title() + " . " + String.join(" . ", k.tags())));
        if (q.isEmpty()) {
            return null;
        }
        String best = null;
        int bestScore = 0;
        for (String sentence : Facts.sentences(k.text())) {
            int score = questionWordsIn(sentence, q);
            if (score > bestScore) {
                bestScore = score;
                best = Facts.trimEnd(sentence.strip());
            }
        }
        return best;
    }

    /**
     * What a yes/no question asks of a product that its entry does not say while other entries do: the clause's words
     * (as typed, from the first such word to the last, at most five words) that the knowledge uses elsewhere but
     * never in {@code k}'s title, tags or text ("taurine" of "hạt mèo lớn có taurine không" when only the kitten
     * food's sheet names taurine; "độc với mèo" of "cây lưỡi hổ có độc với mèo không"; "hypoallergenic" of the
     * acetate frame). Question, cue and function words, the persona's own words, numbers and the title words of any
     * product are no such word; words the knowledge never uses are {@link #unknownContent}'s. Null when there is none.
     */
    private String lacking(Clause clause, Knowledge k) {
        Set<String> own = new HashSet<>();
        for (Text.Token t : Text.words(k.title() + " " + k.text() + " " + String.join(" ", k.tags()))) {
            own.add(t.folded());
            own.add(Lexicon.stem(t.folded()));
        }
        Set<String> titles = new HashSet<>();
        for (Knowledge other : persona.knowledge()) {
            if (isProduct(other)) {
                for (Text.Token t : Text.words(other.title())) {
                    titles.add(Lexicon.stem(t.folded()));
                }
            }
        }
        Set<String> cues = cueWords();
        List<Text.Token> tokens = clause.tokens;
        int first = -1;
        int last = -1;
        List<String> words = new ArrayList<>();
        boolean[] content = new boolean[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            Text.Token t = tokens.get(i);
            String f = t.folded();
            String stem = Lexicon.stem(f);
            content[i] = !(f.isEmpty() || t.numeric() || Lexicon.STOPWORDS.contains(f) || SOCIAL.contains(stem)
                    || personaTerms.contains(f) || personaTerms.contains(stem) || cues.contains(f)
                    || QUESTION_WORDS.contains(f) || YES_NO_START.contains(f) || YES_NO_END.contains(f)
                    || TRAILING.contains(f) || Cues.GENERIC_NOUNS.contains(stem) || own.contains(f)
                    || own.contains(stem) || titles.contains(stem));
            if (!content[i] || stem.length() < 2 || !(index.knows(stem) || index.knows(f))) {
                continue;
            }
            if (first < 0) {
                first = i;
            }
            last = i;
            words.add(t.raw());
        }
        if (first < 0) {
            return null;
        }
        // the whole phrase around them ("bơ hạt mỡ", not "hạt")
        while (first > 0 && content[first - 1]) {
            first--;
        }
        while (last + 1 < tokens.size() && content[last + 1]) {
            last++;
        }
        if (last - first < 5) {
            StringBuilder span = new StringBuilder();
            for (int i = first; i <= last; i++) {
                span.append(i > first ? " " : "").append(tokens.get(i).raw());
            }
            return span.toString();
        }
        return String.join(" ", words);
    }

    /** How many distinct terms of {@code sentence} are among the question's terms {@code q}. */
    private static int questionWordsIn(String sentence, Set<String> q) {
        int n = 0;
        for (String t : new HashSet<>(Lexicon.terms(sentence))) {
            if (q.contains(t)) {
                n++;
            }
        }
        return n;
    }

    /** True when the clause names its product and asks nothing else ("còn serum?", "and the decaf?"). */
    private boolean subjectOnly(Clause clause, List<Knowledge> entities) {
        if (IntentDetector.any(clause.tokens, Cues.OWN_QUESTION)) {
            return false; // "When does the book club meet?" asks its own question, not the last one again
        }
        List<String> terms = Lexicon.terms(clause.text);
        if (terms.contains(Lexicon.FLIGHT) || terms.contains(Lexicon.NOISE)) {
            return false; // "Can I take the power bank on a plane?" after "is it waterproof?"
        }
        if (yesNo(clause)) {
            // "may say toc co gio mat ko" (có gió mát không) after a price question asks about "gió mát", though
            // its words typed plain fold like function words ("gio", "mat"): any word beside the name asks
            for (Text.Token t : clause.tokens) {
                String f = t.folded();
                if (!YES_NO_END.contains(f) && !YES_NO_START.contains(f) && !TRAILING.contains(f) && !f.equals("co")
                        && !f.equals("duoc") && !f.equals("dc") && !personaTerms.contains(f) && !t.numeric()
                        && !isCue(t, Cues.PRONOUN) && !isCue(t, Cues.FOLLOW_UP)) {
                    return false;
                }
            }
        }
        Set<String> rest = residual(clause.text);
        for (Knowledge k : entities) {
            rest.removeAll(Lexicon.terms(k.title() + " " + String.join(" ", k.tags())));
            rest.removeAll(Lexicon.terms(k.text()));
        }
        return rest.isEmpty();
    }

    /** Products the clause names, else the one in focus when the clause refers back to it. */
    /** A count of units naming no product ("mua 2 hop", "two bottles"), folded. */
    private static final Pattern UNIT_COUNT = Pattern.compile("\\b(\\d+|hai|ba|bon|nam|two|three|four|five)\\s+"
            + "(hop|chai|tuyp|lo|hu|goi|cai|bo|chiec|tui|doi|vi|ly|coc|phan|suat|boxes|box|bottles?|packs?|tubes?|jars?|"
            + "bags?|pairs?|cups?|glasses?|servings?|units?|pieces?)\\b");

    private List<Knowledge> namedProducts(Clause clause, Knowledge focus) {
        List<Knowledge> out = new ArrayList<>();
        for (Knowledge k : clause.named) {
            if (isProduct(k)) {
                out.add(k);
            }
        }
        if (out.isEmpty() && focus != null && (clause.pronoun || clause.followUp
                || (UNIT_COUNT.matcher(Text.fold(clause.text)).find() && (IntentDetector.any(clause.tokens, Cues.TOTAL)
                || IntentDetector.any(clause.tokens, Cues.FREE_SHIPPING) || clause.topics.contains(Lexicon.SHIP))))) {
            out.add(focus); // "mua 2 hộp", "I'll take two bottles": so many of the product in focus
        }
        return out;
    }

    /**
     * For "do you ship to X?": the sentences of a shipping entry naming X, else the ones about where it
     * delivers; null when the clause names no destination.
     */
    private static String destination(Clause clause, Knowledge k) {
        String f = Text.fold(clause.text);
        if (!(f.matches("(?s).*\\b(to|toi|den|ra|in|into|ve)\\b.*") || clause.text.strip().matches("(?s)\\S+\\s.*\\p{Lu}.*"))) {
            return null;
        }
        List<String> sentences = Facts.sentences(k.text());
        List<String> named = new ArrayList<>();
        for (String s : sentences) {
            String fs = Text.fold(s);
            for (Text.Token t : clause.tokens) {
                if (t.folded().length() > 2 && !Lexicon.STOPWORDS.contains(t.folded()) && Lexicon.concepts(t.raw()).isEmpty()
                        && java.util.regex.Pattern.compile("(?<![\\p{L}])" + Pattern.quote(t.folded()) + "(?![\\p{L}])")
                        .matcher(fs).find() && Character.isUpperCase(originalCase(clause.text, t.raw()))) {
                    named.add(Facts.trimEnd(s.strip()));
                    break;
                }
            }
        }
        if (!named.isEmpty()) {
            return String.join(". ", named);
        }
        List<String> covering = covering(clause.text, k);
        if (!covering.isEmpty()) {
            return String.join(". ", covering);
        }
        List<String> where = new ArrayList<>();
        for (String s : sentences) {
            if (DESTINATION.matcher(s).find()) {
                where.add(Facts.trimEnd(s.strip()));
            }
        }
        return where.isEmpty() ? null : String.join(". ", where.subList(0, Math.min(2, where.size())));
    }

    /** Sentences about the provinces a shop delivers to ("tỉnh khác 3-5 ngày", "toàn quốc", "other provinces"). */
    private static final Pattern PROVINCES = Pattern.compile("(?iuU)\\b(tỉnh|tỉnh thành|toàn quốc|cả nước|nội thành|"
            + "ngoại thành|provinces?|nationwide|anywhere in vietnam)\\b");
    /** Sentences about the districts of a city a shop serves ("quận Hải Châu", "Các quận khác chưa hỗ trợ"). */
    private static final Pattern DISTRICTS = Pattern.compile("(?iuU)\\b(quận|huyện|phường|districts?|nội thành|"
            + "ngoại thành|inner city)\\b");

    /**
     * For a question naming a place of Việt Nam that the entry does not name ("ship ra Cần Thơ", "pick up in Son
     * Tra"): the entry's sentences about the provinces, or the districts, it serves, at most two ("Nội thành TP.HCM và
     * Hà Nội 1-2 ngày, tỉnh khác 3-5 ngày"; "... trong quận Hải Châu và Thanh Khê ... Các quận khác chưa hỗ trợ").
     * Empty when the text names no such place or the entry says nothing of provinces or districts.
     */
    private static List<String> covering(String text, Knowledge k) {
        List<String> out = new ArrayList<>();
        for (Places.Found f : Places.find(text)) {
            if (mentions(k.text(), f.place())) {
                return List.of();
            }
            Pattern cover = f.place().kind() == Places.Kind.DISTRICT ? DISTRICTS : PROVINCES;
            for (String s : Facts.sentences(k.text())) {
                String t = Facts.trimEnd(s.strip());
                if (cover.matcher(s).find() && !out.contains(t) && out.size() < 2) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** Whether the text names the place (whole words, diacritics optional). */
    private static boolean mentions(String text, Places.Place place) {
        return Places.find(text).stream().anyMatch(f -> f.place().name().equals(place.name()));
    }

    /**
     * An entry about two or more service topics ("Cửa hàng và giờ mở cửa": the store and its hours); an entry about one
     * ("Returns") answers with its sentence most relevant to the question (see {@link #overview}).
     */
    private boolean mixed(Knowledge k) {
        return index.topicsOf(k).stream().filter(TOPICS::contains).count() >= 2;
    }

    /** A clock time: "8h", "8h30", "9:00", "7am", "5 pm". */
    private static final Pattern CLOCK = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])\\d{1,2}(?:h\\d{0,2}|:\\d{2}|\\s?[ap]\\.?m\\b)");

    private static final List<Text.Token[]> EMAIL = IntentDetector.phrases("email", "e mail", "mail", "gmail",
            "thư điện tử");
    private static final List<Text.Token[]> PHONE = IntentDetector.phrases("phone", "số điện thoại", "điện thoại",
            "sđt", "sdt", "hotline", "number", "call", "gọi", "zalo", "whatsapp");
    private static final List<Text.Token[]> WEBSITE = IntentDetector.phrases("website", "web", "trang web", "site",
            "url", "link");
    private static final Pattern EMAIL_MARK = Pattern.compile("[\\p{L}\\p{N}._+-]@[\\p{L}\\p{N}-]+\\.\\p{L}");
    /** Eight or more digits in one run of digits, spaces, dots and hyphens: a phone number. */
    private static final Pattern PHONE_MARK = Pattern.compile("\\+?\\d(?:[ .-]?\\d){7,13}");
    private static final Pattern WEB_MARK = Pattern.compile("(?i)https?://|www\\.|[\\p{L}\\p{N}-]\\.(?:com|vn|net|org|io|example)\\b");

    /** The contact channel a contact question asks for: "email", "phone", "web", or null for none in particular. */
    private static String contactChannel(Clause clause) {
        if (sharesOwnContact(clause.text)) {
            return null; // "email mình là lan@…", "my number is [phone hidden]": the asker's, not a question about ours
        }
        if (IntentDetector.any(clause.tokens, EMAIL)) {
            return "email";
        }
        if (IntentDetector.any(clause.tokens, PHONE)) {
            return "phone";
        }
        return IntentDetector.any(clause.tokens, WEBSITE) ? "web" : null;
    }

    /** First-person words that make a contact the asker's own ("email mình là", "số của em", "my email is"), folded. */
    private static final List<String> OWN_CONTACT = List.of("minh la", "cua minh", "toi la", "cua toi", "em la", "cua em",
            "tui la", "mk la", "my email", "my e mail", "my number", "my phone", "my zalo", "me at", "reach me");

    /**
     * True when a clause gives the asker's own contact rather than asking for the brand's: it holds an address or
     * number (an '@', a redaction marker such as "[email đã ẩn]", nine or more digits) or first-person words beside
     * the channel ({@link #OWN_CONTACT}). Linear in the clause.
     */
    static boolean sharesOwnContact(String clause) {
        int digits = 0;
        for (int i = 0; i < clause.length(); i++) {
            char c = clause.charAt(i);
            if (c == '@' || c == '[') {
                return true;
            }
            if (c >= '0' && c <= '9' && ++digits >= 9) {
                return true;
            }
        }
        String folded = " " + Text.fold(clause).replaceAll("[^a-z0-9]+", " ") + " ";
        for (String own : OWN_CONTACT) {
            if (folded.contains(" " + own + " ")) {
                return true;
            }
        }
        return false;
    }

    /** The entry's sentences that hold the channel (an e-mail address, a phone number, a link); null when none. */
    private static String channelSentence(Knowledge k, String channel) {
        Pattern mark = channel.equals("email") ? EMAIL_MARK : channel.equals("phone") ? PHONE_MARK : WEB_MARK;
        List<String> out = new ArrayList<>();
        for (String s : Facts.sentences(k.text())) {
            if (mark.matcher(s).find()) {
                out.add(Facts.trimEnd(s.strip()));
            }
        }
        return out.isEmpty() ? null : String.join(". ", out);
    }

    /** The persona's own contact for the channel (its e-mail, phone or contact page), null when it has none. */
    private String ownContact(String channel) {
        return switch (channel) {
            case "email" -> persona.contactEmail();
            case "phone" -> persona.contactPhone();
            default -> persona.contactUrl();
        };
    }

    private Map<String, Object> contact(String channel) {
        Map<String, Object> p = part("contact");
        p.put("channel", channel);
        p.put("value", ownContact(channel));
        return p;
    }

    /** A street address: a house number before a capitalised street name ("45 Lê Duẩn", "401 Alder Street"). */
    private static final Pattern STREET = Pattern.compile("(?u)(?<![\\p{L}\\p{N}.,])\\d{1,4}[A-Za-z]?(?:/\\d{1,4})?\\s\\p{Lu}\\p{Ll}");

    /**
     * The sentences of an entry about several things (see {@link #mixed}) that speak of the topic asked (its concept's words, or a clock
     * time for opening hours), at most two: "Cửa hàng và giờ mở cửa" answers "mấy giờ đóng cửa" with "Mở cửa
     * 8h-20h ..." and "ở đâu" with the address. Null when every sentence or none does (the overview answers).
     */
    private static String topicSentences(Knowledge k, String topic) {
        List<String> sentences = Facts.sentences(k.text());
        List<String> about = new ArrayList<>();
        for (String s : sentences) {
            if (Lexicon.terms(s).contains(topic) || (topic.equals(Lexicon.HOURS) && CLOCK.matcher(s).find())
                    || (topic.equals(Lexicon.STORE) && STREET.matcher(s).find())) {
                about.add(Facts.trimEnd(s.strip()));
            }
        }
        if (about.isEmpty() || about.size() == sentences.size()) {
            return null;
        }
        return String.join(". ", about.subList(0, Math.min(2, about.size())));
    }

    /**
     * The asker's language when the composer can write it, whether or not the persona lists it: a Vietnamese question
     * to an English-only persona is answered with a Vietnamese frame around the English knowledge, quoted as written
     * (an English reply would leave the asker with nothing they read). Else the conversation's, else the persona's
     * default.
     */
    private String replyLanguage(String detected, String conversation) {
        List<String> supported = ReplyTemplates.LANGUAGES;
        if (detected != null && supported.contains(detected)) {
            return detected;
        }
        if (detected == null && conversation != null && supported.contains(conversation)) {
            return conversation;
        }
        return LanguageDetector.replyLanguage("", persona.languages(), supported);
    }

    /** True when the entry is written in another language than the reply (the fact is quoted as written). */
    private static boolean foreign(Knowledge k, String language) {
        String l = LanguageDetector.detect(k.title() + ". " + k.text());
        return l != null && !l.equals(language);
    }

    /** Subject words of a clause: retrieval unigrams minus names and small talk. */
    private Set<String> residual(String text) {
        Set<String> out = new HashSet<>();
        for (String t : Lexicon.terms(POLITE_DA.matcher(text).replaceAll(" "))) {
            if (!t.contains("_") && !t.startsWith("§") && !personaTerms.contains(t) && !SOCIAL.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Quoted text: "…", “…” or «…». */
    private static final Pattern QUOTED = Pattern.compile("[\"“”«»]([^\"“”«»]{2,80})[\"“”«»]");
    /**
     * Words that praise, rate or ask about a product rather than name one ("trà sữa ngon không", "best rain
     * jacket", "áo phao rẻ nhất"): never part of an unknown product's name. Folded.
     */
    private static final Set<String> QUALITY = Set.of("ngon", "re", "dat", "mac", "xin", "chuan", "hot", "nhat",
            "tot", "dep", "xau", "ngot", "beo", "thom", "moi", "cu", "that", "gia", "fake", "auth", "chinh", "hang",
            "best", "good", "better", "cheap", "cheaper", "cheapest", "nice", "new", "newest", "latest", "popular",
            "famous", "original", "authentic", "genuine", "real", "nicest", "lightest", "warmest", "biggest",
            "smallest", "light", "heavy", "warm", "big", "small", "large", "little", "long", "short", "bestseller",
            "ban", "nhe", "nho", "dai", "ngan", "lon");

    /**
     * Words for where or how one buys ("có link mua không", "order on your website", "app để đặt hàng"): a sales
     * channel, never an unknown product. Folded.
     */
    private static final Set<String> CHANNELS = Set.of("link", "links", "web", "website", "websites", "webpage", "url",
            "app", "apps", "online", "fanpage");

    /**
     * Common verbs (folded) that follow or precede a product's name without being part of one ("does the storm
     * jacket come in navy", "trà sữa uống ngon không"). Forms that fold like product words ("trà", "chiên",
     * "rửa") are left out.
     */
    private static final Set<String> VERBS = Set.of("come", "comes", "coming", "came", "fit", "fits", "look", "looks",
            "work", "works", "last", "lasts", "feel", "feels", "run", "runs", "go", "goes", "keep", "keeps", "hold",
            "holds", "arrive", "arrives", "arrived", "ship", "ships", "shipped", "cost", "costs", "wash", "washes",
            "charge", "charges", "take", "takes", "need", "needs", "use", "uses", "weigh", "weighs", "pack", "packs",
            "stretch", "shrink", "shrinks", "smell", "smells", "taste", "tastes", "break", "breaks", "leak", "leaks",
            "include", "includes", "sell", "sells", "make", "makes", "made", "suit", "suits", "match", "matches",
            "wear", "wears", "worn", "sound", "sounds", "stay", "stays", "compare", "recommend", "buy",
            "order", "ordered", "return", "returned", "exchange", "try", "tried", "got", "get", "gets", "want",
            "uong", "an", "xai", "mac", "di", "deo", "mang", "giat", "nau", "giao", "dat", "mua", "nhan", "gui",
            "doi", "ve", "toi", "ra", "vao", "len", "xuong", "hu", "ben", "nghe", "xem", "lam", "bi", "dung", "phai");
    /** Punctuation that ends a name: an unknown product's name never spans it ("trả lời, serum giá sao"). */
    private static final Pattern NAME_BREAK = Pattern.compile("[,.;!?:()\\[\\]\\n…]+");

    /**
     * The message's products, except those named only by words of an {@link #unknownName} ("nồi" of "nồi áp
     * suất" names neither "Nồi cơm điện" nor "Nồi chiên", "rain" of "rain pants" not the "Storm Rain Jacket").
     */
    private List<Map.Entry<Knowledge, Integer>> namedOutsideUnknown(String text, String unknown) {
        List<Map.Entry<Knowledge, Integer>> named = index.named(text, personaTerms);
        if (unknown == null || named.isEmpty()) {
            return named;
        }
        text = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
        String folded = Text.fold(text); // one char per NFC char: at is an offset into text
        int at = folded.indexOf(Text.fold(unknown));
        String rest = at < 0 ? text : text.substring(0, at) + " , " + text.substring(Math.min(text.length(), at + unknown.length()));
        Set<Knowledge> outside = new HashSet<>();
        index.named(rest, personaTerms).forEach(e -> outside.add(e.getKey()));
        List<Map.Entry<Knowledge, Integer>> out = new ArrayList<>();
        for (Map.Entry<Knowledge, Integer> e : named) {
            if (outside.contains(e.getKey())) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * A product the knowledge does not have, named with words of one it has: the phrase (as typed, at most five
     * words) joining a word the knowledge never uses to product-title words beside it, head noun first as in
     * Vietnamese ("nồi áp suất" beside "Nồi chiên không dầu", "trà sữa matcha" beside "Trà sữa trân châu", "máy
     * pha cà phê" beside "Máy xay sinh tố") or last as in English ("rain pants", "down vest", "eye cream"); or a
     * quoted name with a word the knowledge never uses ("\"trà sữa khoai môn\""). Words that rate or praise
     * ({@link #QUALITY}), cue words, and one-letter typos of a title word ("serun") are no such word. Null when
     * the message names nothing of the kind.
     */
    private String unknownName(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher q = QUOTED.matcher(text);
        while (q.find()) {
            String quoted = q.group(1).strip();
            for (Text.Token t : Text.tokens(quoted)) {
                if (unknownWord(t)) {
                    return quoted;
                }
            }
        }
        boolean vietnamese = "vi".equals(LanguageDetector.detect(text));
        for (String segment : NAME_BREAK.split(text)) {
            String name = unknownNameIn(segment, Text.tokens(segment), vietnamese);
            if (name != null) {
                return name;
            }
        }
        return vietnamese ? otherHead(text) : null;
    }

    /**
     * A Vietnamese head noun typed before words from inside a product's title names another kind of thing: "máy
     * điều hòa" (an air conditioner) beside "Quạt điều hòa hơi nước" (a fan), "ly giữ nhiệt" beside "Bình giữ
     * nhiệt". The head is the first word of a Vietnamese name (of another product's title, or of the glossary's
     * names); a mention that starts at its title's own first word is that product ("bánh bông lan trứng muối"). The
     * head and the title words typed, or null.
     */
    private String otherHead(String text) {
        String nfc = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
        List<ProductNames.Mention> mentions = index.mentions(nfc);
        if (mentions.isEmpty()) {
            return null;
        }
        List<ProductNames.Piece> pieces = ProductNames.pieces(nfc);
        for (ProductNames.Mention m : mentions) {
            if (m.entry() == null || m.from() == 0) {
                continue;
            }
            List<Text.Token> title = Text.words(m.entry().title());
            if (!"vi".equals(LanguageDetector.detect(m.entry().title()))
                    && title.stream().allMatch(Text.Token::plain)) {
                continue; // an English title's head is its last word: "bánh madeleine" is the "Lemon Madeleines"
            }
            ProductNames.Piece first = pieces.get(m.from());
            ProductNames.Piece before = pieces.get(m.from() - 1);
            if (title.isEmpty() || ProductNames.same(first.token(), title.get(0)) || before.word() == first.word()
                    || !nfc.substring(before.end(), first.start()).isBlank() || before.token().numeric()
                    || ProductNames.same(before.token(), title.get(0))) {
                continue;
            }
            if (index.productHead(before.token()) || Glossary.headNoun(before.token())) {
                return nfc.substring(before.start(), m.end());
            }
        }
        return null;
    }

    /**
     * In Vietnamese a name's head noun comes first and what follows qualifies it ("nồi áp suất", "trà sữa matcha"):
     * a word before a product's name is no part of it ("trả lời serum"). In English the head comes last and may be
     * ours or not ("eye cream", "rain pants").
     */
    private String unknownNameIn(String segment, List<Text.Token> tokens, boolean vietnamese) {
        // who a suitability question is about ("retinol bà bầu dùng được ko", "ok for sensitive skin?") names no
        // product: those words neither start nor extend an unknown name
        boolean[] condition = Suitability.covered(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            if (condition[i] || !unknownWord(tokens.get(i))) {
                continue;
            }
            int start = i;
            // a word typed with diacritics is Vietnamese, and qualifies no English name before it: "cold brew mở
            // nắp", "cà phê hữu cơ" read as "coffee hữu cơ" (an English title's words end there)
            boolean viWord = !tokens.get(i).plain();
            while (start > 0 && i - start < 3 && index.inAnyTitle(tokens.get(start - 1))
                    && !nameBarrier(tokens.get(start - 1)) && !condition[start - 1]
                    && !(viWord && englishTitleWord(tokens.get(start - 1)))) {
                start--;
            }
            if (start < i && wholeTitle(tokens, start, i) && !nameLike(segment, tokens, i)) {
                // words after a product's whole name ask about it: "does Aero protect my hearing?", "does Aero come
                // in pink?" (a name typed after it, "Aero Max", "Aero 2", "the Aero mini?" ending the question, is
                // another product's)
                continue;
            }
            // a Vietnamese head noun up to three words further back: "máy pha cà phê", "nồi nấu chậm"
            for (int k = start - 1; vietnamese && k >= Math.max(0, start - 3); k--) {
                if (nameBarrier(tokens.get(k)) || condition[k] || (viWord && englishTitleWord(tokens.get(k)))) {
                    break;
                }
                if (index.productHead(tokens.get(k))) {
                    start = k;
                    break;
                }
            }
            int end = i + 1;
            // the rest of the noun phrase: "nồi áp suất" ("suất" may be known from "công suất"), "eye cream"
            while (end < tokens.size() && end - start < 5 && !nameBarrier(tokens.get(end)) && !condition[end]
                    && ((!vietnamese && index.inProductTitle(tokens.get(end))) || (!index.inProductTitle(tokens.get(end))
                    && !functionWord(tokens.get(end))
                    && !cueWords().contains(tokens.get(end).folded()) && Lexicon.concepts(tokens.get(end).raw()).isEmpty()))) {
                end++;
            }
            boolean ours = false;
            for (int j = start; j < end; j++) {
                ours |= index.inAnyTitle(tokens.get(j));
            }
            if (ours && end - start >= 2) {
                StringBuilder b = new StringBuilder();
                for (int j = start; j < end; j++) {
                    b.append(j > start ? " " : "").append(tokens.get(j).raw());
                }
                return b.toString();
            }
            i = end - 1;
        }
        return null;
    }

    /** Tags that name no kind of product. */
    private static final Set<String> GENERIC_TAGS = Set.of("product", "products", "san pham", "policy", "new",
            "bestseller", "sale");
    /** Words around "do you have X?" that are neither the kind nor the attribute asked. */
    private static final Set<String> ASK_FILLER = Set.of("any", "some", "a", "an", "the", "loai", "mau", "nao", "gi",
            "cai", "san", "pham", "sp", "shop", "ben", "minh", "ban", "em", "vay", "nhi", "ha", "nha", "khong", "ko",
            "k", "hong", "hok", "kh", "hem", "there", "for", "me", "sale", "co", "please", "pls");
    /** The Vietnamese fillers of {@link #ASK_FILLER} as typed with diacritics ("cơ" of "hữu cơ" is none). */
    private static final Set<String> VI_FILLER = Set.of("loại", "mẫu", "nào", "gì", "cái", "sản", "phẩm", "bên",
            "mình", "bạn", "vậy", "nhỉ", "hả", "không", "hông", "có", "ạ", "bán");

    private static boolean filler(Text.Token t) {
        return ASK_FILLER.contains(t.folded()) && (t.plain() || VI_FILLER.contains(t.raw()));
    }

    /**
     * English colour words; a Vietnamese colour counts after "màu" only ("màu đỏ"): "kem" of "bánh su kem" is cream,
     * "xanh" of "trà xanh" green tea.
     */
    private static final Set<String> COLOURS = Set.of("black", "white", "red", "pink", "blue", "green", "grey", "gray",
            "yellow", "purple", "orange", "brown", "beige", "navy", "silver", "gold", "violet", "teal", "turquoise",
            "maroon", "burgundy", "cream", "ivory", "khaki", "olive", "lime", "mint", "lilac", "lavender", "coral");

    /** A negation before a word makes the attribute ("không chì", lead-free). */
    private static final Set<String> NEGATION = Set.of("khong", "ko", "k", "kh", "hong", "no", "non", "without");
    /** Words of an attribute that say nothing on their own when looking for what the knowledge says of it. */
    private static final Set<String> ATTRIBUTE_FILLER = Set.of("khong", "free", "no", "non", "without", "ko", "mau",
            "color", "colour", "loai", "made", "with", "co", "chua");

    /**
     * "Do you have gluten-free bread?", "có cà phê hữu cơ không", "shop có son không chì không": a kind of product the
     * knowledge has (a tag, or a title's head: "coffee", "bread", "son") asked with an attribute none of those
     * products is described with. The part says none is listed so, with what their entries do say of it (the
     * croissant "contains gluten") and which of that kind there are; null when the clause asks no such thing (no
     * "do you have", no kind, no attribute, a size or a person's condition, or a product described so).
     */
    private Map<String, Object> absent(Clause clause, String language, List<String> used) {
        if (!clause.topics.isEmpty() || clause.pronoun) {
            return null;
        }
        for (Aspect a : clause.aspects) {
            if (a != Aspect.SUITABILITY && a != Aspect.COLOR && a != Aspect.INGREDIENTS) {
                return null;
            }
        }
        List<Text.Token> tokens = Text.tokens(clause.text);
        Set<Suitability.Group> groups = Suitability.asked(tokens);
        if (!groups.isEmpty() && !Suitability.contents(groups)) {
            return null; // "có kem nào cho da nhạy cảm không": who it is for, see Suitability
        }
        int from = -1;
        for (Text.Token[] p : Cues.HAVE) {
            int at = Text.indexOf(tokens, p, 0);
            if (at >= 0 && (from < 0 || at + p.length < from)) {
                from = at + p.length;
            }
        }
        for (int i = 0; from < 0 && i < Math.min(4, tokens.size()); i++) {
            String f = tokens.get(i).folded();
            if (f.equals("co")) {
                from = i + 1; // "có cà phê hữu cơ không", "shop có son không chì không"
            } else if (!Set.of("shop", "ben", "minh", "ban", "oi", "cho", "hoi", "em", "chi", "anh", "vay").contains(f)) {
                break;
            }
        }
        if (from < 0 || from >= tokens.size()) {
            return null;
        }
        // the kind: a product's tag or its title's head (first words of a Vietnamese title, last of an English one)
        boolean[] kind = new boolean[tokens.size()];
        Map<Knowledge, Integer> matched = new LinkedHashMap<>();
        for (Knowledge k : persona.knowledge()) {
            if (!isProduct(k)) {
                continue;
            }
            List<List<Text.Token>> names = new ArrayList<>();
            for (String tag : k.tags()) {
                if (!GENERIC_TAGS.contains(Text.fold(tag).replace('-', ' ').replace('_', ' '))) {
                    names.add(Text.words(tag.replace('-', ' ').replace('_', ' ')));
                }
            }
            List<Text.Token> title = Text.words(k.title());
            if (!title.isEmpty()) {
                if ("vi".equals(LanguageDetector.detect(k.title())) || !title.get(0).plain()) {
                    names.add(title.subList(0, 1));
                    if (title.size() > 2) {
                        names.add(title.subList(0, 2));
                    }
                } else {
                    names.add(title.subList(title.size() - 1, title.size()));
                }
            }
            names.add(title);
            int longest = 0;
            for (List<Text.Token> name : names) {
                for (int at = from; !name.isEmpty() && at + name.size() <= tokens.size(); at++) {
                    boolean same = true;
                    for (int j = 0; j < name.size() && same; j++) {
                        same = Lexicon.stem(name.get(j).folded()).equals(Lexicon.stem(tokens.get(at + j).folded()));
                    }
                    if (same) {
                        for (int j = 0; j < name.size(); j++) {
                            kind[at + j] = true;
                        }
                        longest = Math.max(longest, name.size());
                    }
                }
            }
            if (longest > 0) {
                matched.put(k, longest);
            }
        }
        if (matched.isEmpty()) {
            return null;
        }
        // "bánh mì" names the breads, not every title that starts with "bánh"
        int best = java.util.Collections.max(matched.values());
        List<Knowledge> ofKind = matched.entrySet().stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey)
                .toList();
        Set<String> titleWords = new HashSet<>();
        for (Knowledge k : persona.knowledge()) {
            if (isProduct(k)) {
                Text.words(k.title()).forEach(t -> titleWords.add(t.folded()));
            }
        }
        int first = -1;
        int last = -1;
        List<String> words = new ArrayList<>();
        for (int i = from; i < tokens.size(); i++) {
            Text.Token t = tokens.get(i);
            boolean negation = NEGATION.contains(t.folded()) && i + 1 < tokens.size() && !kind[i + 1]
                    && !filler(tokens.get(i + 1));
            if (kind[i] || (!negation && filler(t) && (i == tokens.size() - 1 || first < 0))) {
                continue;
            }
            if (t.folded().chars().anyMatch(Character::isDigit) || titleWords.contains(t.folded())) {
                return null; // a size, a model or another product's name: not a kind and an attribute
            }
            if (first < 0) {
                first = i;
            }
            last = i;
            words.add(t.folded());
        }
        while (last > first && filler(tokens.get(last))) {
            last--; // "... không chì không": the question's last "không" asks, the first one is the attribute's
        }
        if (first < 0 || words.stream().allMatch(ATTRIBUTE_FILLER::contains)) {
            return null;
        }
        List<Text.Token> said = tokens.subList(first, last + 1);
        boolean describes = Suitability.contents(groups) || IntentDetector.any(said, Cues.ATTRIBUTES);
        boolean colour = false;
        for (int i = 0; i < said.size(); i++) {
            Text.Token t = said.get(i);
            // "không chì", "lead-free", "without sugar", "pink", "màu đỏ": a negation or a colour describes
            colour |= COLOURS.contains(t.raw())
                    || (i > 0 && Set.of("mau", "color", "colour").contains(said.get(i - 1).folded()));
            describes |= (NEGATION.contains(t.folded()) && i + 1 < said.size()) || t.folded().equals("free") || colour;
        }
        if (!describes) {
            return null; // "eye cream", "nồi áp suất", "trà sữa matcha": another kind of thing, see unknownName
        }
        StringBuilder typed = new StringBuilder();
        for (int i = first; i <= last; i++) {
            if (!kind[i]) {
                typed.append(typed.length() > 0 ? " " : "").append(tokens.get(i).raw());
            }
        }
        String attribute = typed.toString();
        String phrase = " " + Text.fold(attribute).replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
        for (Knowledge k : ofKind) {
            String text = " " + Text.fold(k.title() + ". " + k.text()).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
            if (text.contains(phrase)) {
                return null; // described so: the usual answer names it
            }
        }
        // what the entries of that kind do say of the attribute's words ("Có chứa gluten", "không màu")
        List<Map<String, Object>> facts = new ArrayList<>();
        for (Knowledge k : ofKind) {
            for (String sentence : Facts.sentences(k.text())) {
                String f = " " + Text.fold(sentence).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
                boolean says = false;
                for (String w : words) {
                    says |= !ATTRIBUTE_FILLER.contains(w) && w.length() > 2 && f.contains(" " + w + " ");
                }
                for (Suitability.Group g : groups) {
                    // "dairy-free soap": the soap "Contains milk"
                    says |= IntentDetector.any(Text.tokens(sentence), g.answers);
                }
                says |= colour && Aspect.COLOR.score(sentence) > 0; // "red candles?": the colours it comes in
                if (says && facts.size() < 3) {
                    Map<String, Object> fact = new HashMap<>();
                    fact.put("title", k.title());
                    fact.put("fact", Facts.trimEnd(sentence.strip()));
                    fact.put("foreign", foreign(k, language));
                    facts.add(fact);
                    used.add(k.id());
                    break;
                }
            }
        }
        Map<String, Object> p = part("absent");
        p.put("attribute", Categories.spelled(clause.text, attribute));
        p.put("facts", facts);
        p.put("titles", ofKind.stream().limit(MAX_LISTED).map(Knowledge::title).toList());
        return p;
    }

    /**
     * True when the word (folded) is a word of the title of a product written in English (its entry detected as
     * English: "Cold Brew Concentrate", not the "Serum vitamin C 15%" of a Vietnamese entry, whose "serum dưỡng ẩm" is
     * a Vietnamese name).
     */
    private boolean englishTitleWord(Text.Token t) {
        if (!t.plain()) {
            return false;
        }
        for (Knowledge k : persona.knowledge()) {
            if (isProduct(k) && "en".equals(LanguageDetector.detect(k.title() + ". " + k.text()))
                    && Text.words(k.title()).stream().allMatch(Text.Token::plain)
                    && Text.words(k.title()).stream().anyMatch(w -> w.folded().equals(t.folded()))) {
                return true;
            }
        }
        return false;
    }

    /** True when tokens [from, to) are the whole title of a product of the knowledge, word for word. */
    private boolean wholeTitle(List<Text.Token> tokens, int from, int to) {
        for (Knowledge k : persona.knowledge()) {
            if (!isProduct(k)) {
                continue;
            }
            List<Text.Token> title = Text.words(k.title());
            if (title.size() != to - from) {
                continue;
            }
            boolean same = true;
            for (int j = 0; j < title.size() && same; j++) {
                same = title.get(j).folded().equals(tokens.get(from + j).folded());
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the word at {@code at} reads as part of a name: capitalised as typed, holding a digit, or the last
     * word of the segment but for function words ("do you have the Aero mini?").
     */
    private static boolean nameLike(String segment, List<Text.Token> tokens, int at) {
        Text.Token t = tokens.get(at);
        if (t.raw().chars().anyMatch(Character::isDigit) || Character.isUpperCase(originalCase(segment, t.raw()))) {
            return true;
        }
        for (int j = at + 1; j < tokens.size(); j++) {
            if (!functionWord(tokens.get(j))) {
                return false;
            }
        }
        return true;
    }

    /** Vietnamese function words (folded) that end a name typed with diacritics ("trà sữa matcha của quán"). */
    private static final Set<String> VI_FUNCTION = Set.of("cua", "cho", "la", "de", "tu", "trong", "nay", "do", "kia",
            "ma", "khi", "neu", "roi", "nua", "luon", "lam", "qua", "cung", "deu", "nhu", "tai", "bi", "se", "dang");

    /**
     * A function word: one of the retrieval stopwords, except a Vietnamese word typed with its diacritics that
     * only folds like an English one ("ẩm" of "dưỡng ẩm" is not "am").
     */
    private static boolean functionWord(Text.Token t) {
        return Lexicon.STOPWORDS.contains(t.folded()) && (t.plain() || VI_FUNCTION.contains(t.folded())
                || PHRASE_END.contains(t.folded()) || QUESTION_WORDS.contains(t.folded()));
    }

    /** A word that ends an unknown product's name: a question or function word, a number, the persona's name. */
    private boolean nameBarrier(Text.Token t) {
        String f = t.folded();
        return QUESTION_WORDS.contains(f) || PHRASE_END.contains(f) || QUALITY.contains(f) || VERBS.contains(f) || t.numeric()
                || SIZE_TOKEN.matcher(f).matches() || Variants.UNIT_WORDS.contains(f)
                || (personaTerms.contains(f) && !index.inProductTitle(t)) || isCue(t, Cues.HAVE) || isCue(t, Cues.PRONOUN) || isCue(t, Cues.ADD)
                || isCue(t, Cues.UNITS);
    }

    /** A word no entry of the knowledge uses and that names a thing (no cue, function, rating or typo word). */
    /** English number words (Vietnamese ones start names: "ba lô" is a backpack). */
    private static final Set<String> COUNT_WORDS = Set.of("two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "twelve");

    private boolean unknownWord(Text.Token t) {
        String f = Lexicon.stem(t.folded());
        if (f.length() < 2 || t.numeric() || SIZE_TOKEN.matcher(t.folded()).matches() || Variants.UNIT_WORDS.contains(t.folded())
                || Lexicon.STOPWORDS.contains(t.folded()) || SOCIAL.contains(f)
                || personaTerms.contains(f) || index.knows(f) || index.knows(t.folded()) || Cues.GENERIC_NOUNS.contains(f)
                || QUESTION_WORDS.contains(t.folded()) || PHRASE_END.contains(t.folded()) || QUALITY.contains(t.folded())
                || VERBS.contains(t.folded()) || CHANNELS.contains(t.folded()) || Suitability.conditionTerm(f)
                || !Lexicon.concepts(t.raw()).isEmpty() || cueWords().contains(t.folded()) || index.nearProductWord(t)
                || COUNT_WORDS.contains(t.raw())) {
            return false; // an English number word is a count ("two Tempo Glide"), never the start of an unknown name
        }
        return true;
    }

    private Set<String> cueWords;

    /**
     * The aspect, reference, counting and ordering cues: their words name no product ("nhiệt độ", "caffeine", "mấy
     * phút", "đặt hàng").
     */
    private static final List<List<Text.Token[]>> CUE_LISTS = cueLists();

    private static List<List<Text.Token[]>> cueLists() {
        List<List<Text.Token[]>> out = new ArrayList<>(List.of(Cues.HAVE, Cues.PRONOUN, Cues.FOLLOW_UP, Cues.UNITS,
                Cues.TOTAL, Cues.ADD, IntentDetector.PURCHASE));
        for (Aspect a : Aspect.values()) {
            if (!a.cues.isEmpty()) {
                out.add(a.cues);
            }
        }
        return List.copyOf(out);
    }

    /** Every word of the aspect, reference and counting cues (folded). */
    private Set<String> cueWords() {
        Set<String> words = cueWords;
        if (words == null) {
            words = new HashSet<>();
            for (List<Text.Token[]> list : CUE_LISTS) {
                for (Text.Token[] p : list) {
                    for (Text.Token t : p) {
                        words.add(t.folded());
                    }
                }
            }
            cueWords = Set.copyOf(words);
        }
        return words;
    }

    /**
     * The phrase of the clause (as typed, at most four words) that names something the knowledge never
     * mentions ("son môi", "espresso machines"): from the first unknown word to the end of its noun phrase.
     */
    private List<String> unknownContent(Clause clause) {
        List<Text.Token> tokens = clause.tokens;
        // the words of the cues the clause actually uses: "tất" of "tất cả" is a cue word, "tất" alone (socks) is not
        boolean[] cue = new boolean[tokens.size()];
        for (List<Text.Token[]> list : CUE_LISTS) {
            for (Text.Token[] p : list) {
                for (int at = Text.indexOf(tokens, p, 0); at >= 0; at = Text.indexOf(tokens, p, at + 1)) {
                    for (int j = 0; j < p.length; j++) {
                        cue[at + j] = true;
                    }
                }
            }
        }
        // who a suitability question is about ("ok for sensitive skin?", "cho bé 6 tháng") is no product
        boolean[] condition = Suitability.covered(tokens);
        boolean[] concept = Lexicon.conceptCovered(tokens); // "tested on animals": a known concept's words
        for (int i = 0; i < cue.length; i++) {
            cue[i] |= condition[i] || concept[i];
        }
        int first = -1;
        for (int i = 0; i < tokens.size() && first < 0; i++) {
            Text.Token t = tokens.get(i);
            String f = Lexicon.stem(t.folded());
            if (f.length() < 2 || Lexicon.STOPWORDS.contains(t.folded()) || SOCIAL.contains(f) || personaTerms.contains(f)
                    || cue[i] || t.numeric() || SIZE_TOKEN.matcher(t.folded()).matches()
                    || Variants.UNIT_WORDS.contains(t.folded()) || index.knows(f) || index.knows(t.folded())
                    || Cues.GENERIC_NOUNS.contains(f) || !Lexicon.concepts(t.raw()).isEmpty()
                    || QUESTION_WORDS.contains(t.folded()) || CHANNELS.contains(t.folded())
                    || "để".equals(t.raw().toLowerCase(Locale.ROOT)) // "app để đặt hàng": "in order to", no name
                    || verb(clause.text, tokens, i)) {
                continue;
            }
            first = i;
        }
        List<String> out = new ArrayList<>();
        if (first < 0) {
            return out;
        }
        if (first > 0) {
            // "túi xách", "son môi": the head noun before the unknown word belongs to the phrase
            Text.Token before = tokens.get(first - 1);
            String b = before.folded();
            boolean properNoun = first > 1 && Character.isUpperCase(originalCase(clause.text, before.raw()))
                    && Character.isUpperCase(originalCase(clause.text, tokens.get(first).raw()));
            boolean afterName = false;
            for (int k = 0; k < first && !afterName; k++) {
                afterName = wholeTitle(tokens, k, first) && !nameLike(clause.text, tokens, first);
            }
            if (afterName) {
                // "does Aero protect my hearing?": words after a product's whole name ask about it, they start no name
                return out;
            }
            if (properNoun || (!condition[first - 1] && !(cue[first - 1] && isCue(before, Cues.BATTERY))
                    && !QUESTION_WORDS.contains(b) && !Lexicon.STOPWORDS.contains(b) && !PHRASE_END.contains(b)
                    && !isCue(before, Cues.HAVE) && !isCue(before, Cues.PRONOUN) && !isCue(before, Cues.ADD)
                    && !before.numeric() && !personaTerms.contains(b))) {
                first--; // "Hà Nội": a capitalised word before a capitalised unknown one is part of the name
            }
        }
        // a Vietnamese noun phrase may start one word earlier ("giày cao gót": "giày" is the head)
        for (int i = first; i < tokens.size() && out.size() < 4; i++) {
            Text.Token t = tokens.get(i);
            if (i > first && t.numeric() && Character.isUpperCase(originalCase(clause.text, tokens.get(i - 1).raw()))) {
                out.add(t.raw()); // "District 7", "Quận 7", "Route 66": a number ends a capitalised place name
                break;
            }
            if (i > first && (PHRASE_END.contains(t.folded()) || t.numeric() || personaTerms.contains(t.folded())
                    || isCue(t, Cues.HAVE))) {
                break;
            }
            out.add(t.raw());
        }
        return out;
    }

    /** English subjects: the word after one is its verb ("shoes I ran in", "we jogged", "you wore"). Folded. */
    private static final Set<String> SUBJECTS = Set.of("i", "we", "you", "they", "he", "she", "ive", "weve", "youve",
            "theyve", "id", "wed", "ill");
    /** Vietnamese tense and aspect markers: the word after one is a verb ("đã chạy", "vừa mang", "từng đi"). */
    private static final Set<String> VI_TENSE = Set.of("đã", "đang", "sẽ", "vừa", "mới", "từng", "chưa", "hay");
    /** How often and when, in English: never a thing a shop sells. */
    private static final Set<String> ADVERBS = Set.of("once", "twice", "again", "already", "yesterday", "today",
            "tomorrow", "ago", "recently", "ever", "never", "before", "lately", "outside", "outdoors", "indoors");
    /** Common irregular English past forms (a past verb is no product name: "Can I return shoes I ran in?"). */
    private static final Set<String> IRREGULAR_PAST = Set.of("ran", "wore", "worn", "went", "gone", "bought", "got",
            "gotten", "took", "taken", "made", "came", "saw", "seen", "gave", "given", "broke", "broken", "tore", "torn",
            "ate", "eaten", "drank", "drunk", "wrote", "written", "sent", "paid", "left", "lost", "found", "kept", "spent",
            "tried", "washed", "used", "opened", "ordered", "received", "jogged", "walked", "hiked", "biked", "swam",
            "rode", "ridden", "slept", "felt", "fell", "fallen", "put", "read", "did", "done", "had", "been");

    /**
     * Whether the token at {@code i} is a verb of the question rather than a word of a name: right after an English
     * subject ("shoes I ran in once", "the ones we bought"), an English past form ("used", "jogged", "wore") typed in
     * lower case, or a Vietnamese word right after a tense marker ("giày đã chạy một lần").
     */
    private static boolean verb(String text, List<Text.Token> tokens, int i) {
        Text.Token t = tokens.get(i);
        if (t.plain() && ADVERBS.contains(t.folded())) {
            return true; // "shoes I ran in once", "worn twice"
        }
        String prev = i > 0 ? tokens.get(i - 1).folded() : "";
        if (i > 0 && SUBJECTS.contains(prev) && t.plain()) {
            return true;
        }
        if (i > 0 && VI_TENSE.contains(tokens.get(i - 1).raw())) {
            return true;
        }
        if (!t.plain() || Character.isUpperCase(originalCase(text, t.raw()))) {
            return false;
        }
        String f = t.folded();
        return IRREGULAR_PAST.contains(f) || (f.length() > 4 && f.endsWith("ed") && !f.endsWith("eed"));
    }

    private static boolean isCue(Text.Token token, List<Text.Token[]> cues) {
        for (Text.Token[] p : cues) {
            for (Text.Token t : p) {
                if (token.matches(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Words that end a noun phrase being quoted back. */
    private static final Set<String> PHRASE_END = Set.of("khong", "chua", "a", "nhe", "nha", "vay", "shop", "admin",
            "trong", "within", "under", "ok", "okay", "oke", "safe", "suitable", "while", "during",
            "ban", "minh", "not", "please", "for", "in", "at", "with", "to", "ha", "nhi", "thi", "sao", "gi", "nao", "dau",
            "or", "and", "va", "hay", "hoac", "voi", "o", "the", "ne", "oi", "khum", "hong", "too", "also", "here", "there",
            "online", "now", "bay", "gio", "yet", "still", "do", "does", "is", "are", "can", "could", "duoc",
            "co", "price", "gia", "cost", "thanks", "you", "we", "ship", "giao", "mua", "buy");

    private static final Set<String> QUESTION_WORDS = Set.of("ban", "sell", "have", "carry", "stock", "make", "khong",
            "co", "nao", "gi", "does", "do", "any", "got", "loai", "kind", "type", "kinds", "types", "sale", "gia",
            "price", "cost", "mua", "buy", "order", "want", "muon", "need", "can", "lay", "tim", "find", "looking",
            "kiem", "shop", "ben", "minh", "nhe", "nha", "a", "ạ", "ah", "oi", "admin", "please", "thanks", "hi",
            "hello", "chao", "tell", "about", "more", "info", "information", "thong", "tin", "hoi", "ask", "biet",
            "know", "recommend", "suggest", "tu", "van", "goi", "y", "your", "you", "we", "our", "us", "for", "me", "i",
            "last", "lasts", "take", "takes", "drink", "eat", "use", "wear", "uong", "an", "xai", "mac");

    /** The shop as a place, asked where it is ("tiệm ở đâu", "where is the studio"). */
    private static final List<Text.Token[]> SHOP_PLACE = IntentDetector.phrases("tiệm", "shop", "quán", "cửa hàng",
            "cửa tiệm", "store", "showroom", "văn phòng", "office", "studio", "salon", "cơ sở", "chi nhánh", "branch",
            "workshop", "xưởng", "garage", "bên bạn", "bên mình", "you");

    /** Days of the week and holidays, in both languages (see categories.tsv for "Sunday" read as "Chủ nhật"). */
    private static final List<Text.Token[]> DAYS = IntentDetector.phrases("chủ nhật", "thứ bảy", "thứ 7", "cuối tuần",
            "ngày lễ", "sunday", "sundays", "saturday", "saturdays", "weekend", "weekends", "holiday", "holidays",
            "monday", "mondays", "tuesday", "wednesday", "thursday", "friday", "fridays");

    /** Asking how to use a product, beside who may ("bé 2 tuổi dùng thế nào"). */
    private static final List<Text.Token[]> HOW_TO_USE = IntentDetector.phrases("cách dùng", "dùng thế nào",
            "dùng sao", "dùng ra sao", "how to use", "how do i use", "how should", "how often", "how much should");

    /** Particles that may end a Vietnamese question after its "không" ("được không shop", "ko ạ"). Folded. */
    private static final Set<String> TRAILING = Set.of("a", "ạ", "nhe", "nha", "shop", "ad", "admin", "vay", "z", "ha",
            "ban", "em", "oi", "nhi", "the");
    private static final Set<String> YES_NO_END = Set.of("khong", "ko", "k", "hok", "khum", "hong", "kg", "khg", "chua");
    private static final Set<String> YES_NO_START = Set.of("do", "does", "is", "are", "can", "could", "will", "would",
            "has", "have", "did");
    private static final List<Text.Token[]> WH = IntentDetector.phrases("bao nhiêu", "mấy", "=gì", "nào", "thế nào",
            "ra sao", "what", "how", "which", "why", "who", "whats");

    /**
     * A yes-or-no question ("có giao hỏa tốc không", "sạc được laptop ko", "Can I take it on a plane?"): what it
     * asks about must be in the knowledge, else the persona says it does not know instead of answering beside it.
     */
    private boolean yesNo(Clause clause) {
        List<Text.Token> t = clause.tokens;
        if (t.isEmpty() || IntentDetector.any(t, Cues.OWN_QUESTION) || IntentDetector.any(t, WH)) {
            return false;
        }
        int last = t.size() - 1;
        while (last > 0 && TRAILING.contains(t.get(last).folded())) {
            last--;
        }
        return YES_NO_END.contains(t.get(last).folded()) || YES_NO_START.contains(t.get(0).folded());
    }

    /** Words unknown to the knowledge that a service-topic answer cannot speak to ("ship to Canada"). */
    private List<String> unknownTerms(Clause clause, Knowledge answered) {
        List<String> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (String w : unknownContent(clause)) {
            if (Character.isUpperCase(originalCase(clause.text, w))
                    || (!words.isEmpty() && w.chars().allMatch(Character::isDigit))) {
                words.add(w); // the capitalised run: a place or a name ("Hà Nội", "New Zealand", "District 7")
            } else if (!words.isEmpty()) {
                break;
            }
        }
        if (words.isEmpty() && yesNo(clause)) {
            words.addAll(unknownContent(clause)); // "có giao hỏa tốc không": a service the entry never mentions
            // an amount is a number to compare, not a service: "đơn trên 500k có free ship không" asks the rule
            // ("miễn phí cho đơn từ 500.000đ"), it names nothing the entry lacks
            words.removeIf(w -> !Money.findAll(w).isEmpty());
            // nor are the words that ask it ("is shipping free", "free ship"): they name the rule the entry states
            Set<String> asking = new HashSet<>();
            for (Text.Token[] cue : Cues.FREE_SHIPPING) {
                if (Text.contains(clause.tokens, cue)) {
                    for (Text.Token t : cue) {
                        asking.add(t.folded());
                    }
                }
            }
            words.removeIf(w -> asking.contains(Text.fold(w)));
        }
        Set<String> entryTerms = new HashSet<>(Lexicon.terms(answered.title() + " . " + answered.text()));
        for (Map.Entry<String, String> m : Lexicon.methods(clause.text).entrySet()) {
            if (!entryTerms.contains(m.getKey())) {
                out.add(m.getValue()); // "can I pay with Momo?" of an entry that names only COD
            }
        }
        if (words.isEmpty()) {
            return out;
        }
        // a word the abbreviations expanded into the same word again ("Saigon" -> "TP.HCM", whose "HCM" is
        // itself short for "TP.HCM") is said once
        for (int i = words.size() - 1; i > 0; i--) {
            if (words.get(i).equals(words.get(i - 1))) {
                words.remove(i);
            }
        }
        // a place of Việt Nam the entry covers among its provinces or districts ("tỉnh khác") is known
        if (!covering(String.join(" ", words), answered).isEmpty()) {
            return out;
        }
        // nor is a word the answered entry itself says, in either language ("anytime" of "cancel any time",
        // "customer reviews" of "Đánh giá của khách"): the reply would deny what it quotes
        words.removeIf(w -> says(answered, w));
        if (words.isEmpty()) {
            return out;
        }
        // the whole name, compared word for word (a syllable of it may occur inside another word of the entry)
        String phrase = Text.fold(String.join(" ", words));
        String known = " " + Text.fold(answered.text()).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
        if (!known.contains(" " + phrase + " ")) {
            String typed = typedSpan(clause.text, words);
            if (typed != null) {
                out.add(typed); // as written: "TP.HCM", not "TP HCM"
            } else {
                for (String w : words) {
                    out.add(capitalised(clause.text, w));
                }
            }
        }
        return out;
    }

    /**
     * Whether the entry (its title, tags and text) says the typed word: the same word or English stem, the word typed
     * joined that the entry writes apart ("anytime", "any time"), or the word's category name in the entry's language
     * ("reviews" for "đánh giá", "customer" for "khách").
     */
    private boolean says(Knowledge k, String word) {
        String whole = k.title() + " . " + String.join(" . ", k.tags()) + " . " + k.text();
        Set<String> terms = new HashSet<>(Lexicon.terms(whole));
        String f = Text.fold(word);
        if (terms.contains(Lexicon.stem(f)) || terms.contains(f)) {
            return true;
        }
        if (f.length() >= 5 && Text.fold(whole).replaceAll("[^\\p{L}\\p{N}]+", "").contains(f)) {
            return true;
        }
        String read = categories.translate(word);
        if (read.equals(word)) {
            return false;
        }
        List<String> readTerms = Lexicon.terms(read).stream().filter(t -> t.indexOf('_') < 0).toList();
        return !readTerms.isEmpty() && terms.containsAll(readTerms);
    }

    /**
     * The stretch of the text that holds the words in order, joined only by spaces, dots or hyphens ("TP.HCM",
     * "New Zealand"); null when they are not written together.
     */
    private static String typedSpan(String text, List<String> words) {
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        int at = 0;
        for (String w : words) {
            int i = lower.indexOf(w, at);
            if (i < 0 || (start >= 0 && !lower.substring(at, i).matches("[\\s.\\-]{0,3}"))) {
                return null;
            }
            if (start < 0) {
                start = i;
            }
            at = i + w.length();
        }
        return start < 0 ? null : text.substring(start, at);
    }

    private static char originalCase(String text, String lowerWord) {
        int i = text.toLowerCase(Locale.ROOT).indexOf(lowerWord);
        return i < 0 ? 'a' : text.charAt(i);
    }

    private static String capitalised(String text, String lowerWord) {
        int i = text.toLowerCase(Locale.ROOT).indexOf(lowerWord);
        return i < 0 ? lowerWord : text.substring(i, i + lowerWord.length());
    }

    /** A persona competitor named in the text (folded, whole words), or null. */
    private String competitorNamed(String text) {
        String f = " " + Text.fold(text).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
        for (String c : persona.competitors()) {
            String name = Text.fold(c).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
            if (!name.isEmpty() && f.contains(" " + name + " ")) {
                return c;
            }
            // the distinctive first word of a multi-word name ("Bean Bros" of "Bean Bros Roasters")
            String[] words = name.split(" ");
            if (words.length > 1 && words[0].length() > 3 && !index.knows(words[0]) && f.contains(" " + words[0] + " ")) {
                return c;
            }
        }
        return null;
    }

    /** A comparison with something the knowledge does not know (another brand). */
    private boolean comparesWithOutsider(String text) {
        Clause c = new Clause(text);
        return !unknownContent(c).isEmpty() || Text.fold(text).contains("brand") || Text.fold(text).contains("hang khac")
                || Text.fold(text).contains("ben khac") || Text.fold(text).contains("other");
    }

    /** The first entry whose title or tags are about the concept. */
    private Optional<Knowledge> titled(String concept) {
        return index.entries().stream().filter(k -> index.topicsOf(k).contains(concept)).findFirst();
    }

    private Optional<Knowledge> topicalEntry(String concept, List<KnowledgeHit> hits) {
        Optional<Knowledge> entry = hits.stream().map(KnowledgeHit::knowledge)
                .filter(k -> index.topicsOf(k).contains(concept)).findFirst();
        if (entry.isEmpty()) {
            entry = index.entries().stream().filter(k -> index.topicsOf(k).contains(concept)).findFirst();
        }
        if (entry.isEmpty()) {
            entry = hits.stream().map(KnowledgeHit::knowledge)
                    .filter(k -> !isProduct(k) && index.conceptsOf(k).contains(concept)).findFirst();
        }
        if (entry.isEmpty()) {
            entry = index.entries().stream().filter(k -> !isProduct(k) && index.conceptsOf(k).contains(concept)).findFirst();
        }
        return entry;
    }

    /**
     * A plan the audience subscribes to, named by its own title ("Bread Club", "Coffee subscription"): like an event
     * it can be in focus ("Bread Club tạm dừng được không" then "giá bao nhiêu 1 tháng"), unlike shipping or returns.
     */
    private boolean subscription(Knowledge k) {
        Set<String> topics = new HashSet<>(index.topicsOf(k));
        topics.retainAll(TOPICS);
        return topics.equals(Set.of(Lexicon.SUBSCRIBE));
    }

    private boolean isTopical(Knowledge k) {
        Set<String> topics = index.topicsOf(k);
        return topics.stream().anyMatch(TOPICS::contains);
    }

    /**
     * A product entry: tagged as one, or a priced entry that is not about shipping, returns, hours or ordering and not
     * titled by a question (an FAQ's "Có hàng dùng thử không?").
     */
    private boolean isProduct(Knowledge k) {
        if (k.productTagged()) {
            return true;
        }
        return Facts.hasPrice(k.text()) && !isTopical(k) && !Titles.question(k.title());
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
