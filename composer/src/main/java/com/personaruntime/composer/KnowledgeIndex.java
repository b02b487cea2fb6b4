package com.personaruntime.composer;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Retrieval over one persona version's knowledge. Immutable and thread-safe once built; build it
 * once per persona version and share it.
 *
 * <p>Scoring. Each entry gets two scores:
 * <ul>
 *   <li><b>lexical</b> in [0, 1]: the idf-weighted share of the question's terms (folded, teencode
 *   expanded, shop vocabulary mapped to concepts, function words dropped, plus half-weight bigrams) that occur in
 *   the entry, blended 80/20 with the same share over title and tags only. Terms unknown to the whole
 *   knowledge base weigh most, so a question about something the brand never mentioned scores low.
 *   A question naming a title or tag term that belongs to one entry only ("sunscreen", "decaf") gives
 *   that entry at least {@value #ANCHOR_FLOOR}, so extra words do not hide the product asked about;</li>
 *   <li><b>semantic</b>: cosine similarity of all-MiniLM-L6-v2 embeddings, rescaled to [0, 1] between
 *   {@value #COSINE_FLOOR} and {@value #COSINE_CEILING}.</li>
 * </ul>
 * The combined score is a weighted sum. The model is English-centric, so its weight is
 * {@value #SEMANTIC_WEIGHT_EN} for English questions and only {@value #SEMANTIC_WEIGHT_VI} for
 * Vietnamese ones, where the lexical score must carry the match. Entries below
 * {@value #THRESHOLD} are not hits at all: an off-topic question gets no hit rather than the
 * least bad one.
 *
 * <p>Without the embedding. The question is not embedded when its lexical scores already settle the hits: no entry
 * can reach the threshold whatever its cosine, a greeting or thank-you shares no term with the knowledge, or the
 * question names one entry and no other (see {@code lexicallyDecided} for the rules and how often they agree with
 * the embedding). Such hits carry {@code embedded} false and a {@code NaN} cosine; the named entry's score is then
 * its lexical score.
 */
public final class KnowledgeIndex {

    /** Minimum combined score of a hit. */
    public static final double THRESHOLD = 0.30;
    static final double COSINE_FLOOR = 0.25;
    static final double COSINE_CEILING = 0.65;
    static final double SEMANTIC_WEIGHT_EN = 0.45;
    static final double SEMANTIC_WEIGHT_VI = 0.2;
    /** Lexical score of an entry whose unique title or tag term the question names. */
    static final double ANCHOR_FLOOR = 0.6;

    private final List<Entry> entries;
    private final Map<String, Double> idf;
    private final EmbeddingModel model;
    /** Whether a question the lexical scores decide goes without its embedding ({@link #lexicallyDecided}). */
    private final boolean lexicalDecisions;
    /** Title and tag terms that name exactly one entry ("sunscreen", "decaf"): naming one finds it. */
    private final Set<String> anchors;
    /** Title and tag terms that name exactly one product-tagged entry. */
    private final Set<String> productAnchors;
    /** Product titles word by word, numbers and short syllables included (see {@link ProductNames}). */
    private final ProductNames productNames;
    /** The words of every entry's title, numbers left out, each once (see {@link #inAnyTitle}). */
    private final List<Text.Token> titleWords;

    private record Entry(Knowledge knowledge, Set<String> terms, Set<String> titleTerms, Embedding embedding) {
    }

    /** Scored queries remembered per index (most recent first out), see {@link #scoreAll}. */
    static final int REMEMBERED_QUERIES = 256;

    /**
     * The latest {@value #REMEMBERED_QUERIES} queries scored without ignored terms, with their hits: a chat
     * turn searches the audience's message for the prompt, and the turn's insight signals search the same
     * text twice more (answerable? which entries?). Guarded by itself.
     */
    private final Map<String, List<KnowledgeHit>> recent = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<KnowledgeHit>> eldest) {
            return size() > REMEMBERED_QUERIES;
        }
    };

    private KnowledgeIndex(List<Entry> entries, Map<String, Double> idf, EmbeddingModel model,
            boolean lexicalDecisions) {
        this.entries = entries;
        this.lexicalDecisions = lexicalDecisions;
        this.idf = idf;
        this.model = model;
        Map<String, Integer> titleFrequency = new HashMap<>();
        for (Entry e : entries) {
            for (String t : e.titleTerms()) {
                titleFrequency.merge(t, 1, Integer::sum);
            }
        }
        Set<String> unique = new HashSet<>();
        titleFrequency.forEach((t, n) -> {
            if (n == 1 && !t.startsWith("§")) {
                unique.add(t);
            }
        });
        // a title or tag term unique among the products names that product even when a non-product entry
        // (a size chart, a care guide) shares it: "boots" names the boot, not the boot size chart
        Map<String, Integer> productFrequency = new HashMap<>();
        for (Entry e : entries) {
            if (isProductTagged(e.knowledge())) {
                for (String t : e.titleTerms()) {
                    productFrequency.merge(t, 1, Integer::sum);
                }
            }
        }
        Set<String> productUnique = new HashSet<>();
        productFrequency.forEach((t, n) -> {
            if (n == 1 && !t.startsWith("§")) {
                productUnique.add(t);
            }
        });
        this.anchors = Set.copyOf(unique);
        this.productAnchors = Set.copyOf(productUnique);
        List<Knowledge> products = new ArrayList<>();
        for (Entry e : entries) {
            // products: tagged as one, or priced and not titled after a service topic (shipping, returns ...)
            if (isProductTagged(e.knowledge()) || (Facts.hasPrice(e.knowledge().text())
                    && e.titleTerms().stream().noneMatch(t -> t.startsWith("§")) && !Titles.question(e.knowledge().title()))) {
                products.add(e.knowledge());
            }
        }
        this.productNames = new ProductNames(products);
        Set<Text.Token> words = new LinkedHashSet<>();
        for (Entry e : entries) {
            for (Text.Token t : Text.words(e.knowledge().title())) {
                if (!t.numeric()) {
                    words.add(t);
                }
            }
        }
        this.titleWords = List.copyOf(words);
    }

    /**
     * Where the text names a product by (part of) its title, numbers and model codes included; mentions
     * two titles match equally well carry a null entry (see {@link ProductNames}).
     */
    List<ProductNames.Mention> mentions(String text) {
        return text == null || text.isBlank() ? List.of() : productNames.find(text);
    }

    private static boolean isProductTagged(Knowledge k) {
        return k.productTagged();
    }

    /**
     * Builds the index with the shared in-process embedding model. <b>Blocking</b>: loads the model on
     * first use in this JVM (about a second) and embeds every entry (milliseconds each); call it off
     * any event loop.
     */
    public static KnowledgeIndex build(List<Knowledge> knowledge) {
        Objects.requireNonNull(knowledge, "knowledge");
        return build(knowledge, knowledge.isEmpty() ? null : SharedEmbeddingModel.get());
    }

    /**
     * Builds the index with the given embedding model. <b>Blocking</b>, like {@link #build(List)}.
     *
     * @param model the model used for entries and, later, for questions; may be {@code null} only when
     *              {@code knowledge} is empty
     */
    public static KnowledgeIndex build(List<Knowledge> knowledge, EmbeddingModel model) {
        return build(knowledge, model, true);
    }

    /**
     * As {@link #build(List, EmbeddingModel)}; with {@code lexicalDecisions} false every question is embedded (the
     * scoring before 2026-12-03, kept to measure what the lexical decisions change).
     */
    static KnowledgeIndex build(List<Knowledge> knowledge, EmbeddingModel model, boolean lexicalDecisions) {
        Objects.requireNonNull(knowledge, "knowledge");
        if (!knowledge.isEmpty()) {
            Objects.requireNonNull(model, "model");
        }
        List<TextSegment> segments = new ArrayList<>();
        for (Knowledge k : knowledge) {
            segments.add(TextSegment.from(k.title() + ". " + k.text()
                    + (k.tags().isEmpty() ? "" : " (" + String.join(", ", k.tags()) + ")")));
        }
        List<Embedding> embeddings = segments.isEmpty() ? List.of() : model.embedAll(segments).content();
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> df = new HashMap<>();
        for (int i = 0; i < knowledge.size(); i++) {
            Knowledge k = knowledge.get(i);
            String tags = String.join(" . ", k.tags());
            Set<String> titleTerms = new HashSet<>(Lexicon.terms(k.title() + " . " + tags));
            Set<String> terms = new HashSet<>(Lexicon.terms(k.title() + " . " + k.text() + " . " + tags));
            terms.addAll(titleTerms);
            for (String t : terms) {
                df.merge(t, 1, Integer::sum);
            }
            entries.add(new Entry(k, Set.copyOf(terms), Set.copyOf(titleTerms), embeddings.get(i)));
        }
        Map<String, Double> idf = new HashMap<>();
        df.forEach((term, n) -> idf.put(term, idf(knowledge.size(), n)));
        return new KnowledgeIndex(List.copyOf(entries), Map.copyOf(idf), model, lexicalDecisions);
    }

    private static double idf(int documents, int frequency) {
        return Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
    }

    /** The indexed entries in their original order. */
    public List<Knowledge> entries() {
        return entries.stream().map(Entry::knowledge).toList();
    }

    /** The entry with this id, if any. */
    public Optional<Knowledge> get(String id) {
        return entries.stream().map(Entry::knowledge).filter(k -> k.id().equals(id)).findFirst();
    }

    /**
     * Entries relevant to the query, best first, at most {@code limit}; empty when nothing reaches
     * {@link #THRESHOLD}. Embeds the query (about 4 ms of CPU) unless its lexical scores decide the hits
     * ({@link #lexicallyDecided}): <b>blocking</b>.
     */
    public List<KnowledgeHit> search(String query, int limit) {
        return search(query, limit, Set.of());
    }

    /** Like {@link #search(String, int)}, ignoring the given retrieval terms (e.g. the persona's name). */
    List<KnowledgeHit> search(String query, int limit, Set<String> ignored) {
        List<KnowledgeHit> all = scoreAll(query, ignored);
        return all.stream().filter(h -> h.score() >= THRESHOLD).limit(Math.max(0, limit)).toList();
    }

    /**
     * Every entry with its scores, best first, no threshold (for diagnostics and calibration); unmodifiable.
     * The index is immutable and scoring deterministic, so a query scored recently without ignored terms is
     * answered from {@link #recent}.
     */
    List<KnowledgeHit> scoreAll(String query, Set<String> ignored) {
        if (entries.isEmpty() || query == null || query.isBlank()) {
            return List.of();
        }
        if (!ignored.isEmpty() || query.length() > 1_000) {
            return score(query, ignored);
        }
        synchronized (recent) {
            List<KnowledgeHit> known = recent.get(query);
            if (known != null) {
                RetrievalCounts.rememberedQuery();
                return known;
            }
        }
        List<KnowledgeHit> hits = score(query, ignored);
        synchronized (recent) {
            recent.put(query, hits);
        }
        return hits;
    }

    private List<KnowledgeHit> score(String query, Set<String> ignored) {
        Set<String> terms = new LinkedHashSet<>();
        for (String t : Lexicon.terms(query)) {
            if (ignored.contains(t)) {
                continue;
            }
            int cut = t.indexOf('_');
            // a bigram of a word the knowledge never uses adds nothing the word's own weight does not say
            if (cut < 0 || (idf.containsKey(t.substring(0, cut)) && idf.containsKey(t.substring(cut + 1)))) {
                terms.add(t);
            }
        }
        double total = 0;
        for (String t : terms) {
            total += termWeight(t);
        }
        String language = LanguageDetector.detect(query);
        double w = "vi".equals(language) ? SEMANTIC_WEIGHT_VI : SEMANTIC_WEIGHT_EN;
        double[] lexical = new double[entries.size()];
        for (int i = 0; i < lexical.length; i++) {
            lexical[i] = lexical(entries.get(i), terms, total);
        }
        int named = lexicalDecisions ? lexicallyDecided(query, lexical, w) : EMBED;
        List<KnowledgeHit> hits = new ArrayList<>();
        if (named != EMBED) {
            RetrievalCounts.lexicalQuery();
            for (int i = 0; i < lexical.length; i++) {
                // the entry the question names scores its lexical score (its semantic part taken as equal to
                // it); every other entry its lexical part alone, below the threshold (see lexicallyDecided)
                double score = i == named ? lexical[i] : (1 - w) * lexical[i];
                hits.add(new KnowledgeHit(entries.get(i).knowledge(), score, lexical[i], Double.NaN, false));
            }
        } else {
            RetrievalCounts.embeddedQuery();
            Embedding q = model.embed(query.strip()).content();
            for (int i = 0; i < lexical.length; i++) {
                Entry e = entries.get(i);
                double cosine = CosineSimilarity.between(q, e.embedding());
                double semantic = clamp((cosine - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR));
                double score = (1 - w) * lexical[i] + w * semantic;
                hits.add(new KnowledgeHit(e.knowledge(), score, lexical[i], cosine, true));
            }
        }
        hits.sort(Comparator.comparingDouble(KnowledgeHit::score).reversed());
        return List.copyOf(hits);
    }

    /** Returned by {@link #lexicallyDecided} when the question must be embedded. */
    private static final int EMBED = -2;
    /** Returned by {@link #lexicallyDecided} when no entry is a hit. */
    private static final int NO_HIT = -1;
    /**
     * Highest lexical score another entry may have when the question names one entry ({@link #lexicallyDecided}):
     * a tenth of the question's term weight, e.g. one common word such as "bag" or "shop".
     */
    static final double NAMED_RIVAL_CEILING = 0.1;
    /**
     * Whether the lexical scores settle the hits without the question's embedding (about 4 ms of CPU per new
     * question, docs/benchmarks.md), and how:
     * <ol>
     *   <li><b>No entry can reach the threshold</b> whatever its cosine: {@code (1 - w) * lexical + w < THRESHOLD}
     *   for every entry. Exact (the hits are the same, none); it happens only for Vietnamese questions, whose
     *   semantic weight {@value #SEMANTIC_WEIGHT_VI} is below the threshold.</li>
     *   <li><b>"Are you an AI?", or a greeting or thank-you that asks nothing, sharing no term with the
     *   knowledge</b>: no hit.
     *   Not exact (an English entry could still reach the threshold with a cosine of 0.52 or more), but such
     *   messages need no retrieval, and none of the composer's 548 evaluation questions with no lexical match
     *   was a hit with the embedding either (the highest English cosine among them 0.47).</li>
     *   <li><b>The question names one entry</b>: its lexical score is at least {@value #ANCHOR_FLOOR} (a title or
     *   tag term only it has, or that share of the question's term weight) and no other entry's exceeds
     *   {@value #NAMED_RIVAL_CEILING}. That entry is the only hit and scores its lexical score. With the
     *   embedding it is the first hit as well, and it was on all 138 evaluation questions decided this way; one
     *   of them had a second, semantic-only hit. Its score with the embedding differed from the lexical score by
     *   -0.05 on average (standard deviation 0.13) on those questions.</li>
     * </ol>
     *
     * @param lexical every entry's lexical score, in entry order
     * @param w       the question's semantic weight
     * @return the index of the named entry, {@link #NO_HIT}, or {@link #EMBED} when only the embedding can decide
     */
    private int lexicallyDecided(String query, double[] lexical, double w) {
        double best = 0;
        double second = 0;
        int bestAt = NO_HIT;
        for (int i = 0; i < lexical.length; i++) {
            if (lexical[i] > best) {
                second = best;
                best = lexical[i];
                bestAt = i;
            } else if (lexical[i] > second) {
                second = lexical[i];
            }
        }
        if ((1 - w) * best + w < THRESHOLD) {
            return NO_HIT;
        }
        if (best == 0 && social(query)) {
            return NO_HIT;
        }
        if (best >= ANCHOR_FLOOR && second <= NAMED_RIVAL_CEILING) {
            return bestAt;
        }
        return EMBED;
    }

    /**
     * "Are you a real person?", or a greeting or thank-you that asks nothing ("Hi, can I get something less acidic?"
     * is a greeting by its intent but a question by its form), by the composer's own cues.
     */
    private static boolean social(String query) {
        if (IntentDetector.any(Text.tokens(query), Cues.AI_QUESTION)) {
            return true;
        }
        Intent intent = IntentDetector.detect(query);
        return (intent == Intent.GREETING || intent == Intent.THANKS) && !IntentDetector.analyze(query).question();
    }

    /**
     * The entry's lexical score for the question's terms: 80% the weighted share found in the entry, 20% the share
     * found in its title and tags, at least {@value #ANCHOR_FLOOR} when a term is a title or tag term only it has.
     */
    private double lexical(Entry e, Set<String> terms, double total) {
        if (total <= 0) {
            return 0;
        }
        double inText = 0;
        double inTitle = 0;
        for (String t : terms) {
            if (e.terms().contains(t)) {
                inText += termWeight(t);
            }
            if (e.titleTerms().contains(t)) {
                inTitle += termWeight(t);
            }
        }
        double lexical = 0.8 * inText / total + 0.2 * inTitle / total;
        for (String t : terms) {
            if (e.titleTerms().contains(t) && anchors.contains(t)) {
                return Math.max(lexical, ANCHOR_FLOOR);
            }
        }
        return lexical;
    }

    /**
     * A term weighs its idf; terms never seen in the knowledge weigh as much as the rarest possible
     * term, so asking about something unknown lowers every entry's score. Bigrams weigh half: they
     * confirm word order more than they add meaning.
     */
    private double termWeight(String term) {
        Double w = idf.get(term);
        double weight = w != null ? w : idf(entries.size(), 0);
        return term.indexOf('_') >= 0 ? weight / 2 : weight;
    }

    /** Concept terms (e.g. shipping, returns) an entry talks about, in its title, tags or text. */
    Set<String> conceptsOf(Knowledge k) {
        for (Entry e : entries) {
            if (e.knowledge().id().equals(k.id())) {
                Set<String> out = new HashSet<>();
                for (String t : e.terms()) {
                    if (t.startsWith("§")) {
                        out.add(t);
                    }
                }
                return out;
            }
        }
        return Set.of();
    }

    /** Concepts in the title or tags only: what the entry is about, not what it mentions. */
    Set<String> topicsOf(Knowledge k) {
        for (Entry e : entries) {
            if (e.knowledge().id().equals(k.id())) {
                Set<String> out = new HashSet<>();
                for (String t : e.titleTerms()) {
                    if (t.startsWith("§")) {
                        out.add(t);
                    }
                }
                return out;
            }
        }
        return Set.of();
    }

    /**
     * Entries the text names by a title or tag term of theirs that no other entry's title has
     * ("serum", "decaf", "áo dài"), in the order the text names them. Lexical only: no embedding.
     *
     * @return entries with the term index of their first mention, earliest first
     */
    List<Map.Entry<Knowledge, Integer>> named(String text, Set<String> ignored) {
        return named(text, ignored, true);
    }

    /**
     * As {@link #named(String, Set)}; with {@code textWords} false, beside a product named by its title a word only
     * another product's text uses names nothing: in a yes/no question it is what the question asks of the product
     * named ("hạt mèo lớn có taurine không" asks whether the adult food has taurine, it does not also name the kitten
     * food whose sheet alone says "taurine"), where "2 packs of socks and the daypack" names two products.
     */
    List<Map.Entry<Knowledge, Integer>> named(String text, Set<String> ignored, boolean textWords) {
        // 1. products named by their title as typed ("tra o long", "ốp iphone 15", "Summit 2P Tent"): the
        //    position is the piece index of the mention
        List<ProductNames.Mention> mentions = mentions(text);
        List<Map.Entry<Knowledge, Integer>> byTitle = new ArrayList<>();
        List<ProductNames.Piece> pieces = mentions.isEmpty() ? List.of() : ProductNames.pieces(text);
        for (ProductNames.Mention m : mentions) {
            if (m.entry() != null && byTitle.stream().noneMatch(x -> x.getKey().equals(m.entry()))) {
                byTitle.add(Map.entry(m.entry(), m.from()));
            }
        }
        // 2. entries named by a title or tag term of their own ("decaf", "sunscreen"), unless that term is
        //    inside another product's mention ("iphone" of "ốp iphone 15 pro max" names no other case)
        List<Map.Entry<Knowledge, Integer>> byTerm = namedByTerms(text, ignored);
        if (mentions.isEmpty()) {
            return byTerm;
        }
        List<Map.Entry<Knowledge, Integer>> out = new ArrayList<>(byTitle);
        for (Map.Entry<Knowledge, Integer> e : byTerm) {
            Knowledge k = e.getKey();
            if (byTitle.stream().anyMatch(x -> x.getKey().equals(k))) {
                continue;
            }
            int at = firstOutsideMentions(k, pieces, mentions, textWords || byTitle.isEmpty());
            if (at >= 0) {
                out.add(Map.entry(k, at));
            }
        }
        out.sort(Map.Entry.comparingByValue());
        return out;
    }

    /**
     * The first piece outside every mention whose term is a title or tag term of {@code k}, or (with {@code textWords})
     * a word only its text uses; -1 when none.
     */
    private int firstOutsideMentions(Knowledge k, List<ProductNames.Piece> pieces, List<ProductNames.Mention> mentions,
                                     boolean textWords) {
        Entry entry = null;
        for (Entry e : entries) {
            if (e.knowledge().equals(k)) {
                entry = e;
            }
        }
        if (entry == null) {
            return -1;
        }
        for (int i = 0; i < pieces.size(); i++) {
            int p = i;
            if (mentions.stream().anyMatch(m -> p >= m.from() && p < m.to())) {
                continue;
            }
            String term = Lexicon.stem(pieces.get(i).token().folded());
            if ((entry.titleTerms().contains(term) && !weakBeside(k, pieces.get(i).token()))
                    || (textWords && term.length() >= 5 && entry.terms().contains(term) && documentFrequency(term) == 1)) {
                return i; // its own title word, or a word only its text uses ("daypack")
            }
        }
        return -1;
    }

    /**
     * A short word from the middle of the product's title ({@link ProductNames#weak}): beside another product's
     * mention it names nothing ("noi chien khong dau ve sinh sao" names the fryer, not "Máy xay sinh tố B2").
     */
    private static boolean weakBeside(Knowledge k, Text.Token word) {
        Text.Token[] title = ProductNames.pieces(k.title()).stream().map(ProductNames.Piece::token)
                .toArray(Text.Token[]::new);
        for (int q = 0; q < title.length; q++) {
            if (ProductNames.same(word, title[q])) {
                return ProductNames.weak(title, q);
            }
        }
        return false;
    }

    private List<Map.Entry<Knowledge, Integer>> namedByTerms(String text, Set<String> ignored) {
        List<String> terms = Lexicon.terms(text);
        List<Map.Entry<Knowledge, Integer>> out = new ArrayList<>();
        int unigramCount = 0;
        for (String t : terms) {
            if (t.indexOf('_') < 0) {
                unigramCount++;
            }
        }
        for (Entry e : entries) {
            int first = Integer.MAX_VALUE;
            for (int i = 0; i < terms.size(); i++) {
                String t = terms.get(i);
                if (ignored.contains(t) || t.startsWith("§")) {
                    continue;
                }
                if (e.titleTerms().contains(t) && (anchors.contains(t)
                        || (productAnchors.contains(t) && isProductTagged(e.knowledge())))) {
                    // a bigram's position is its first word's
                    int pos = t.indexOf('_') < 0 ? i : bigramStart(terms, i, unigramCount);
                    first = Math.min(first, pos);
                }
            }
            if (first != Integer.MAX_VALUE) {
                out.add(Map.entry(e.knowledge(), first));
            }
        }
        if (out.isEmpty()) {
            // a distinctive word only one product's text uses ("daypack", "jasmine")
            for (Entry e : entries) {
                if (!isProductTagged(e.knowledge())) {
                    continue;
                }
                for (int i = 0; i < terms.size(); i++) {
                    String t = terms.get(i);
                    if (t.indexOf('_') < 0 && t.length() >= 5 && !t.startsWith("§") && !ignored.contains(t)
                            && e.terms().contains(t) && documentFrequency(t) == 1 && !Suitability.conditionTerm(t)) {
                        // ("dairy" of "Contains wheat, eggs and dairy" names no product: "is it dairy free?")
                        out.add(Map.entry(e.knowledge(), i));
                        break;
                    }
                }
            }
            out.sort(Map.Entry.comparingByValue());
        }
        return out;
    }

    private int documentFrequency(String term) {
        int n = 0;
        for (Entry e : entries) {
            if (e.terms().contains(term)) {
                n++;
            }
        }
        return n;
    }

    private static int bigramStart(List<String> terms, int index, int unigrams) {
        return Math.max(0, index - unigrams);
    }

    /** True when the word is a word of a product's title ("nồi", "jacket"), see {@link ProductNames#hasWord}. */
    boolean inProductTitle(Text.Token word) {
        return productNames.hasWord(word);
    }

    /**
     * True when the word is a word of any entry's title, products or not ("coffee" of "Coffee subscription",
     * "shipping"): a name built on it is still a name the knowledge does not have ("coffee grinders").
     */
    boolean inAnyTitle(Text.Token word) {
        if (productNames.hasWord(word)) {
            return true;
        }
        for (Text.Token t : titleWords) {
            if (ProductNames.same(word, t)) {
                return true;
            }
        }
        return false;
    }

    /** True when the word opens a product's title (a Vietnamese head noun: "Máy", "Nồi"). */
    boolean productHead(Text.Token word) {
        return productNames.isHead(word);
    }

    /** True when the word is a one-letter typo of a product title's word ("serun"), see {@link ProductNames#nearWord}. */
    boolean nearProductWord(Text.Token word) {
        return productNames.nearWord(word);
    }

    /** Whether the term occurs anywhere in the knowledge. */
    boolean knows(String term) {
        return idf.containsKey(term);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
