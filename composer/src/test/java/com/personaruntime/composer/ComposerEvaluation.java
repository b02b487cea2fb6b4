package com.personaruntime.composer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.personaruntime.guardrails.Channel;
import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.Verdict;
import com.personaruntime.personas.DemoPersonas;
import com.personaruntime.personas.ParseResult;
import com.personaruntime.personas.Persona;
import com.personaruntime.personas.PersonaDocuments;
import com.personaruntime.personas.PersonaPolicies;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * The composer's evaluation harness: labelled conversations (src/test/resources/eval/tuned.yaml and
 * heldback.yaml) with four personas (the demos Linh and Milo, and the fixtures Mây, a Vietnamese fashion
 * shop with a size table, and Ash, an English outdoor-gear brand). Every turn is composed with the
 * conversation's history, passed through the persona's output guardrails like a live reply, and judged:
 * right when every expected phrase occurs, no forbidden phrase does, the reply's own wording is in the
 * expected language and the guard neither blocks nor flags it. Prints the share right per kind.
 *
 * <p>Run by {@code ComposerEvaluationTest} in CI; by hand:
 * {@code mvn -B -pl composer -am test -Dtest=ComposerEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (the table is printed to the console).
 */
final class ComposerEvaluation {

    /** One judged turn. */
    record Result(String set, String persona, String kind, String say, String reply, boolean right, String why) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Executor DIRECT = Runnable::run;

    private final Map<String, Persona> personas = new LinkedHashMap<>();
    private final Map<String, ComposerChatModel> models = new LinkedHashMap<>();
    private final Map<String, Policy> policies = new LinkedHashMap<>();

    /** Whether the personas' indexes skip the question embedding when the lexical scores decide (as in production). */
    private final boolean lexicalDecisions;

    ComposerEvaluation() throws IOException {
        this(true);
    }

    /** @param lexicalDecisions false to embed every question (KnowledgeIndex's scoring before 2026-12-03) */
    ComposerEvaluation(boolean lexicalDecisions) throws IOException {
        this.lexicalDecisions = lexicalDecisions;
        for (Loaded l : load()) {
            add(l.persona(), l.composer());
        }
    }

    /** A persona of the evaluation and its composer view. */
    record Loaded(Persona persona, ComposerPersona composer) {
    }

    /** The evaluation's personas: the demos, then the fixtures, mapped as the runtime maps them. */
    static List<Loaded> load() throws IOException {
        List<Loaded> out = new ArrayList<>();
        for (Persona p : DemoPersonas.load()) {
            out.add(loaded(p, Abbreviations.EMPTY));
        }
        for (String id : List.of("may", "ash", "sen", "rowan", "thao", "bong", "khoa", "na", "wren", "mochi", "ivy", "an",
                "juniper", "tin", "fern", "moc", "may-bakery", "soc", "hearth", "vani", "nova", "hoa", "mai", "linden",
                "crow", "lan", "song", "muop", "bright", "la", "iris", "tam", "clef")) {
            String yaml = resource("eval/personas/" + id + ".yaml");
            ParseResult r = PersonaDocuments.parse(id + ".yaml", yaml);
            if (!(r instanceof ParseResult.Valid v)) {
                throw new IllegalStateException("fixture persona " + id + " is invalid: " + r);
            }
            String abbreviations = optionalResource("eval/personas/" + id + ".abbreviations.tsv");
            out.add(loaded(v.persona(), abbreviations == null ? Abbreviations.EMPTY
                    : Abbreviations.parse(id + ".abbreviations.tsv", abbreviations)));
        }
        return out;
    }

    private static Loaded loaded(Persona p, Abbreviations abbreviations) {
        return new Loaded(p, toComposer(p, abbreviations, BRAND_NAMES.getOrDefault(p.brand(), p.brand())));
    }

    /**
     * The brands' display names, as the runtime passes them (ComposerModels names the brand by its display
     * name, never the slug a persona file carries).
     */
    static final Map<String, String> BRAND_NAMES = Map.ofEntries(Map.entry("lumiere", "Lumière"),
            Map.entry("brewhaus", "Brewhaus"), Map.entry("may-boutique", "Mây Boutique"),
            Map.entry("northpeak", "Northpeak"), Map.entry("sen-shoes", "Sen Shoes"),
            Map.entry("ridge-river", "Ridge & River Outfitters"), Map.entry("tra-moc", "Trà Mộc"),
            Map.entry("bong-beauty", "Bống Beauty"), Map.entry("phonezone", "PhoneZone"),
            Map.entry("bep-nha-na", "Bếp Nhà Na"), Map.entry("harbor-pine", "Harbor & Pine"),
            Map.entry("mochi-tea", "Mochi Tea"), Map.entry("dewbloom", "Dewbloom"),
            Map.entry("an-nhien", "An Nhiên Health"), Map.entry("quill-bean", "Quill & Bean"),
            Map.entry("dien-may-tin", "Điện Máy Tín"), Map.entry("thistle-loom", "Thistle & Loom"),
            Map.entry("moc-tea", "Mộc Trà"), Map.entry("may-bakery", "Mây Bakery"), Map.entry("soc-nau", "Sóc Nâu"),
            Map.entry("hearth-crumb", "Hearth & Crumb"), Map.entry("vani-bakery", "Tiệm Bánh Vani"),
            Map.entry("clearwell", "Clearwell"), Map.entry("nha-hoa", "Gia Dụng Nhà Hòa"),
            Map.entry("sen-da", "Sen Đá Cosmetics"), Map.entry("linden-supply", "Linden Supply"),
            Map.entry("kettle-crow", "Kettle & Crow"), Map.entry("lan-moc", "Lan Mộc Cosmetics"),
            Map.entry("song-audio", "Sóng Audio"),
            Map.entry("nha-muop", "Nhà Mướp"), Map.entry("bright-path", "Bright Path English"),
            Map.entry("vuon-nha-la", "Vườn Nhà Lá"), Map.entry("northlight-optics", "Northlight Optics"),
            Map.entry("xe-may-pho-hoi", "Xe Máy Phố Hội"), Map.entry("cadence-music", "Cadence Music School"));

    private void add(Persona p, ComposerPersona cp) {
        personas.put(p.id(), p);
        models.put(p.id(), new ComposerChatModel(cp, KnowledgeIndex.build(cp.knowledge(),
                cp.knowledge().isEmpty() ? null : SharedEmbeddingModel.get(), lexicalDecisions), DIRECT));
        policies.put(p.id(), com.personaruntime.guardrails.Policies.compile(PersonaPolicies.toPolicyConfig(p)));
    }

    /** The same mapping the runtime uses (ComposerModels.toComposer). */
    static ComposerPersona toComposer(Persona p, Abbreviations abbreviations) {
        return toComposer(p, abbreviations, p.brand());
    }

    /** As {@link #toComposer(Persona, Abbreviations)} with the brand's display name. */
    static ComposerPersona toComposer(Persona p, Abbreviations abbreviations, String brandName) {
        List<Knowledge> knowledge = new ArrayList<>(
                p.knowledge().stream().map(k -> new Knowledge(k.id(), k.title(), k.text(), k.tags())).toList());
        String phone = p.contact() == null || p.contact().phone() == null || p.contact().phone().isBlank() ? null
                : p.contact().phone().strip();
        if (phone != null && p.knowledge().stream().noneMatch(k -> k.id().equals("contact-phone"))) {
            // the runtime's ComposerModels.phoneEntry: the phone as an entry in the persona's first language
            boolean vi = p.languages().get(0).toLowerCase(Locale.ROOT).startsWith("vi");
            knowledge.add(new Knowledge("contact-phone", vi ? "Số điện thoại liên hệ (hotline)"
                    : "Contact phone number (hotline)", phone + " (" + brandName + ").", List.of("contact", "phone")));
        }
        return new ComposerPersona(p.id(), p.name(), brandName, p.languages(), p.voice().greeting(),
                p.voice().catchphrases(), knowledge,
                p.contact() == null ? null : p.contact().url(), p.contact() == null ? null : p.contact().email(),
                p.audiences().stream().map(a -> new ComposerPersona.Segment(a.segment(), a.style())).toList(),
                p.boundaries().competitors(), abbreviations, p.voice().style(), phone);
    }

    /** Every audience line of a conversation file, with its persona: {@code [persona, say]}. */
    static List<String[]> questions(String set) throws IOException {
        JsonNode root = YAML.readTree(resource("eval/" + set + ".yaml"));
        List<String[]> out = new ArrayList<>();
        for (JsonNode conversation : root.get("conversations")) {
            for (JsonNode turn : conversation.get("turns")) {
                out.add(new String[] {conversation.get("persona").asText(), turn.get("say").asText()});
            }
        }
        return out;
    }

    /** The evaluation's conversation files. */
    static final List<String> SETS = List.of("tuned", "heldback", "heldback2", "heldback3", "heldback4", "heldback5",
            "heldback6", "heldback7", "heldback8", "heldback9", "heldback10", "heldback11", "heldback12",
            "heldback13");

    /** Runs one conversation file ({@code tuned} or {@code heldback}). */
    List<Result> run(String set) throws IOException {
        JsonNode root = YAML.readTree(resource("eval/" + set + ".yaml"));
        List<Result> out = new ArrayList<>();
        for (JsonNode conversation : root.get("conversations")) {
            String id = conversation.get("persona").asText();
            ComposerChatModel model = models.get(id);
            if (model == null) {
                throw new IllegalStateException(set + ".yaml: unknown persona '" + id + "'");
            }
            String segment = conversation.hasNonNull("segment") ? conversation.get("segment").asText() : null;
            List<String> history = new ArrayList<>();
            for (JsonNode h : iterable(conversation.get("history"))) {
                history.add(h.asText()); // earlier lines, not judged (e.g. the runtime's withheld-input note)
            }
            for (JsonNode turn : conversation.get("turns")) {
                String say = turn.get("say").asText();
                Audience audience = segment == null ? null
                        : Audience.resolve(model.persona(), segment, say, history);
                Composition c = model.compose(say, history, audience);
                Verdict v = policies.get(id).check(c.text(), new CheckContext(Direction.OUTPUT, Channel.CHAT, null,
                        c.language(), false, null));
                String reply = v.decision() == Decision.REWRITE ? v.text() : c.text();
                String why = judge(turn, reply, v, model.persona());
                out.add(new Result(set, id, turn.get("kind").asText(), say, reply, why == null, why));
                history.add(say);
            }
        }
        return out;
    }

    private static String judge(JsonNode turn, String reply, Verdict verdict, ComposerPersona persona) {
        if (verdict.decision() == Decision.BLOCK || verdict.decision() == Decision.FLAG) {
            return "guard " + verdict.decision() + " " + verdict.findings();
        }
        String lower = reply.toLowerCase(Locale.ROOT);
        for (JsonNode has : iterable(turn.get("has"))) {
            boolean any = false;
            for (String alt : has.asText().split("\\|")) {
                any |= lower.contains(alt.toLowerCase(Locale.ROOT));
            }
            if (!any) {
                return "missing '" + has.asText() + "'";
            }
        }
        for (JsonNode not : iterable(turn.get("not"))) {
            if (lower.contains(not.asText().toLowerCase(Locale.ROOT))) {
                return "contains '" + not.asText() + "'";
            }
        }
        for (JsonNode once : iterable(turn.get("once"))) {
            String o = once.asText().toLowerCase(Locale.ROOT);
            int first = lower.indexOf(o);
            if (first >= 0 && lower.indexOf(o, first + 1) >= 0) {
                return "says '" + once.asText() + "' twice";
            }
        }
        if (turn.hasNonNull("lang")) {
            String expected = turn.get("lang").asText();
            String own = framing(reply, persona);
            String detected = LanguageDetector.detect(own);
            if (detected != null && !detected.equals(expected)) {
                return "framed in " + detected + ": " + own;
            }
            // no sentence of another language outside quotes (knowledge sentences included: an English
            // reply may quote a Vietnamese fact, not splice it in)
            for (String sentence : Facts.sentences(unquoted(reply, persona))) {
                String l = LanguageDetector.detect(sentence);
                if (l != null && !l.equals(expected) && Text.words(sentence).size() >= 3) {
                    return "a sentence in " + l + ": " + sentence.strip();
                }
            }
        }
        return null;
    }

    /** The reply minus quoted text, knowledge titles, the persona's and brand's names and amounts. */
    static String unquoted(String reply, ComposerPersona persona) {
        String s = reply.replaceAll("\"[^\"]*\"", " ");
        for (Money m : Money.findAll(reply)) {
            s = s.replace(m.written(reply), " ");
        }
        for (Knowledge k : persona.knowledge()) {
            s = s.replace(k.title(), " ").replace(Titles.product(k.title()), " ");
        }
        return s.replace(persona.brandName(), " ").replace(persona.name(), " ");
    }

    /** The reply minus quoted text and knowledge titles and sentences: the composer's own wording. */
    static String framing(String reply, ComposerPersona persona) {
        String s = reply.replaceAll("\"[^\"]*\"", " ");
        for (Money m : Money.findAll(reply)) {
            s = s.replace(m.written(reply), " "); // amounts are no language
        }
        for (Knowledge k : persona.knowledge()) {
            s = s.replace(k.title(), " ").replace(Titles.product(k.title()), " "); // "Áo thun cotton Sen Đá"
            for (String sentence : Facts.sentences(k.text())) {
                s = s.replace(Facts.trimEnd(sentence.strip()), " ");
            }
        }
        return s;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node == null ? List.of() : node::elements;
    }

    /** The table: share right per kind, per set. */
    static String report(List<Result> results) {
        StringBuilder b = new StringBuilder();
        Map<String, int[]> byKind = new TreeMap<>();
        int right = 0;
        for (Result r : results) {
            int[] n = byKind.computeIfAbsent(r.kind(), k -> new int[2]);
            n[1]++;
            if (r.right()) {
                n[0]++;
                right++;
            }
        }
        String set = results.isEmpty() ? "?" : results.get(0).set();
        b.append(String.format(Locale.ROOT, "%n== composer evaluation: %s (%d turns) ==%n", set, results.size()));
        byKind.forEach((k, n) -> b.append(String.format(Locale.ROOT, "  %-16s %3d/%-3d %5.1f%%%n", k, n[0], n[1],
                100.0 * n[0] / n[1])));
        b.append(String.format(Locale.ROOT, "  %-16s %3d/%-3d %5.1f%%%n", "ALL", right, results.size(),
                100.0 * right / Math.max(1, results.size())));
        for (Result r : results) {
            if (!r.right()) {
                b.append(String.format(Locale.ROOT, "  WRONG [%s/%s] %s%n        -> %s%n        (%s)%n", r.persona(),
                        r.kind(), r.say(), r.reply(), r.why()));
            }
        }
        return b.toString();
    }

    static double share(List<Result> results) {
        return results.stream().filter(Result::right).count() / (double) Math.max(1, results.size());
    }

    private static String resource(String path) throws IOException {
        String s = optionalResource(path);
        if (s == null) {
            throw new IOException(path + " is missing from the test classpath");
        }
        return s;
    }

    private static String optionalResource(String path) throws IOException {
        try (InputStream in = ComposerEvaluation.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static void main(String[] args) throws IOException {
        ComposerEvaluation e = new ComposerEvaluation();
        List<String> sets = args.length > 0 ? List.of(args) : SETS;
        for (String set : sets) {
            System.out.println(report(e.run(set)));
        }
    }
}
