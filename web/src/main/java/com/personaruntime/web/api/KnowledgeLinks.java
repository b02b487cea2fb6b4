package com.personaruntime.web.api;

import com.personaruntime.guardrails.rails.links.Links;
import com.personaruntime.personas.Persona;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Links in a persona's knowledge that its own guard will flag (rule {@code link_domain}): a host outside
 * {@code boundaries.allowed_link_domains}, found exactly as the guard finds it ({@link Links#scan}, so a bare
 * {@code shop.example}, {@code hxxp://} or a script URI counts too, and the domain of an e-mail address does
 * not). Every reply that quotes such an entry is held for a moderator, so the editor warns at the entry's
 * field when it is saved or published, naming the way out (add the domain to the allowed link domains, or
 * remove the link). A warning, not a refusal: a brand may mean its moderators to see those replies.
 */
public final class KnowledgeLinks {
  private KnowledgeLinks() {
  }

  /**
   * One field with links outside the allowed domains.
   *
   * @param path  the field's document path ({@code knowledge[2].text}, {@code knowledge[2].title})
   * @param index the entry's 0-based index in {@code knowledge}
   * @param hosts the hosts outside the allowed domains, lower case, in order of first appearance
   */
  public record Warning(String path, int index, List<String> hosts) {
  }

  /** The knowledge fields (title, text) of {@code persona} whose links the guard will flag, in document order. */
  public static List<Warning> outside(Persona persona) {
    List<String> allowed = persona.boundaries().allowedLinkDomains();
    List<Warning> out = new ArrayList<>();
    List<Persona.KnowledgeEntry> knowledge = persona.knowledge();
    for (int i = 0; i < knowledge.size(); i++) {
      Persona.KnowledgeEntry entry = knowledge.get(i);
      for (String[] field : List.of(new String[] {"title", entry.title()}, new String[] {"text", entry.text()})) {
        if (field[1] == null || field[1].isEmpty()) {
          continue;
        }
        Set<String> hosts = new LinkedHashSet<>();
        Links.scan(field[1], allowed, (s, e, host) -> hosts.add(host.toLowerCase(java.util.Locale.ROOT)));
        if (!hosts.isEmpty()) {
          out.add(new Warning("knowledge[" + i + "]." + field[0], i, List.copyOf(hosts)));
        }
      }
    }
    return out;
  }

  /**
   * The warnings as the validation answer and the editor carry them: {@code [{"path","code":"link_domain",
   * "hosts":[...],"allowed":[...],"message","text"}]}, the message in Vietnamese for {@code lang} {@code "vi"},
   * else English.
   */
  public static JsonArray json(Persona persona, String lang) {
    List<String> allowed = persona.boundaries().allowedLinkDomains();
    JsonArray out = new JsonArray();
    for (Warning w : outside(persona)) {
      String message = message(w.hosts(), allowed, lang);
      out.add(new JsonObject().put("path", w.path()).put("code", "link_domain")
          .put("hosts", new JsonArray(w.hosts())).put("allowed", new JsonArray(allowed))
          .put("message", message).put("text", w.path() + ": " + message));
    }
    return out;
  }

  /** What the warning says, naming the hosts, the allowed domains and the way out. */
  public static String message(List<String> hosts, List<String> allowed, String lang) {
    String h = String.join(", ", hosts);
    boolean vi = "vi".equals(lang);
    String a = allowed.isEmpty() ? (vi ? "chưa có tên miền nào" : "none yet") : String.join(", ", allowed);
    return vi
        ? "liên kết tới " + h + " nằm ngoài các tên miền liên kết được phép (" + a + "): mọi câu trả lời trích mục "
            + "này sẽ bị giữ lại chờ kiểm duyệt. Hãy thêm tên miền vào “Tên miền được phép dẫn link”, hoặc bỏ liên kết."
        : "links to " + h + " are outside the allowed link domains (" + a + "): every reply that quotes this entry "
            + "will be held for a moderator. Add the domain to “Allowed link domains”, or remove the link.";
  }
}
