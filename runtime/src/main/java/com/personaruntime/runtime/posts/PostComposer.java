package com.personaruntime.runtime.posts;

import com.personaruntime.personas.Persona;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The offline post composer: drafts an honestly plain post from the persona's approved
 * knowledge when no model is configured or the model is down. It asserts nothing but the
 * knowledge entries' own words: a keyword-bearing first line (the best entry's title), the entry's
 * text, a catchphrase of the persona, and hashtags built from the entries' titles and tags and the
 * brand (social SEO). It never writes labels (they are placed afterwards) and never claims use of
 * a product.
 */
public final class PostComposer {
  private PostComposer() {
  }

  /**
   * Drafts a body.
   *
   * @param persona     the persona
   * @param knowledge   the entries relevant to the brief, best first (may be empty)
   * @param maxHashtags hashtags the body may carry (the platform's limit minus the labels)
   */
  public static String compose(Persona persona, List<Persona.KnowledgeEntry> knowledge, int maxHashtags) {
    StringBuilder out = new StringBuilder();
    if (knowledge.isEmpty()) {
      out.append(persona.name()).append(" · ").append(persona.brand());
      if (persona.bio() != null && !persona.bio().isBlank()) {
        out.append("\n").append(persona.bio().strip());
      }
    } else {
      Persona.KnowledgeEntry top = knowledge.get(0);
      out.append(top.title().strip());
      out.append("\n").append(sentence(top.text()));
      if (knowledge.size() > 1) {
        Persona.KnowledgeEntry second = knowledge.get(1);
        out.append("\n").append(second.title().strip()).append(": ").append(sentence(second.text()));
      }
    }
    if (!persona.voice().catchphrases().isEmpty()) {
      out.append("\n").append(persona.voice().catchphrases().get(0).strip());
    }
    List<String> tags = hashtags(persona, knowledge, maxHashtags);
    if (!tags.isEmpty()) {
      out.append("\n\n").append(String.join(" ", tags));
    }
    return out.toString();
  }

  private static String sentence(String text) {
    String t = text.strip();
    char last = t.isEmpty() ? '.' : t.charAt(t.length() - 1);
    return (last == '.' || last == '!' || last == '?' || last == '…') ? t : t + ".";
  }

  /** Hashtags from the best entry's title, the entries' tags and the brand, at most {@code max}. */
  static List<String> hashtags(Persona persona, List<Persona.KnowledgeEntry> knowledge, int max) {
    Set<String> tags = new LinkedHashSet<>();
    if (!knowledge.isEmpty()) {
      String t = tagOf(knowledge.get(0).title());
      if (t != null) {
        tags.add(t);
      }
    }
    tags.add(tagOf(persona.brand()));
    for (Persona.KnowledgeEntry k : knowledge) {
      for (String tag : k.tags()) {
        String t = tagOf(tag);
        if (t != null && !tag.equalsIgnoreCase("product")) {
          tags.add(t);
        }
      }
    }
    tags.remove(null);
    List<String> out = new ArrayList<>(tags);
    return out.subList(0, Math.max(0, Math.min(max, out.size())));
  }

  private static String tagOf(String words) {
    String s = Normalizer.normalize(words, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder("#");
    s.codePoints().filter(cp -> Character.isLetterOrDigit(cp)).forEach(b::appendCodePoint);
    return b.length() < 3 || b.length() > 40 ? null : b.toString();
  }
}
