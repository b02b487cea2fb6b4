package com.personaruntime.runtime.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.personaruntime.guardrails.PolicyCache;
import com.personaruntime.personas.Persona;
import com.personaruntime.personas.PersonaDocuments;
import com.personaruntime.personas.PersonaPolicies;
import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.storage.AuditLog;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.ConflictException;
import com.personaruntime.runtime.storage.NotFoundException;
import com.personaruntime.runtime.storage.PersonaRecord;
import com.personaruntime.runtime.storage.PersonaRepository;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Personas as the runtime knows them: validated documents stored as versions, scoped to the
 * caller's brands, with the published version and its compiled policy cached.
 *
 * <p>Every change is a new version (no new version when the document did not change). Creating
 * a persona publishes version 1; later API edits stay drafts until published, unless the caller
 * asks to publish at once; a changed file in {@code personas.dir} is published at import (the
 * files are the reviewed source). Caches are only caches: a change on any node is announced on
 * the event bus address {@value #CHANGED_ADDRESS} and every node drops its entry.
 */
public final class PersonaCatalog {
  public static final String CHANGED_ADDRESS = "personas.changed";
  /**
   * Name of the worker pool that parses personas and compiles their policies ({@link #compileThreads()}
   * threads, shared by every catalog of one Vert.x instance). A first compile builds the shipped lexicons'
   * automaton (seconds, much longer on a loaded machine); on a pool of its own it never holds the event
   * loops nor the shared worker pool that renders console pages and runs the database client.
   */
  public static final String COMPILE_POOL = "persona-policy-compile";
  private static final Logger LOG = LoggerFactory.getLogger(PersonaCatalog.class);

  private final Vertx vertx;
  private final PersonaRepository personas;
  private final BrandRepository brands;
  private final AuditLog audit;
  private final ModelBindings bindings;
  private final PolicyCache policies = new PolicyCache(10_000);
  private final Cache<String, LivePersona> live = Caffeine.newBuilder()
      .maximumSize(10_000)
      .expireAfterWrite(Duration.ofMinutes(10))
      .build();
  /** Counts announced changes, so a lookup that raced with one does not cache what it read. */
  private final AtomicLong changes = new AtomicLong();
  /** Where personas are parsed and policies compiled ({@value #COMPILE_POOL}). */
  private final WorkerExecutor compiler;
  /**
   * Lookups of published personas in flight, by slug: the hundreds of chats that open at once after a
   * start share one read and one compile instead of queueing one each. Only lookups begun since the
   * latest announced change are shared.
   */
  private final ConcurrentHashMap<String, Loading> loading = new ConcurrentHashMap<>();

  private record Loading(long generation, Future<Optional<LivePersona>> result) {
  }

  /** A catalog with no model endpoints and no allowed key variables ({@link ModelBindings#none()}). */
  public PersonaCatalog(Vertx vertx, PersonaRepository personas, BrandRepository brands, AuditLog audit) {
    this(vertx, personas, brands, audit, ModelBindings.none());
  }

  /** The names of the operator's model endpoints a persona may choose ({@code model.endpoint}), sorted. */
  public List<String> modelEndpoints() {
    return bindings.endpointNames();
  }

  /** A catalog that checks model bindings against the operator's {@code bindings}. */
  public PersonaCatalog(Vertx vertx, PersonaRepository personas, BrandRepository brands, AuditLog audit,
      ModelBindings bindings) {
    this.bindings = bindings;
    this.vertx = vertx;
    this.personas = personas;
    this.brands = brands;
    this.audit = audit;
    this.compiler = vertx.createSharedWorkerExecutor(COMPILE_POOL, compileThreads(), 30, TimeUnit.MINUTES);
    vertx.eventBus().<String>consumer(CHANGED_ADDRESS, msg -> {
      changes.incrementAndGet();
      if ("*".equals(msg.body())) {
        live.invalidateAll(); // a brand was renamed: every persona's disclosure may change
      } else {
        live.invalidate(msg.body());
      }
    });
  }

  /**
   * One persona file at start-up: either a valid persona or its problems.
   *
   * @param source      where it came from, for messages (the file's path)
   * @param file        the key its imports are recorded under: the file name relative to {@code personas.dir}
   * @param contentHash hex SHA-256 of the file's bytes (what "the file changed" means)
   * @param persona     the parsed persona, or null when invalid
   * @param problems    why it is invalid (empty when valid)
   */
  public record FileEntry(String source, String file, String contentHash, Persona persona, List<String> problems) {
    /** A file known only by its persona: the key is {@code source}, the hash the persona's checksum. */
    public FileEntry(String source, Persona persona, List<String> problems) {
      this(source, source, persona == null ? null : PersonaDocuments.checksum(persona), persona, problems);
    }
  }

  /**
   * What the start-up import did, one line per file.
   *
   * @param imported  files imported as a new (published) version or a new persona
   * @param unchanged files whose content is what the persona already has
   * @param kept      files not imported because they did not change since their last import while the
   *                  persona has newer versions made through the API ("file: why")
   * @param skipped   invalid files or files that may not be imported ("file: why")
   */
  public record ImportReport(List<String> imported, List<String> unchanged, List<String> kept, List<String> skipped) {
  }

  /**
   * Imports persona files: new files create personas (and their brand if needed); a file that changed
   * since its last import (its bytes' SHA-256 differs from the one recorded then) becomes a new
   * published version; a file that did not change is not imported again, so versions made through the
   * API after its import stay (reported in {@link ImportReport#kept()} with the reason). A persona with
   * no import record of the file (made through the API, or stored before records were kept) takes the
   * file only when no version of the persona already has its content. Invalid files are reported and
   * skipped so one brand's mistake does not stop the others. Afterwards the published personas'
   * policies are compiled in the background.
   */
  public Future<ImportReport> importFiles(List<FileEntry> files) {
    List<String> imported = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (FileEntry file : files) {
      chain = chain.compose(v -> {
        if (file.persona() == null) {
          file.problems().forEach(p -> LOG.warn("persona file skipped: {}", p));
          skipped.add(file.source() + ": " + file.problems().size() + " problem(s)");
          return Future.succeededFuture();
        }
        return importOne(file).map(outcome -> {
          if (outcome.equals("unchanged")) {
            unchanged.add(file.source());
          } else if (outcome.equals("imported")) {
            imported.add(file.source());
          } else if (outcome.startsWith(KEPT)) {
            kept.add(file.source() + ": " + outcome.substring(KEPT.length()));
          } else {
            skipped.add(file.source() + ": " + outcome);
          }
          return (Void) null;
        }).recover(err -> {
          LOG.warn("persona file {} not imported: {}", file.source(), err.getMessage());
          skipped.add(file.source() + ": " + err.getMessage());
          return Future.succeededFuture();
        });
      });
    }
    return chain.map(v -> {
      // compile the published policies in the background (on workers), so the first chat or
      // check does not wait for the lexicons' automaton; start-up does not wait either
      published().onFailure(err -> LOG.warn("policy warm-up failed: {}", err.getMessage()));
      return new ImportReport(imported, unchanged, kept, skipped);
    });
  }

  private static final String KEPT = "kept:";

  private Future<String> importOne(FileEntry file) {
    Persona p = file.persona();
    List<String> bindingProblems = new ArrayList<>(bindings.fileProblems(file.source(), p));
    // a file is published at import: the same rule as every other way of publishing
    com.personaruntime.personas.Publishing.missing(p).forEach(m -> bindingProblems.add(file.source() + ": " + m));
    if (!bindingProblems.isEmpty()) {
      bindingProblems.forEach(line -> LOG.warn("persona file skipped: {}", line));
      return Future.succeededFuture(String.join("; ", bindingProblems));
    }
    String json = PersonaDocuments.toJson(p);
    String checksum = PersonaDocuments.checksum(p);
    return ensureBrand(p.brand()).compose(brandId -> personas.findBySlug(p.id()).compose(existing -> {
      if (existing.isEmpty()) {
        return personas.create(brandId, p.id(), json, checksum, "file", "system", true,
                (conn, rec) -> personas.recordFileImport(conn, rec.id(), new PersonaRepository.FileImport(file.file(),
                        file.contentHash(), rec.latestVersion()))
                    .compose(v -> audit(conn, rec.brandId(), "system", "persona.imported", rec.id(),
                        new JsonObject().put("slug", p.id()).put("file", file.file())
                            .put("version", rec.latestVersion()))))
            .map("imported");
      }
      PersonaRecord rec = existing.get();
      if (!rec.brandId().equals(brandId)) {
        return Future.succeededFuture("persona id '" + p.id() + "' already belongs to another brand");
      }
      return personas.fileImport(rec.id(), file.file()).compose(last -> {
        if (last.isPresent() && last.get().contentHash().equals(file.contentHash())) {
          // the file did not change since its last import: whatever was made through the API since stays
          if (checksum.equals(rec.latestChecksum())) {
            return Future.succeededFuture("unchanged");
          }
          return Future.succeededFuture(KEPT + " unchanged since its import as version " + last.get().version()
              + "; version " + rec.latestVersion() + " (made through the API) is kept" + publishedNote(rec));
        }
        if (last.isEmpty()) {
          // no record of this file: take it only if no version has its content yet
          if (checksum.equals(rec.latestChecksum())) {
            return personas.recordFileImport(rec.id(), new PersonaRepository.FileImport(file.file(),
                file.contentHash(), rec.latestVersion())).map("unchanged");
          }
          return personas.newestVersionWith(rec.id(), checksum, "file").compose(match -> match.isEmpty()
              ? addFileVersion(file, rec, json, checksum)
              : personas.recordFileImport(rec.id(), new PersonaRepository.FileImport(file.file(), file.contentHash(),
                  match.get())).map(KEPT + " its content is version " + match.get() + " (imported before); version "
                  + rec.latestVersion() + " (made through the API since) is kept" + publishedNote(rec)));
        }
        return addFileVersion(file, rec, json, checksum);
      });
    }));
  }

  private static String publishedNote(PersonaRecord rec) {
    return rec.publishedVersion() == null ? " (nothing published)"
        : rec.publishedVersion().equals(rec.latestVersion()) ? "" : " (version " + rec.publishedVersion() + " is published)";
  }

  /** The file changed since its last import (or is new to this persona): a new published version. */
  private Future<String> addFileVersion(FileEntry file, PersonaRecord rec, String json, String checksum) {
    String slug = rec.slug();
    return personas.addVersion(rec.id(), json, checksum, "file", "system", true,
            (conn, updated) -> personas.recordFileImport(conn, updated.id(), new PersonaRepository.FileImport(
                    file.file(), file.contentHash(), updated.latestVersion()))
                .compose(v -> audit(conn, updated.brandId(), "system", "persona.imported", updated.id(),
                    new JsonObject().put("slug", slug).put("file", file.file())
                        .put("version", updated.publishedVersion()))))
        .map(updated -> {
          changed(slug);
          return "imported";
        });
  }

  private Future<String> ensureBrand(String slug) {
    return brands.findBySlug(slug).compose(b -> b.isPresent()
        ? Future.succeededFuture(b.get().id())
        : brands.create(slug, defaultBrandName(slug), "system", audit).map(created -> created.id()));
  }

  /**
   * The display name of a brand a persona file creates (audiences see it in disclosures and on the chat
   * page, never the slug): the demo brands' own names, else the slug's words capitalised
   * ({@code tea-house} -> "Tea House"). Owners rename it on the members page.
   */
  static String defaultBrandName(String slug) {
    String demo = com.personaruntime.personas.DemoPersonas.BRAND_NAMES.get(slug);
    if (demo != null) {
      return demo;
    }
    StringBuilder out = new StringBuilder();
    for (String word : slug.split("-")) {
      if (!word.isEmpty()) {
        out.append(out.length() == 0 ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.length() == 0 ? slug : out.toString();
  }

  /** Personas the principal may see, newest first. */
  public Future<List<PersonaRecord>> list(Principal principal) {
    Future<List<PersonaRecord>> all = principal.platformAdmin() ? personas.listAll() : personas.listAll()
        .map(list -> list.stream().filter(r -> principal.canRead(r.brandId())).toList());
    return all;
  }

  /** One persona visible to the principal (NOT_FOUND otherwise). */
  public Future<PersonaRecord> get(Principal principal, String slug) {
    return personas.findBySlug(slug).compose(rec -> {
      if (rec.isEmpty() || !principal.canRead(rec.get().brandId())) {
        return Future.failedFuture(CatalogException.notFound(slug));
      }
      return Future.succeededFuture(rec.get());
    });
  }

  /** Creates a persona from a document (JSON or YAML) and publishes version 1. */
  public Future<PersonaRecord> create(Principal principal, String body) {
    return create(principal, body, true);
  }

  /** Creates a persona from a document (JSON or YAML); version 1 is published only with {@code publish}. */
  public Future<PersonaRecord> create(Principal principal, String body, boolean publish) {
    return create(principal, body, publish, "api");
  }

  /**
   * As {@link #create(Principal, String, boolean)}, the version labelled with where it was written:
   * {@code source} is {@code "api"} (a token) or {@code "console"} (a console session); see
   * {@link PersonaRepository#SOURCES}.
   */
  public Future<PersonaRecord> create(Principal principal, String body, boolean publish, String source) {
    Persona p;
    try {
      p = document(body, publish);
    } catch (CatalogException e) {
      return Future.failedFuture(e);
    }
    return brands.findBySlug(p.brand()).compose(brand -> {
      if (brand.isEmpty() && !principal.platformAdmin()) {
        return Future.failedFuture(new CatalogException(CatalogException.Kind.NOT_FOUND,
            "brand: brand '" + p.brand() + "' not found"));
      }
      Future<String> brandId = brand.isPresent() ? Future.succeededFuture(brand.get().id())
          : brands.create(p.brand(), p.brand(), principal.userId(), audit).map(b -> b.id());
      return brandId.compose(id -> {
        if (!principal.canRead(id)) {
          return Future.failedFuture(new CatalogException(CatalogException.Kind.NOT_FOUND,
              "brand: brand '" + p.brand() + "' not found"));
        }
        if (!principal.canEdit(id)) {
          return Future.failedFuture(new CatalogException(CatalogException.Kind.FORBIDDEN,
              "your role in brand '" + p.brand() + "' may not create personas (owner or editor needed)"));
        }
        try {
          bindings.check(p, principal.platformAdmin(), null);
        } catch (CatalogException e) {
          return Future.failedFuture(e);
        }
        return personas.findBySlug(p.id()).compose(existing -> {
          if (existing.isPresent()) {
            return Future.failedFuture(new CatalogException(CatalogException.Kind.CONFLICT,
                "id: a persona with id '" + p.id() + "' already exists"));
          }
          return personas.create(id, p.id(), PersonaDocuments.toJson(p), PersonaDocuments.checksum(p), source,
                  principal.userId(), publish, (conn, rec) -> audit(conn, id, principal.userId(), "persona.created",
                      rec.id(), new JsonObject().put("slug", p.id()).put("version", rec.latestVersion())
                          .put("published", publish)))
              .recover(e -> Future.failedFuture(e instanceof ConflictException
                  // the slug is taken meanwhile, or reserved by a deleted persona of another brand
                  ? new CatalogException(CatalogException.Kind.CONFLICT,
                      "id: a persona with id '" + p.id() + "' already exists or the id is reserved")
                  : e));
        });
      });
    });
  }

  /** A request's persona document, parsed; with {@code publish}, also held to the publishing rule. */
  private static Persona document(String body, boolean publish) {
    Persona p = parse(body);
    if (publish) {
      requirePublishable(p);
    }
    return p;
  }

  /** Stores a new version of a persona (a draft unless {@code publish}), labelled source {@code "api"}. */
  public Future<PersonaRecord> update(Principal principal, String slug, String body, boolean publish) {
    return update(principal, slug, body, publish, "api");
  }

  /**
   * Stores a new version of a persona (a draft unless {@code publish}); {@code source} labels where it
   * was written ({@code "api"} or {@code "console"}, see {@link PersonaRepository#SOURCES}).
   */
  public Future<PersonaRecord> update(Principal principal, String slug, String body, boolean publish,
      String source) {
    // who may write comes first: a caller without the right learns nothing about the document's problems
    return editable(principal, slug).compose(rec -> {
      Persona p;
      try {
        p = document(body, publish);
      } catch (CatalogException e) {
        return Future.failedFuture(e);
      }
      if (!p.id().equals(rec.slug())) {
        return Future.failedFuture(new CatalogException(CatalogException.Kind.INVALID,
            "id: must stay '" + rec.slug() + "' (the persona in the URL), got '" + p.id() + "'"));
      }
      if (!p.brand().equals(rec.brandSlug())) {
        return Future.failedFuture(new CatalogException(CatalogException.Kind.INVALID,
            "brand: a persona cannot move to another brand: must stay '" + rec.brandSlug() + "', got '"
                + p.brand() + "'"));
      }
      try {
        bindings.check(p, principal.platformAdmin(), previousModel(rec));
      } catch (CatalogException e) {
        return Future.failedFuture(e);
      }
      // the audit entry is written in the version's transaction and names the version this request
      // made, read while the persona row is locked (never a concurrent request's)
      return personas.addVersion(rec.id(), PersonaDocuments.toJson(p), PersonaDocuments.checksum(p), source,
              principal.userId(), publish, (conn, updated) -> audit(conn, updated.brandId(), principal.userId(),
                  "persona.updated", updated.id(), new JsonObject().put("slug", slug)
                      .put("version", updated.latestVersion()).put("published", publish)))
          .recover(e -> Future.failedFuture(goneAsNotFound(e, slug)))
          .map(updated -> {
            if (publish) {
              changed(slug);
            }
            return updated;
          });
    });
  }

  /** Publishes a version (the latest when {@code version} is null). */
  public Future<PersonaRecord> publish(Principal principal, String slug, Integer version) {
    return editable(principal, slug).compose(rec -> {
      int v = version == null ? rec.latestVersion() : version;
      if (v < 1 || v > rec.latestVersion()) {
        return Future.failedFuture(new CatalogException(CatalogException.Kind.INVALID,
            "version: must be between 1 and " + rec.latestVersion() + ", got " + v));
      }
      return personas.version(rec.id(), v).compose(doc -> {
            if (doc.isPresent()) {
              var parsed = PersonaDocuments.parse("version " + v, doc.get().document());
              if (parsed.isValid()) {
                requirePublishable(parsed.orElseThrow());
              }
            }
            return personas.publish(rec.id(), v, (conn, updated) -> audit(conn, updated.brandId(),
                principal.userId(), "persona.published", updated.id(),
                new JsonObject().put("slug", slug).put("version", v)));
          })
          .recover(e -> Future.failedFuture(goneAsNotFound(e, slug)))
          .map(updated -> {
            changed(slug);
            return updated;
          });
    });
  }

  /** Soft-deletes a persona (owners only). */
  public Future<Void> delete(Principal principal, String slug) {
    return get(principal, slug).compose(rec -> {
      if (!principal.isOwner(rec.brandId())) {
        return Future.failedFuture(new CatalogException(CatalogException.Kind.FORBIDDEN,
            "only an owner of brand '" + rec.brandSlug() + "' may delete personas"));
      }
      return personas.delete(rec.id(), (conn, before) -> audit(conn, before.brandId(), principal.userId(),
          "persona.deleted", before.id(), new JsonObject().put("slug", slug))).compose(deleted -> {
        if (!deleted) {
          return Future.failedFuture(CatalogException.notFound(slug)); // deleted concurrently
        }
        changed(slug);
        return Future.succeededFuture();
      });
    });
  }

  /** The version history of a persona visible to the principal. */
  public Future<List<com.personaruntime.runtime.storage.PersonaVersion>> versions(Principal principal, String slug) {
    return get(principal, slug).compose(rec -> personas.versions(rec.id()));
  }

  /**
   * The published persona read afresh (the cached entry dropped first): what a live connection calls when
   * {@value #CHANGED_ADDRESS} names its persona, so it never keeps talking with a deleted persona or an
   * old policy. Empty when the persona is deleted or unpublished.
   */
  public Future<Optional<LivePersona>> reload(String slug) {
    live.invalidate(slug);
    return live(slug);
  }

  /**
   * Threads of the {@value #COMPILE_POOL} pool: half the processors, at least one (on two cores one compile
   * at a time, the other core keeps serving).
   */
  public static int compileThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /**
   * The published persona with its compiled policy, cached; empty when unknown or deleted. Concurrent
   * lookups of a persona that is not cached share one read and one compile (on the {@value #COMPILE_POOL}
   * pool); each caller gets the result on its own context.
   */
  public Future<Optional<LivePersona>> live(String slug) {
    LivePersona cached = live.getIfPresent(slug);
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    long generation = changes.get();
    Loading running = loading.get(slug);
    if (running == null || running.generation() != generation) {
      Promise<Optional<LivePersona>> promise = Promise.promise();
      Loading mine = new Loading(generation, promise.future());
      running = loading.compute(slug, (k, cur) -> cur != null && cur.generation() == generation ? cur : mine);
      if (running == mine) {
        Future<Optional<LivePersona>> result = load(slug, generation);
        result.onComplete(ar -> {
          loading.remove(slug, mine);
          promise.handle(ar);
        });
        return result;
      }
    }
    // another caller's lookup: its result, handed over on this caller's context
    Context context = vertx.getOrCreateContext();
    Promise<Optional<LivePersona>> own = Promise.promise();
    running.result().onComplete(ar -> context.runOnContext(v -> own.handle(ar)));
    return own.future();
  }

  private Future<Optional<LivePersona>> load(String slug, long generation) {
    return personas.findBySlug(slug).compose(rec -> {
      if (rec.isEmpty() || rec.get().publishedDocument() == null) {
        return Future.succeededFuture(Optional.<LivePersona>empty());
      }
      PersonaRecord r = rec.get();
      // Parsing and compiling a policy is CPU work (the first compile also builds the shipped
      // lexicons' automaton, seconds on a small machine): never on the event loop.
      return brands.findById(r.brandId()).map(b -> b.map(x -> x.name()).orElse(r.brandSlug()))
          .compose(brandName -> compiler.executeBlocking(() -> toLive(slug, r, brandName), false)).map(lp -> {
        // a change announced while this compiled must not be undone by caching the old version
        if (lp.isPresent() && changes.get() == generation) {
          live.put(slug, lp.get());
        }
        return lp;
      });
    });
  }

  private Optional<LivePersona> toLive(String slug, PersonaRecord r, String brandName) {
    var parsed = PersonaDocuments.parse("stored persona " + slug, r.publishedDocument());
    if (!parsed.isValid()) {
      LOG.error("stored persona {} v{} no longer validates: {}", slug, r.publishedVersion(), parsed.problems());
      return Optional.empty();
    }
    Persona persona = parsed.orElseThrow();
    String key = r.id() + "@" + r.publishedVersion();
    return Optional.of(new LivePersona(r.id(), r.brandId(), r.publishedVersion(), persona,
        policies.get(key, () -> PersonaPolicies.toPolicyConfig(persona)), brandName));
  }

  /** Every published persona, by slug (for the public chat page). */
  public Future<List<LivePersona>> published() {
    return personas.listAll().compose(records -> {
      List<Future<Optional<LivePersona>>> all = records.stream()
          .filter(r -> r.publishedVersion() != null)
          .map(r -> live(r.slug()))
          .toList();
      return Future.all(all).map(cf -> all.stream().map(Future::result).flatMap(Optional::stream)
          .sorted(java.util.Comparator.comparing(LivePersona::slug)).toList());
    });
  }

  /**
   * The published persona by slug or by its stored id (moderation items name personas by id),
   * if the principal may read it (NOT_FOUND otherwise).
   */
  public Future<LivePersona> liveFor(Principal principal, String idOrSlug) {
    return live(idOrSlug)
        .compose(lp -> lp.isPresent() ? Future.succeededFuture(lp) : personas.findById(idOrSlug)
            .compose(rec -> rec.isPresent() ? live(rec.get().slug()) : Future.succeededFuture(lp)))
        .compose(lp -> {
          if (lp.isEmpty() || !principal.canRead(lp.get().brandId())) {
            return Future.failedFuture(CatalogException.notFound(idOrSlug));
          }
          return Future.succeededFuture(lp.get());
        });
  }

  private Future<PersonaRecord> editable(Principal principal, String slug) {
    return get(principal, slug).compose(rec -> principal.canEdit(rec.brandId())
        ? Future.succeededFuture(rec)
        : Future.failedFuture(new CatalogException(CatalogException.Kind.FORBIDDEN,
            "your role in brand '" + rec.brandSlug() + "' may not change personas (owner or editor needed)")));
  }

  /** A persona deleted between the lookup and the write: the caller sees NOT_FOUND, not a storage error. */
  private static Throwable goneAsNotFound(Throwable e, String slug) {
    return e instanceof NotFoundException ? CatalogException.notFound(slug) : e;
  }

  /**
   * A persona made from a Character Card is published only once its brand rules are filled in
   * (boundaries and disclosure); INVALID naming the missing fields otherwise.
   */
  /** Refuses (INVALID, one problem per field) a persona that may not be published ({@link com.personaruntime.personas.Publishing#missing}). */
  private static void requirePublishable(Persona p) {
    List<String> missing = com.personaruntime.personas.Publishing.missing(p);
    if (!missing.isEmpty()) {
      throw new CatalogException(CatalogException.Kind.INVALID,
          "this persona cannot be published yet", missing);
    }
  }

  /**
   * Imports a Character Card (V2/V3 JSON, or a PNG with a {@code ccv3}/{@code chara} chunk) as a
   * new persona of {@code brandSlug} whose version 1 is a draft. INVALID naming the problem for
   * an unreadable card or a persona document that does not validate.
   */
  public Future<PersonaRecord> importCard(Principal principal, String brandSlug, String id, byte[] card) {
    return importCard(principal, brandSlug, id, card, "api");
  }

  /** As {@link #importCard(Principal, String, String, byte[])}, version 1 labelled {@code source}. */
  public Future<PersonaRecord> importCard(Principal principal, String brandSlug, String id, byte[] card,
      String source) {
    String doc;
    try {
      if (brandSlug == null || brandSlug.isBlank()) {
        throw new CatalogException(CatalogException.Kind.INVALID, "brand: the query parameter brand is required "
            + "(the slug of the brand that will own the persona)");
      }
      doc = com.personaruntime.personas.CharacterCards.toPersonaDocument(card, brandSlug, id).toString();
    } catch (com.personaruntime.personas.CharacterCards.CardException e) {
      return Future.failedFuture(new CatalogException(CatalogException.Kind.INVALID, e.getMessage()));
    } catch (CatalogException e) {
      return Future.failedFuture(e);
    }
    return create(principal, doc, false, source);
  }

  /** The persona document of one version ({@code null}: the latest), if the principal may read the persona. */
  public Future<Persona> document(Principal principal, String slug, Integer version) {
    return get(principal, slug).compose(rec -> {
      int v = version == null ? rec.latestVersion() : version;
      return personas.version(rec.id(), v).compose(found -> {
        if (found.isEmpty()) {
          return Future.failedFuture(new CatalogException(CatalogException.Kind.NOT_FOUND,
              "version: persona '" + slug + "' has no version " + v + " (latest is " + rec.latestVersion() + ")"));
        }
        var parsed = PersonaDocuments.parse("persona " + slug + " v" + v, found.get().document());
        return parsed.isValid() ? Future.succeededFuture(parsed.orElseThrow())
            : Future.failedFuture(new CatalogException(CatalogException.Kind.INVALID,
                "stored version " + v + " no longer validates", parsed.problems().stream().map(Object::toString)
                    .toList()));
      });
    });
  }

  /**
   * A draft of a persona as the engine would serve it, for the console's preview chat: the given
   * unsaved document ({@code body}, JSON or YAML) or, when {@code body} is null, the latest
   * version. Same guard and model binding rules as publishing; the id and brand must stay those
   * of the stored persona. The policy is compiled on a worker thread.
   */
  public Future<LivePersona> draft(Principal principal, String slug, String body) {
    return get(principal, slug).compose(rec -> {
      Persona p;
      try {
        p = parse(body == null ? rec.latestDocument() : body);
        if (!p.id().equals(rec.slug()) || !p.brand().equals(rec.brandSlug())) {
          throw new CatalogException(CatalogException.Kind.INVALID, "id and brand must stay '" + rec.slug()
              + "' and '" + rec.brandSlug() + "' in a preview");
        }
        if (principal.canEdit(rec.brandId())) {
          bindings.check(p, principal.platformAdmin(), previousModel(rec));
        } else if (body != null) {
          throw new CatalogException(CatalogException.Kind.FORBIDDEN,
              "your role in brand '" + rec.brandSlug() + "' may not try unsaved changes (owner or editor needed)");
        }
      } catch (CatalogException e) {
        return Future.failedFuture(e);
      }
      String checksum = PersonaDocuments.checksum(p);
      // a version number of its own per document content, so cached composer indexes never mix drafts
      int draftVersion = -1 - Math.floorMod(checksum.hashCode(), 1_000_000_000);
      return brands.findById(rec.brandId()).map(b -> b.map(x -> x.name()).orElse(rec.brandSlug()))
          .compose(brandName -> compiler.executeBlocking(() -> new LivePersona(rec.id(), rec.brandId(), draftVersion, p,
              policies.get("draft:" + rec.id() + ":" + checksum, () -> PersonaPolicies.toPolicyConfig(p)), brandName),
              false));
    });
  }

  /** The model binding of the newest stored version, or null. */
  private static Persona.ModelBinding previousModel(PersonaRecord rec) {
    if (rec.latestDocument() == null) {
      return null;
    }
    var parsed = PersonaDocuments.parse("stored", rec.latestDocument());
    return parsed.isValid() ? parsed.orElseThrow().model() : null;
  }

  private static Persona parse(String body) {
    var result = PersonaDocuments.parse("body", body == null ? "" : body);
    if (!result.isValid()) {
      // "id: must be ..." as every other API problem names its field, without the parser's source ("body: ")
      List<String> problems = result.problems().stream()
          .map(p -> p.path().isEmpty() ? p.message() : p.path() + ": " + p.message()).toList();
      throw new CatalogException(CatalogException.Kind.INVALID,
          "the persona document has " + problems.size() + " problem(s)", problems);
    }
    return result.orElseThrow();
  }

  /**
   * A brand's display name changed: served personas are rebuilt with it (on every node), so
   * disclosures and the chat page use the new name at once.
   */
  public void brandRenamed() {
    changed("*");
  }

  private void changed(String slug) {
    changes.incrementAndGet();
    if ("*".equals(slug)) {
      live.invalidateAll();
    } else {
      live.invalidate(slug);
    }
    vertx.eventBus().publish(CHANGED_ADDRESS, slug);
  }

  /** An audit entry written through the change's own transaction, so both commit or neither does. */
  private Future<Void> audit(io.vertx.sqlclient.SqlConnection conn, String brandId, String actor, String action,
      String targetId, JsonObject details) {
    return audit.append(conn, actor, brandId, action, "persona", targetId, details.encode());
  }
}
