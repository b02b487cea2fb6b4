package com.personaruntime.runtime.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.personaruntime.composer.Abbreviations;
import com.personaruntime.composer.ComposerChatModel;
import com.personaruntime.composer.ComposerPersona;
import com.personaruntime.composer.Knowledge;
import com.personaruntime.composer.KnowledgeIndex;
import com.personaruntime.personas.Persona;
import com.personaruntime.runtime.catalog.LivePersona;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The offline composer of each published persona version, with its knowledge index. Building
 * an index embeds every knowledge entry with the in-process ONNX model, so it runs on a worker
 * thread, once per persona version; composing a reply runs on a small dedicated pool.
 */
public final class ComposerModels implements AutoCloseable {
  /** A persona version's knowledge index and composer model. */
  public record Bundle(KnowledgeIndex index, ComposerChatModel model) {
  }

  /** File name suffix of a persona's own abbreviations and product nicknames, beside its persona file. */
  public static final String ABBREVIATIONS_SUFFIX = ".abbreviations.tsv";

  private final Vertx vertx;
  private final Map<String, Abbreviations> abbreviations;
  private final ExecutorService executor;
  private final Cache<String, Future<Bundle>> bundles = Caffeine.newBuilder().maximumSize(1_000).build();

  public ComposerModels(Vertx vertx) {
    this(vertx, Map.of());
  }

  /**
   * @param abbreviations persona id -> that persona's own abbreviations (see {@link #readAbbreviations})
   */
  public ComposerModels(Vertx vertx, Map<String, Abbreviations> abbreviations) {
    this.vertx = vertx;
    this.abbreviations = Map.copyOf(abbreviations);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "composer-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** The bundle of a persona version, built on first use. */
  public Future<Bundle> get(LivePersona lp) {
    String key = lp.personaId() + "@" + lp.version() + "@" + lp.brandName();
    return bundles.get(key, k -> {
      Future<Bundle> f = vertx.executeBlocking(() -> {
        ComposerPersona cp = toComposer(lp.persona(), abbreviations.get(lp.persona().id()), lp.brandName());
        KnowledgeIndex index = KnowledgeIndex.build(cp.knowledge());
        return new Bundle(index, new ComposerChatModel(cp, index, executor));
      }, false);
      f.onFailure(err -> bundles.invalidate(k));
      return f;
    });
  }

  /**
   * Builds the bundles of up to {@code max} personas in the background (on workers), so the first chat
   * with each does not wait for the embedding model to load (seconds on a small machine, the first time
   * in a JVM) and for its knowledge to be embedded. A bundle that fails to build is logged and built
   * again on first use.
   *
   * @return completes when every bundle asked for is built or has failed
   */
  public Future<Void> warm(List<LivePersona> personas, int max) {
    List<Future<Bundle>> all = personas.stream().limit(Math.max(0, max)).map(this::get).toList();
    return Future.join(all).otherwiseEmpty().mapEmpty();
  }

  /** True when the persona version's bundle is built (a chat with it starts without building it). */
  public boolean ready(LivePersona lp) {
    Future<Bundle> f = bundles.getIfPresent(lp.personaId() + "@" + lp.version() + "@" + lp.brandName());
    return f != null && f.succeeded();
  }

  /** Maps a persona document to the composer's own input type (no abbreviations of its own). */
  public static ComposerPersona toComposer(Persona p) {
    return toComposer(p, null);
  }

  /** Maps a persona document and its own abbreviations (or null) to the composer's input type. */
  public static ComposerPersona toComposer(Persona p, Abbreviations own) {
    return toComposer(p, own, p.brand());
  }

  /**
   * As {@link #toComposer(Persona, Abbreviations)}, naming the brand by its display name (what
   * audiences see; never the slug).
   */
  public static ComposerPersona toComposer(Persona p, Abbreviations own, String brandName) {
    List<Knowledge> knowledge = new java.util.ArrayList<>(
        p.knowledge().stream().map(k -> new Knowledge(k.id(), k.title(), k.text(), k.tags())).toList());
    Knowledge phone = phoneEntry(p, brandName);
    if (phone != null) {
      knowledge.add(phone);
    }
    return new ComposerPersona(p.id(), p.name(), brandName, p.languages(), p.voice().greeting(),
        p.voice().catchphrases(), knowledge,
        p.contact() == null ? null : p.contact().url(),
        p.contact() == null ? null : p.contact().email(),
        p.audiences().stream().map(a -> new ComposerPersona.Segment(a.segment(), a.style())).toList(),
        p.boundaries().competitors(), own == null ? Abbreviations.EMPTY : own, p.voice().style(),
        p.contact() == null ? null : p.contact().phone());
  }

  /** Id of the knowledge entry that carries the persona's {@code contact.phone} for the composer. */
  static final String PHONE_ENTRY_ID = "contact-phone";

  /**
   * The persona's {@code contact.phone} as a knowledge entry the composer answers from ("sđt shop là gì", "what's
   * your phone number?"), in the persona's first language (Vietnamese or English); {@code null} without a phone or
   * when the knowledge already has an entry of that id. The guardrails let this number through
   * ({@code PersonaPolicies}: the brand's own public contact).
   */
  static Knowledge phoneEntry(Persona p, String brandName) {
    if (p.contact() == null || p.contact().phone() == null || p.contact().phone().isBlank()
        || p.knowledge().stream().anyMatch(k -> k.id().equals(PHONE_ENTRY_ID))) {
      return null;
    }
    String phone = p.contact().phone().strip();
    boolean vi = !p.languages().isEmpty() && p.languages().get(0).toLowerCase(java.util.Locale.ROOT).startsWith("vi");
    return vi
        ? new Knowledge(PHONE_ENTRY_ID, "Số điện thoại liên hệ (hotline)",
            phone + " (" + brandName + ").", List.of("contact", "phone"))
        : new Knowledge(PHONE_ENTRY_ID, "Contact phone number (hotline)",
            phone + " (" + brandName + ").", List.of("contact", "phone"));
  }

  /**
   * Reads every {@code <personaId>.abbreviations.tsv} in a folder (blocking file I/O).
   *
   * @throws IllegalArgumentException naming the file and line of a malformed entry
   */
  public static Map<String, Abbreviations> readAbbreviations(Path dir) throws IOException {
    Map<String, Abbreviations> out = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ABBREVIATIONS_SUFFIX)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        out.put(name.substring(0, name.length() - ABBREVIATIONS_SUFFIX.length()),
            Abbreviations.parse(name, Files.readString(f)));
      }
    }
    return out;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
