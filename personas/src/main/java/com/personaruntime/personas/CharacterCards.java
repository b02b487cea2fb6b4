package com.personaruntime.personas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Character Card V2/V3 import and export (REFERENCE.md "Character Card V2 / V3"; specs:
 * github.com/malfoyslastname/character-card-spec-v2 and github.com/kwaroran/character-card-spec-v3).
 *
 * <p>Mapping, card to persona: {@code name} -> name; {@code description} -> bio;
 * {@code personality} -> voice.personality (split at commas, semicolons and line breaks);
 * {@code first_mes} -> voice.greeting; {@code character_book.entries} -> knowledge (entry
 * {@code name} or {@code comment} -> title, else its first key (a name, never the key list), {@code content} ->
 * text, {@code keys} -> tags (aliases; a key holding commas is split there); the
 * knowledge id comes from the entry's {@code extensions["persona-runtime"].id}, else a slug of its
 * title); {@code data.extensions["persona-runtime"]} -> our brand rules (languages, voice style
 * and catchphrases, audiences, boundaries, disclosure, model, review, contact). Everything else —
 * scenario, alternate and group greetings, example dialogues, creator notes, system prompt, tags,
 * creator, version, V3 fields, lorebook settings, per-entry fields and every other tool's
 * extension — goes to the persona's {@code card} section unchanged and is written back on export.
 *
 * <p>PNG: a {@code tEXt} chunk {@code ccv3} (base64 of the V3 JSON) is preferred, else
 * {@code chara} (V2); exported PNGs carry both. All methods are pure (no I/O) and thread-safe.
 */
public final class CharacterCards {
  /** Our key under {@code data.extensions} and lorebook entry extensions. */
  public static final String EXTENSION = "persona-runtime";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
  /** Card fields mapped to persona fields; every other {@code data} field is kept in {@code card}. */
  private static final Set<String> MAPPED = Set.of("name", "description", "personality", "first_mes",
      "character_book", "extensions");

  private CharacterCards() {
  }

  /** A card that could not be read: the message names what is wrong and where. */
  public static final class CardException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CardException(String message) {
      super(message);
    }
  }

  /** Whether the bytes are a PNG file. */
  public static boolean isPng(byte[] bytes) {
    if (bytes.length < PNG_SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < PNG_SIGNATURE.length; i++) {
      if (bytes[i] != PNG_SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads a card (JSON, or PNG with a {@code ccv3}/{@code chara} text chunk) into the JSON of a
   * persona document for {@code brand} with id {@code id} (null: a slug of the card's name). The
   * document still has to be validated with {@link PersonaDocuments#parse(String, String)}.
   *
   * @throws CardException naming what is wrong (not a card, no name, bad base64, ...)
   */
  public static ObjectNode toPersonaDocument(byte[] bytes, String brand, String id) {
    JsonNode card = readCard(bytes);
    JsonNode data = card.path("data");
    String spec = card.path("spec").asText("");
    if (!data.isObject()) {
      if (card.has("name") && !card.has("spec")) {
        data = card; // a V1 card: the fields at the top level
      } else {
        throw new CardException("data: expected the card's fields under 'data' (spec chara_card_v2 or chara_card_v3), "
            + "got " + (data.isMissingNode() ? "nothing" : data.getNodeType().toString().toLowerCase(Locale.ROOT)));
      }
    } else if (!spec.isEmpty() && !spec.equals("chara_card_v2") && !spec.equals("chara_card_v3")) {
      throw new CardException("spec: must be chara_card_v2 or chara_card_v3, got '" + spec + "'");
    }
    String name = data.path("name").asText("").strip();
    if (name.isEmpty()) {
      throw new CardException("data.name: is required (the character's name)");
    }
    ObjectNode ours = data.path("extensions").path(EXTENSION).isObject()
        ? (ObjectNode) data.path("extensions").path(EXTENSION) : NODES.objectNode();

    ObjectNode doc = NODES.objectNode();
    doc.put("id", id != null && !id.isBlank() ? id : slug(name, "persona"));
    doc.put("brand", brand);
    doc.put("name", name);
    JsonNode languages = ours.path("languages");
    doc.set("languages", languages.isArray() && !languages.isEmpty() ? languages
        : NODES.arrayNode().add(guessLanguage(data)));
    String description = data.path("description").asText("").strip();
    if (!description.isEmpty()) {
      doc.put("bio", description);
    }
    ObjectNode voice = doc.putObject("voice");
    ArrayNode personality = voice.putArray("personality");
    for (String part : data.path("personality").asText("").split("[,;\\n]")) {
      if (!part.isBlank()) {
        personality.add(part.strip());
      }
    }
    copyIfPresent(ours.path("voice"), voice, "style");
    String greeting = data.path("first_mes").asText("").strip();
    if (!greeting.isEmpty()) {
      voice.put("greeting", greeting);
    }
    copyIfPresent(ours.path("voice"), voice, "catchphrases");
    if (ours.path("audiences").isArray()) {
      doc.set("audiences", ours.get("audiences"));
    }

    // lorebook -> knowledge; per-entry extras kept in card.book_entries by knowledge id
    ArrayNode knowledge = doc.putArray("knowledge");
    ObjectNode cardSection = NODES.objectNode();
    JsonNode book = data.path("character_book");
    if (book.isObject()) {
      ObjectNode bookRest = ((ObjectNode) book).deepCopy();
      bookRest.remove("entries");
      if (!bookRest.isEmpty()) {
        cardSection.set("book", bookRest);
      }
      ObjectNode entryExtras = NODES.objectNode();
      Set<String> used = new HashSet<>();
      int n = 0;
      for (JsonNode entry : book.path("entries")) {
        n++;
        if (!entry.isObject()) {
          throw new CardException("data.character_book.entries[" + (n - 1) + "]: expected an object");
        }
        String content = entry.path("content").asText("").strip();
        String title = firstText(entry.path("name"), entry.path("comment"));
        List<String> keys = new ArrayList<>();
        entry.path("keys").forEach(k -> {
          // a key typed as "Tempo Glide, tempo" is two keys (tools that keep keys as one string)
          for (String key : k.asText("").split(",")) {
            if (!key.isBlank() && !keys.contains(key.strip())) {
              keys.add(key.strip());
            }
          }
        });
        if (title == null) {
          // a title is a name the persona says aloud: the first key, never the key list
          // ("Tempo Glide", not "Tempo Glide, tempo"); the other keys stay tags (aliases)
          title = keys.isEmpty() ? "Entry " + n : keys.get(0);
        }
        if (content.isEmpty()) {
          content = title; // knowledge text is required; an empty entry keeps its title
        }
        String kid = entry.path("extensions").path(EXTENSION).path("id").asText(null);
        if (kid == null || kid.isBlank()) {
          kid = slug(title, "entry-" + n);
        }
        String base = kid;
        for (int i = 2; !used.add(kid); i++) {
          kid = base.length() > 58 ? base.substring(0, 58) + "-" + i : base + "-" + i;
        }
        ObjectNode k = knowledge.addObject();
        k.put("id", kid);
        k.put("title", title);
        k.put("text", content);
        ArrayNode tags = k.putArray("tags");
        keys.forEach(tags::add);
        ObjectNode extra = ((ObjectNode) entry).deepCopy();
        extra.remove(List.of("keys", "content"));
        if (extra.path("name").asText("").equals(title)) {
          extra.remove("name");
        }
        ObjectNode entryExt = extra.path("extensions").isObject() ? (ObjectNode) extra.get("extensions") : null;
        if (entryExt != null) {
          entryExt.remove(EXTENSION);
        }
        entryExtras.set(kid, extra);
      }
      if (!entryExtras.isEmpty()) {
        cardSection.set("book_entries", entryExtras);
      }
    }
    for (String section : List.of("boundaries", "disclosure", "model", "review", "contact")) {
      if (ours.path(section).isObject()) {
        doc.set(section, ours.get(section));
      }
    }
    // everything else of the card, unchanged
    data.properties().forEach(e -> {
      if (!MAPPED.contains(e.getKey())) {
        cardSection.set(e.getKey(), e.getValue());
      }
    });
    ObjectNode otherExtensions = NODES.objectNode();
    data.path("extensions").properties().forEach(e -> {
      if (!e.getKey().equals(EXTENSION)) {
        otherExtensions.set(e.getKey(), e.getValue());
      }
    });
    cardSection.set("extensions", otherExtensions);
    cardSection.put("spec", spec.isEmpty() ? "chara_card_v1" : spec);
    doc.set("card", cardSection);
    return doc;
  }

  /**
   * What keeps a persona (made from a card or not) from being published: {@link Publishing#missing}.
   */
  public static List<String> missingForPublishing(Persona p) {
    return Publishing.missing(p);
  }

  /**
   * The persona as a card: {@code version} 3 ({@code chara_card_v3}) or 2 ({@code chara_card_v2}).
   * Our rules go under {@code data.extensions["persona-runtime"]}; kept card data is written back.
   */
  public static ObjectNode toCard(Persona p, int version) {
    ObjectNode tree = (ObjectNode) readTree(PersonaDocuments.toJson(p));
    Map<String, Object> kept = p.card();
    ObjectNode keptNode = kept.isEmpty() ? NODES.objectNode() : JSON.valueToTree(kept);
    ObjectNode card = NODES.objectNode();
    card.put("spec", version == 3 ? "chara_card_v3" : "chara_card_v2");
    card.put("spec_version", version == 3 ? "3.0" : "2.0");
    ObjectNode data = card.putObject("data");
    data.put("name", p.name());
    data.put("description", p.bio() == null ? "" : p.bio());
    data.put("personality", String.join(", ", p.voice().personality()));
    data.put("scenario", keptNode.path("scenario").asText(""));
    data.put("first_mes", p.voice().greeting() == null ? "" : p.voice().greeting());
    data.put("mes_example", keptNode.path("mes_example").asText(""));
    data.put("creator_notes", keptNode.path("creator_notes").asText(""));
    data.put("system_prompt", keptNode.path("system_prompt").asText(""));
    data.put("post_history_instructions", keptNode.path("post_history_instructions").asText(""));
    data.set("alternate_greetings", keptNode.path("alternate_greetings").isArray()
        ? keptNode.get("alternate_greetings") : NODES.arrayNode());
    data.set("tags", keptNode.path("tags").isArray() ? keptNode.get("tags") : NODES.arrayNode());
    data.put("creator", keptNode.path("creator").asText(""));
    data.put("character_version", keptNode.path("character_version").asText(""));
    if (version == 3) {
      data.set("group_only_greetings", keptNode.path("group_only_greetings").isArray()
          ? keptNode.get("group_only_greetings") : NODES.arrayNode());
    }
    // other kept fields (V3 extras such as nickname, assets, source, dates; unknown fields)
    Set<String> internal = Set.of("book", "book_entries", "extensions", "spec");
    keptNode.properties().forEach(e -> {
      if (!internal.contains(e.getKey()) && !data.has(e.getKey())
          && (version == 3 || !isV3Only(e.getKey()))) {
        data.set(e.getKey(), e.getValue());
      }
    });
    if (!p.knowledge().isEmpty() || keptNode.has("book")) {
      ObjectNode book = keptNode.path("book").isObject() ? keptNode.get("book").deepCopy() : NODES.objectNode();
      if (!book.has("extensions")) {
        book.putObject("extensions");
      }
      ArrayNode entries = book.putArray("entries");
      int order = 0;
      for (Persona.KnowledgeEntry k : p.knowledge()) {
        JsonNode extra = keptNode.path("book_entries").path(k.id());
        ObjectNode e = extra.isObject() ? extra.deepCopy() : NODES.objectNode();
        ArrayNode keys = NODES.arrayNode();
        (k.tags().isEmpty() ? List.of(k.title()) : k.tags()).forEach(keys::add);
        e.set("keys", keys);
        e.put("content", k.text());
        e.put("name", k.title());
        if (!e.has("enabled")) {
          e.put("enabled", true);
        }
        if (!e.has("insertion_order")) {
          e.put("insertion_order", order);
        }
        ObjectNode ext = e.path("extensions").isObject() ? (ObjectNode) e.get("extensions") : e.putObject("extensions");
        ext.putObject(EXTENSION).put("id", k.id());
        if (version == 3 && !e.has("use_regex")) {
          e.put("use_regex", false);
        }
        entries.add(e);
        order++;
      }
      data.set("character_book", book);
    }
    ObjectNode extensions = keptNode.path("extensions").isObject() ? keptNode.get("extensions").deepCopy()
        : NODES.objectNode();
    ObjectNode ours = extensions.putObject(EXTENSION);
    ours.put("format", 1);
    ours.put("id", p.id());
    ours.put("brand", p.brand());
    ours.set("languages", tree.get("languages"));
    ObjectNode voice = ours.putObject("voice");
    voice.set("style", tree.path("voice").path("style"));
    voice.set("catchphrases", tree.path("voice").path("catchphrases"));
    ours.set("audiences", tree.get("audiences"));
    for (String section : List.of("boundaries", "disclosure", "model", "review", "contact")) {
      if (tree.has(section)) {
        ours.set(section, tree.get(section));
      }
    }
    data.set("extensions", extensions);
    return card;
  }

  private static boolean isV3Only(String field) {
    return Set.of("nickname", "assets", "source", "creator_notes_multilingual", "creation_date",
        "modification_date", "group_only_greetings").contains(field);
  }

  /** The card as JSON text. */
  public static String toCardJson(Persona p, int version) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toCard(p, version));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A PNG card: a generated 400x600 portrait with {@code tEXt} chunks {@code chara} (V2 JSON,
   * base64) and {@code ccv3} (V3 JSON, base64) before {@code IEND}.
   */
  public static byte[] toPng(Persona p) {
    BufferedImage img = new BufferedImage(400, 600, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    int hue = Math.floorMod(p.id().hashCode(), 360);
    g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue / 360f, 0.45f, 0.85f), 0, 600,
        Color.getHSBColor(((hue + 40) % 360) / 360f, 0.55f, 0.45f)));
    g.fillRect(0, 0, 400, 600);
    g.setColor(new Color(255, 255, 255, 170));
    g.fillOval(120, 150, 160, 160);
    g.fillRoundRect(80, 330, 240, 200, 120, 120);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] png = out.toByteArray();
    byte[] v2 = base64(toCardJson(p, 2));
    byte[] v3 = base64(toCardJson(p, 3));
    return insertBeforeIend(png, List.of(textChunk("chara", v2), textChunk("ccv3", v3)));
  }

  /** The {@code tEXt} chunks of a PNG, keyword to text (Latin-1, as the PNG spec defines them). */
  public static Map<String, String> pngTextChunks(byte[] png) {
    if (!isPng(png)) {
      throw new CardException("not a PNG file");
    }
    Map<String, String> out = new LinkedHashMap<>();
    ByteBuffer buf = ByteBuffer.wrap(png);
    buf.position(8);
    while (buf.remaining() >= 12) {
      int length = buf.getInt();
      byte[] type = new byte[4];
      buf.get(type);
      String t = new String(type, StandardCharsets.US_ASCII);
      if (length < 0 || length > buf.remaining() - 4) {
        throw new CardException("PNG chunk " + t + " is truncated");
      }
      byte[] data = new byte[length];
      buf.get(data);
      buf.getInt(); // CRC
      if (t.equals("tEXt")) {
        int zero = 0;
        while (zero < data.length && data[zero] != 0) {
          zero++;
        }
        if (zero < data.length) {
          out.putIfAbsent(new String(data, 0, zero, StandardCharsets.ISO_8859_1),
              new String(data, zero + 1, data.length - zero - 1, StandardCharsets.ISO_8859_1));
        }
      } else if (t.equals("IEND")) {
        break;
      }
    }
    return out;
  }

  // ---- helpers ----

  private static JsonNode readCard(byte[] bytes) {
    String json;
    if (isPng(bytes)) {
      Map<String, String> chunks = pngTextChunks(bytes);
      String encoded = chunks.containsKey("ccv3") ? chunks.get("ccv3") : chunks.get("chara");
      String which = chunks.containsKey("ccv3") ? "ccv3" : "chara";
      if (encoded == null) {
        throw new CardException("the PNG has no 'ccv3' or 'chara' text chunk: it is not a character card");
      }
      try {
        json = new String(Base64.getMimeDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new CardException("PNG chunk '" + which + "' is not valid base64: " + e.getMessage());
      }
    } else {
      json = new String(bytes, StandardCharsets.UTF_8);
      if (!json.isEmpty() && json.charAt(0) == '\uFEFF') {
        json = json.substring(1);
      }
    }
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CardException("the card is not valid JSON: line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new CardException("expected a card: a JSON object with spec and data");
    }
    return node;
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
    if (from.path(field).isArray()) {
      to.set(field, from.get(field));
    }
  }

  private static String firstText(JsonNode... nodes) {
    for (JsonNode n : nodes) {
      if (n.isTextual() && !n.asText().isBlank()) {
        return n.asText().strip();
      }
    }
    return null;
  }

  private static String guessLanguage(JsonNode data) {
    String text = data.path("description").asText("") + " " + data.path("first_mes").asText("");
    // letters only Vietnamese uses (đ, ơ, ư, and tone marks on them)
    return text.matches("(?s).*[đĐơƠưƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ].*") ? "vi" : "en";
  }

  /** A slug (a-z, 0-9, '-') of a text with diacritics folded; {@code fallback} when nothing is left. */
  static String slug(String text, String fallback) {
    String folded = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    if (folded.length() > 63) {
      folded = folded.substring(0, 63).replaceAll("-+$", "");
    }
    return folded.isEmpty() ? fallback : folded;
  }

  private static byte[] base64(String json) {
    return Base64.getEncoder().encode(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] textChunk(String keyword, byte[] text) {
    byte[] kw = keyword.getBytes(StandardCharsets.ISO_8859_1);
    byte[] data = new byte[kw.length + 1 + text.length];
    System.arraycopy(kw, 0, data, 0, kw.length);
    System.arraycopy(text, 0, data, kw.length + 1, text.length);
    return chunk("tEXt", data);
  }

  private static byte[] chunk(String type, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(12 + data.length);
    b.putInt(data.length);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    b.put(t);
    b.put(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  private static byte[] insertBeforeIend(byte[] png, List<byte[]> chunks) {
    int iend = png.length - 12; // ImageIO writes IEND last: 0-length chunk of 12 bytes
    ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 4096);
    out.write(png, 0, iend);
    chunks.forEach(c -> out.write(c, 0, c.length));
    out.write(png, iend, 12);
    return out.toByteArray();
  }

  /** The kept card data as a Java map (for tests). */
  static Map<String, Object> asMap(JsonNode node) {
    return JSON.convertValue(node, MAP);
  }
}
