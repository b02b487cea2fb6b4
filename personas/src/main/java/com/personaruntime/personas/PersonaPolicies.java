package com.personaruntime.personas;

import com.personaruntime.guardrails.PersonalData;
import com.personaruntime.guardrails.PolicyConfig;
import java.util.List;

/**
 * A persona's {@code boundaries} and {@code disclosure} sections as the guardrails' own
 * configuration; the runtime compiles and caches the policy per persona version.
 */
public final class PersonaPolicies {
  /**
   * Characters the streaming guard may hold before releasing at a word boundary. Smaller than
   * the guardrails' default (160) so a one-sentence chat answer still streams in several
   * deltas; the guard keeps back its own tail (the longest pattern span) either way.
   */
  public static final int STREAMING_BUDGET = 60;

  private PersonaPolicies() {
  }

  /**
   * The policy configuration of a validated persona.
   *
   * @throws IllegalArgumentException if a value is one the guardrails refuse (validation at load
   *     time rejects those first, so this means the persona skipped validation)
   */
  public static PolicyConfig toPolicyConfig(Persona persona) {
    Persona.Boundaries b = persona.boundaries();
    Persona.Disclosure d = persona.disclosure();
    return PolicyConfig.builder()
        .bannedTerms(b.bannedTerms())
        .competitors(b.competitors())
        .forbiddenClaims(b.forbiddenClaims())
        .avoidTopics(b.avoidTopics())
        .allowedLinkDomains(withContactDomain(b.allowedLinkDomains(), persona.contact()))
        .injectionThreshold(b.injectionThreshold())
        .languages(persona.languages().isEmpty() ? List.of("en") : persona.languages())
        .jurisdictions(d.jurisdictions())
        .aiLabels(d.aiLabel())
        .sponsoredLabels(d.sponsoredLabel())
        .publicEmails(publicContacts(persona, true))
        .publicPhones(publicContacts(persona, false))
        .ownNames(ownNames(persona))
        .personaNames(persona.name() == null || persona.name().isBlank() ? List.of() : List.of(persona.name().strip()))
        .streamingBudget(STREAMING_BUDGET)
        .build();
  }

  /**
   * The brand's own public e-mail addresses ({@code emails}) or phone numbers: the persona's contact and those
   * written in its approved knowledge (a shop's hotline in its "Cửa hàng" entry), which the persona may repeat
   * without the pii rules redacting them. An audience's numbers are never in the persona document.
   */
  static List<String> publicContacts(Persona persona, boolean emails) {
    List<String> out = new java.util.ArrayList<>();
    if (persona.contact() != null) {
      String own = emails ? persona.contact().email() : persona.contact().phone();
      if (own != null && !own.isBlank()) {
        out.add(own.strip());
      }
    }
    for (Persona.KnowledgeEntry k : persona.knowledge()) {
      PersonalData.Contacts found = PersonalData.contactsIn(k.text());
      for (String c : emails ? found.emails() : found.phones()) {
        if (!out.contains(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /**
   * The brand's own public contact details a persona may give out: its public e-mail addresses, then its phone
   * numbers (see {@link #toPolicyConfig}); what staff views leave visible in the persona's replies.
   */
  public static List<String> publicContacts(Persona persona) {
    List<String> out = new java.util.ArrayList<>(publicContacts(persona, true));
    out.addAll(publicContacts(persona, false));
    return out;
  }

  /** The brand (its slug) and the persona's name: a vote for either is a poll, not a political endorsement. */
  static List<String> ownNames(Persona persona) {
    List<String> out = new java.util.ArrayList<>();
    for (String n : new String[] {persona.brand(), persona.name()}) {
      if (n != null && !n.isBlank()) {
        out.add(n.strip());
      }
    }
    return out;
  }

  /**
   * The allowed link domains plus the host of the persona's own contact URL: pointing the audience to
   * the brand's contact page (as the offline composer does when it cannot answer) is never a foreign link.
   */
  static List<String> withContactDomain(List<String> allowed, Persona.Contact contact) {
    if (contact == null || contact.url() == null) {
      return allowed;
    }
    String host;
    try {
      host = java.net.URI.create(contact.url().strip()).getHost();
    } catch (IllegalArgumentException e) {
      return allowed;
    }
    if (host == null || host.isBlank()) {
      return allowed;
    }
    String h = host.toLowerCase(java.util.Locale.ROOT);
    for (String a : allowed) {
      String d = a.toLowerCase(java.util.Locale.ROOT);
      if (h.equals(d) || h.endsWith("." + d)) {
        return allowed;
      }
    }
    List<String> out = new java.util.ArrayList<>(allowed);
    out.add(h);
    return List.copyOf(out);
  }
}
