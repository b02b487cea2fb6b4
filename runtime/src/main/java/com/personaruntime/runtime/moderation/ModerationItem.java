package com.personaruntime.runtime.moderation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import com.personaruntime.guardrails.PersonalData;
import com.personaruntime.runtime.privacy.AudiencePrivacy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A moderation item with its workflow state.
 *
 * @param id              item id (UUID)
 * @param kind            what it holds
 * @param status          where it is in the workflow
 * @param brandId         owning brand id
 * @param brandSlug       owning brand slug (the name clients use)
 * @param personaId       persona id
 * @param personaSlug     persona slug
 * @param personaVersion  the persona version that produced it (null for items older than this column)
 * @param verdict         the guardrails' verdict that filed it: {@code flag} or {@code block}
 * @param content         the full original text (the whole model reply, or the refused audience message)
 * @param shownText       what the audience had already seen of a reply before it was stopped (may be empty)
 * @param findingsJson    JSON array of the findings ({@code rule, severity, action, start, end, message})
 * @param contextJson     JSON object: conversation id, message id, persona version, language, audience text,
 *                        room, the preceding turns ({@code turns: [{audience, persona}]}), closing line
 * @param conversationId  the conversation of a chat item, else null
 * @param replyTo         the audience message id it answers (chat items), else null
 * @param held            whether an audience waits for the decision
 * @param createdAt       when it was filed
 * @param dueAt           held items: when the brand's SLA runs out
 * @param claimedBy       user id of the moderator holding (or last holding) a claim
 * @param claimedByEmail  their e-mail, when known
 * @param claimedAt       when the claim was taken
 * @param claimExpiresAt  when the claim's lease lapses
 * @param decision        the moderator's decision (null while pending and for expired items)
 * @param decidedBy       user id of the deciding moderator ({@code system} for SLA expiry)
 * @param decidedByEmail  their e-mail, when known
 * @param decidedAt       when it was decided or expired
 * @param reasonRule      the decision's reason: a rule id from the findings, or {@code other}
 * @param note            the moderator's free text
 * @param finalText       the approved or edited text (null otherwise)
 * @param releaseText     what the audience gets on release (null until known)
 * @param releasedAt      when the release reached the audience
 */
public record ModerationItem(String id, ItemKind kind, ItemStatus status, String brandId, String brandSlug,
                             String personaId, String personaSlug, Integer personaVersion, String verdict,
                             String content, String shownText, String findingsJson, String contextJson,
                             String conversationId, String replyTo, boolean held, Instant createdAt, Instant dueAt,
                             String claimedBy, String claimedByEmail, Instant claimedAt, Instant claimExpiresAt,
                             ModerationDecision decision, String decidedBy, String decidedByEmail, Instant decidedAt,
                             String reasonRule, String note, String finalText, String releaseText,
                             Instant releasedAt) {

  /** Whether the item still waits for a decision. */
  public boolean pending() {
    return status.pending();
  }

  /** Whether a claim is held by someone at {@code now} (status claimed and the lease not lapsed). */
  public boolean claimLive(Instant now) {
    return status == ItemStatus.CLAIMED && claimExpiresAt != null && claimExpiresAt.isAfter(now);
  }

  /** The rule ids of the findings, in order, without repeats (the reasons a moderator may pick). */
  public List<String> rules() {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    JsonArray a = new JsonArray(findingsJson);
    for (int i = 0; i < a.size(); i++) {
      String r = a.getJsonObject(i).getString("rule");
      if (r != null) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The item as brand staff see it, {@link #toJson(Collection)} keeping no e-mail address.
   */
  public JsonObject toJson() {
    return toJson(List.of());
  }

  /**
   * The item as the API shows it to brand staff. Brand and persona by slug ({@code brand},
   * {@code persona}) with their ids beside; {@code verdict} is the guardrails' verdict,
   * {@code decision} the moderator's; {@code actions} the decisions this kind allows.
   *
   * <p>Contact data is hidden ({@link AudiencePrivacy}): the audience's e-mail addresses, phone
   * numbers, card and id numbers in {@code content}, {@code shownText}, {@code finalText},
   * {@code releaseText} and the context's {@code audienceText} and {@code turns}, with placeholders in
   * the item's language; the findings' {@code start}/{@code end} are moved onto the redacted
   * {@code content}. The stored item keeps the original (a let-through still answers it).
   *
   * @param keepEmails the persona's own public addresses, left as they are in its replies
   */
  public JsonObject toJson(Collection<String> keepEmails) {
    JsonArray actions = new JsonArray();
    kind.decisions().forEach(d -> actions.add(d.wire()));
    JsonObject context = new JsonObject(contextJson);
    String language = context.getString("language");
    // an audience message keeps no address; the persona's own reply keeps the brand's public ones
    Collection<String> keep = kind == ItemKind.CHAT_INPUT ? List.of() : keepEmails;
    PersonalData.Redaction body = AudiencePrivacy.redaction(content, language, keep);
    JsonArray findings = new JsonArray(findingsJson);
    if (body.changed()) {
      JsonArray moved = new JsonArray();
      for (Object o : findings) {
        JsonObject f = ((JsonObject) o).copy();
        if (f.getValue("start") instanceof Number s && f.getValue("end") instanceof Number e) {
          f.put("start", body.map(s.intValue(), false)).put("end", body.map(e.intValue(), true));
        }
        moved.add(f);
      }
      findings = moved;
    }
    if (context.getValue("audienceText") instanceof String a) {
      context.put("audienceText", AudiencePrivacy.redact(a, language));
    }
    if (context.getValue("turns") instanceof JsonArray turns) {
      JsonArray hidden = new JsonArray();
      for (Object o : turns) {
        if (o instanceof JsonObject t && t.getValue("text") instanceof String text) {
          boolean audience = "audience".equals(t.getString("role"));
          hidden.add(t.copy().put("text", AudiencePrivacy.redaction(text, language, audience ? List.of() : keepEmails)
              .text()));
        } else {
          hidden.add(o);
        }
      }
      context.put("turns", hidden);
    }
    return new JsonObject()
        .put("id", id)
        .put("kind", kind.wire())
        .put("status", status.wire())
        .put("brand", brandSlug)
        .put("brandId", brandId)
        .put("persona", personaSlug)
        .put("personaId", personaId)
        .put("personaVersion", personaVersion)
        .put("verdict", verdict)
        .put("content", content == null ? null : body.text())
        .put("shownText", hide(shownText, language, keepEmails))
        .put("findings", findings)
        .put("rules", new JsonArray(rules()))
        .put("context", context)
        .put("conversation", conversationId)
        .put("replyTo", replyTo)
        .put("held", held)
        .put("actions", actions)
        .put("createdAt", str(createdAt))
        .put("dueAt", str(dueAt))
        .put("claimedBy", claimedBy)
        .put("claimedByEmail", claimedByEmail)
        .put("claimedAt", str(claimedAt))
        .put("claimExpiresAt", str(claimExpiresAt))
        .put("decision", decision == null ? null : decision.wire())
        .put("decidedBy", decidedBy)
        .put("decidedByEmail", decidedByEmail)
        .put("decidedAt", str(decidedAt))
        .put("reason", reasonRule)
        .put("note", note)
        .put("finalText", hide(finalText, language, keep))
        .put("releaseText", hide(releaseText, language, keepEmails))
        .put("releasedAt", str(releasedAt));
  }

  private static String hide(String text, String language, Collection<String> keep) {
    return text == null ? null : AudiencePrivacy.redaction(text, language, keep).text();
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
