package com.personaruntime.web;

import com.personaruntime.runtime.auth.AdminBootstrap;
import com.personaruntime.runtime.auth.AuthService;
import com.personaruntime.runtime.auth.LoginThrottle;
import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.storage.AuditLog;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.PersonaRepository;
import com.personaruntime.runtime.storage.StorageConfig;
import com.personaruntime.runtime.storage.UserRepository;
import com.personaruntime.web.api.AuthRoutes;
import com.personaruntime.web.api.BrandRoutes;
import com.personaruntime.web.api.GuardrailRoutes;
import com.personaruntime.web.api.InsightRoutes;
import com.personaruntime.runtime.insights.InsightsService;
import com.personaruntime.runtime.insights.InsightsStore;
import com.personaruntime.web.api.ModerationRoutes;
import com.personaruntime.web.api.PersonaRoutes;
import com.personaruntime.web.api.PublicRoutes;
import com.personaruntime.web.console.Console;
import com.personaruntime.web.console.account.AccountPages;
import com.personaruntime.web.console.audit.AuditPages;
import com.personaruntime.web.console.bench.BenchPages;
import com.personaruntime.web.console.members.MemberPages;
import com.personaruntime.web.console.tokens.TokenPages;
import com.personaruntime.web.console.transcripts.TranscriptPages;
import com.personaruntime.runtime.auth.PasswordChanges;
import com.personaruntime.runtime.live.Transcripts;
import com.personaruntime.web.console.insights.InsightPages;
import com.personaruntime.web.console.moderation.ModerationPages;
import com.personaruntime.web.console.personas.PersonaPages;
import com.personaruntime.web.console.posts.PostPages;
import com.personaruntime.web.api.PostRoutes;
import com.personaruntime.web.api.PublishRoutes;
import com.personaruntime.runtime.posts.PlatformProfiles;
import com.personaruntime.runtime.posts.PostDrafter;
import com.personaruntime.runtime.posts.PostService;
import com.personaruntime.runtime.provenance.ProvenanceKeys;
import com.personaruntime.runtime.provenance.ProvenanceService;
import com.personaruntime.runtime.publish.ChannelStore;
import com.personaruntime.runtime.publish.Publisher;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.concurrent.atomic.AtomicReference;
import com.personaruntime.web.live.LiveSocket;
import com.personaruntime.gateway.GatewayOptions;
import com.personaruntime.gateway.MicrometerGatewayMetrics;
import com.personaruntime.gateway.ModelGateway;
import com.personaruntime.gateway.ModelSpec;
import com.personaruntime.gateway.net.OutboundAddressPolicy;
import com.personaruntime.runtime.catalog.ModelBindings;
import com.personaruntime.runtime.live.AudienceLimits;
import com.personaruntime.runtime.live.ChatEngine;
import com.personaruntime.runtime.live.PromptAssembler;
import com.personaruntime.runtime.live.ComposerModels;
import com.personaruntime.runtime.live.LiveRooms;
import com.personaruntime.runtime.live.LiveStore;
import com.personaruntime.runtime.live.PreviewChat;
import com.personaruntime.runtime.moderation.ClaimMode;
import com.personaruntime.runtime.moderation.ModerationSettings;
import com.personaruntime.runtime.moderation.ModerationStore;
import java.util.List;
import io.vertx.ext.web.handler.StaticHandler;
import com.personaruntime.web.config.AppConfig;
import com.personaruntime.web.http.Auth;
import com.personaruntime.web.http.Errors;
import com.personaruntime.web.http.RequestLog;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: Vert.x, storage, persona import, auth and the HTTP routes. Started with
 * {@link #start}, stopped gracefully with {@link #stop}: stop accepting, let in-flight requests
 * finish within {@code http.shutdownGraceSeconds}, close the pool, close Vert.x.
 */
public final class PersonaServer {
  /** Published personas whose composer bundles are built in the background at start-up. */
  static final int WARM_COMPOSERS = 20;

  private static final Logger LOG = LoggerFactory.getLogger(PersonaServer.class);

  private final Vertx vertx;
  private final Database database;
  /** The first HTTP verticle's server (its router is what tests inspect). */
  private final HttpServer http;
  private final List<HttpServer> servers;
  private final AppConfig config;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final long startedNanos;
  private ModerationStore moderation;
  private PersonaCatalog.ImportReport importReport;
  private long sweepTimer = -1;

  private final Publisher publisher;
  private final LiveStore liveStore;

  private PersonaServer(Vertx vertx, Database database, List<HttpServer> servers, AppConfig config,
      long startedNanos, Publisher publisher, LiveStore liveStore) {
    this.publisher = publisher;
    this.liveStore = liveStore;
    this.vertx = vertx;
    this.database = database;
    this.http = servers.get(0);
    this.servers = List.copyOf(servers);
    this.config = config;
    this.startedNanos = startedNanos;
  }

  /**
   * Starts everything; the result fails with a message naming what could not start (Vert.x is
   * closed then). A JDK future, so a failure is still delivered after Vert.x's threads are gone.
   */
  public static CompletableFuture<PersonaServer> start(AppConfig config, Map<String, String> env,
      PrintStream console) {
    return start(config, env, console, Clock.systemUTC());
  }

  /**
   * As {@link #start(AppConfig, Map, PrintStream)} with the clock every timestamp, lease, SLA and
   * token expiry is measured by (tests move it by hand instead of sleeping).
   */
  public static CompletableFuture<PersonaServer> start(AppConfig config, Map<String, String> env,
      PrintStream console, Clock clock) {
    CompletableFuture<PersonaServer> result = new CompletableFuture<>();
    long t0 = System.nanoTime();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // The JVM's own figures on /metrics: process CPU time, threads, heap, GC (the load tool reads them).
    new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
    bindRetrievalCounts(registry);
    PromptAssembler prompts;
    Map<String, com.personaruntime.composer.Abbreviations> abbreviations;
    try {
      // Blocking file reads, here on the caller's thread before any event loop is involved.
      prompts = new PromptAssembler(config.personasDir().isPresent()
          ? PromptAssembler.readOverrides(config.personasDir().get()) : Map.of());
    } catch (Exception e) {
      result.completeExceptionally(new IllegalArgumentException("persona prompt templates: " + e.getMessage(), e));
      return result;
    }
    try {
      abbreviations = config.personasDir().isPresent()
          ? ComposerModels.readAbbreviations(config.personasDir().get()) : Map.of();
    } catch (Exception e) {
      result.completeExceptionally(new IllegalArgumentException("persona abbreviations: " + e.getMessage(), e));
      return result;
    }
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    var builder = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
    Future<Vertx> started;
    String nodeId;
    if (config.cluster().enabled()) {
      // Clustered: Hazelcast on cluster.host/port (TCP-IP members only), the event bus on cluster.host.
      var settings = config.cluster().settings();
      options.getEventBusOptions().setHost(settings.host()).setClusterPublicHost(settings.host()).setPort(0);
      var manager = com.personaruntime.runtime.cluster.Hazelcast.manager(settings);
      started = builder.withClusterManager(manager).buildClustered()
          .recover(err -> Future.failedFuture(new IllegalStateException("could not join the cluster on "
              + settings.host() + ":" + settings.port() + " (members " + settings.members() + "): "
              + err.getMessage(), err)));
      nodeId = null;
    } else {
      started = Future.succeededFuture(builder.build());
      nodeId = "node-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
    started.onComplete(vx -> {
      if (vx.failed()) {
        result.completeExceptionally(vx.cause());
        return;
      }
      Vertx vertx = vx.result();
      String node = nodeId != null ? nodeId
          : ((io.vertx.core.internal.VertxInternal) vertx).clusterManager().getNodeId();
      startOn(vertx, registry, t0, config, env, console, prompts, abbreviations, node, clock).onComplete(ar -> {
        if (ar.succeeded()) {
          result.complete(ar.result());
        } else {
          result.completeExceptionally(ar.cause());
          vertx.close();
        }
      });
    });
    return result;
  }

  /**
   * Knowledge retrieval's counts ({@link com.personaruntime.composer.RetrievalCounts}, JVM-wide):
   * {@code persona_knowledge_queries_total{embedding="skipped|embedded|remembered"}} (questions whose hits the
   * lexical scores decided without the question's embedding; scored with it; answered from an index's memo of
   * recent queries) and {@code persona_embeddings_total{source="computed|cached"}} (ONNX model runs for a single
   * text; texts answered from the model's memo of recent ones).
   */
  static void bindRetrievalCounts(io.micrometer.core.instrument.MeterRegistry registry) {
    String queries = "persona.knowledge.queries";
    String what = "Knowledge questions scored, by how the question's embedding was obtained";
    io.micrometer.core.instrument.FunctionCounter.builder(queries, registry,
        r -> com.personaruntime.composer.RetrievalCounts.lexical()).tag("embedding", "skipped").description(what)
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(queries, registry,
        r -> com.personaruntime.composer.RetrievalCounts.embedded()).tag("embedding", "embedded").description(what)
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(queries, registry,
        r -> com.personaruntime.composer.RetrievalCounts.remembered()).tag("embedding", "remembered")
        .description(what).register(registry);
    String embeddings = "persona.embeddings";
    String how = "Single-text embeddings of the in-process model: computed (an ONNX run) or from its memo";
    io.micrometer.core.instrument.FunctionCounter.builder(embeddings, registry,
        r -> com.personaruntime.composer.RetrievalCounts.computed()).tag("source", "computed").description(how)
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(embeddings, registry,
        r -> com.personaruntime.composer.RetrievalCounts.cached()).tag("source", "cached").description(how)
        .register(registry);
  }

  private static Future<PersonaServer> startOn(Vertx vertx, PrometheusMeterRegistry registry, long t0,
      AppConfig config, Map<String, String> env, PrintStream console, PromptAssembler prompts,
      Map<String, com.personaruntime.composer.Abbreviations> abbreviations, String nodeId, Clock clock) {
    AppConfig.Storage s = config.storage();
    StorageConfig storage = new StorageConfig(s.url(), s.user(), s.password(), s.maxPoolSize(), s.groupCommitMillis());
    return Database.open(vertx, storage).compose(db -> {
      UserRepository users = new UserRepository(db, clock);
      BrandRepository brands = new BrandRepository(db, clock);
      PersonaRepository personas = new PersonaRepository(db, clock);
      AuditLog audit = new AuditLog(db, clock);
      LoginThrottle throttle = new LoginThrottle(clock, config.auth().loginFailuresPerAccount(),
          config.auth().loginAttemptsPerAddress(), Duration.ofMinutes(15));
      com.personaruntime.runtime.cluster.LoginThrottleSync.attach(vertx, throttle, nodeId);
      AuthService auth = new AuthService(vertx, db, users, throttle, clock,
          Duration.ofMinutes(config.auth().sessionTtlMinutes()));
      AppConfig.Llm llm = config.llm();
      ModelSpec defaultModel = llm.provider().equals("composer") ? null
          : new ModelSpec(llm.provider(), llm.baseUrl().isBlank() ? null : llm.baseUrl(), llm.model(),
              llm.apiKey().isBlank() ? null : llm.apiKey(), null);
      ModelBindings bindings = new ModelBindings(defaultModel, llm.endpoints().values().stream()
          .map(e -> new ModelBindings.Endpoint(e.name(), e.provider(), e.baseUrl(), e.model(), e.apiKeyEnv()))
          .toList(), java.util.Set.copyOf(llm.apiKeyEnvAllowed()), env);
      PersonaCatalog catalog = new PersonaCatalog(vertx, personas, brands, audit, bindings);
      LiveStore liveStore = new LiveStore(db, clock);
      ComposerModels composers = new ComposerModels(vertx, abbreviations);
      ModelGateway gateway = ModelGateway.builder().options(GatewayOptions.builder()
          .connectTimeout(Duration.ofMillis(llm.connectTimeoutMs()))
          .firstTokenTimeout(Duration.ofMillis(llm.firstTokenTimeoutMs()))
          .interTokenTimeout(Duration.ofMillis(llm.interTokenTimeoutMs()))
          .totalTimeout(Duration.ofMillis(llm.totalTimeoutMs()))
          .maxRetries(llm.maxRetries())
          .outboundPolicy(outboundPolicy(llm))
          .firstTextDeadline(Duration.ofMillis(llm.firstTextDeadlineMs()))
          .build()).metrics(new MicrometerGatewayMetrics(registry)).build();
      AppConfig.Live lc = config.live();
      AudienceLimits audience = new AudienceLimits(new AudienceLimits.Options(lc.connectionsPerAddress(),
          lc.maxConnections(), lc.messagesPerMinutePerAddress(), lc.moderationItemsPerHourPerAddress()), clock);
      // in a cluster the per-address limits hold across nodes (usage reports over the event bus)
      com.personaruntime.runtime.cluster.AudienceLimitsSync.attach(vertx, audience, nodeId);
      AppConfig.Moderation mc = config.moderation();
      ModerationStore moderation = new ModerationStore(db, audit, clock, new ModerationSettings(
          ClaimMode.of(mc.claiming()), mc.slaSeconds(), mc.leaseSeconds()), registry);
      ChatEngine engine = new ChatEngine(vertx, gateway, bindings, composers, liveStore, moderation,
          lc.memoryTurns(), prompts, audience);
      // the console's preview chat: the same engine parts, a store that keeps nothing, no moderation queue
      PreviewChat preview = new PreviewChat(vertx, store -> new ChatEngine(vertx, gateway, bindings, composers, store,
          null, lc.memoryTurns(), prompts));
      InsightsService insights = new InsightsService(vertx, new InsightsStore(db, clock), composers, clock);
      engine.observe(insights.observer());
      LiveRooms rooms = new LiveRooms(vertx, engine, new LiveRooms.Options(lc.roomQueueSize(),
          Duration.ofSeconds(lc.roomDisclosureSeconds()).toMillis(), config.cluster().takeoverCheckMillis()),
          new com.personaruntime.runtime.cluster.RoomOwnership(vertx, db, clock, nodeId), moderation);
      LiveSocket live = new LiveSocket(vertx, catalog, engine, rooms, new LiveSocket.Limits(lc.maxMessageChars(),
          lc.burst(), lc.messagesPerMinute() / 60.0, Duration.ofSeconds(lc.idleTimeoutSeconds()).toMillis(),
          Duration.ofMinutes(lc.redisclosureMinutes()).toMillis(), config.http().allowedOrigins(),
          Duration.ofMinutes(lc.resumeTtlMinutes())), clock, audience, liveStore, moderation, lc.memoryTurns() * 2);
      AppConfig.Publish pc = config.publish();
      AtomicReference<HttpServer> listening = new AtomicReference<>();
      AtomicReference<PersonaCatalog.ImportReport> importReport = new AtomicReference<>();
      java.util.function.Supplier<String> baseUrl = () -> !pc.publicBaseUrl().isBlank() ? pc.publicBaseUrl()
          : "http://" + (config.http().host().equals("0.0.0.0") ? "localhost" : config.http().host()) + ":"
              + (listening.get() == null ? config.http().port() : listening.get().actualPort());
      PlatformProfiles profiles = PlatformProfiles.shipped();
      OutboundAddressPolicy channelAddresses = OutboundAddressPolicy.builder()
          .allowPrivateNetworks(pc.allowPrivateNetworks()).build();
      ChannelStore channels = new ChannelStore(db, audit, clock, new HashSet<>(profiles.ids()), channelAddresses);
      AtomicReference<ProvenanceService> provenanceRef = new AtomicReference<>();
      AtomicReference<PostService> postsRef = new AtomicReference<>();
      String nodeName = config.http().port() == 0 ? null : config.http().host() + ":" + config.http().port();
      Publisher publisher = new Publisher(vertx, db, audit, clock, new Publisher.Options(
          Duration.ofMillis(pc.pollIntervalMs()), 20, Duration.ofMillis(pc.deliveryTimeoutMs()),
          Duration.ofSeconds(pc.leaseSeconds()), channelAddresses, nodeName));
      return vertx.executeBlocking(() -> provenanceKeys(config), false)
          .compose(keys -> {
            ProvenanceService provenance = new ProvenanceService(db, keys, clock);
            provenanceRef.set(provenance);
            postsRef.set(new PostService(db, audit, clock, profiles, new PostDrafter(vertx, gateway), composers,
                bindings, provenance, baseUrl));
            return provenance.publishKeys();
          })
          .compose(v -> AdminBootstrap.ensureAdmin(vertx, users, env, console))
          .compose(v -> StartupPersonas.load(vertx, config.personasDir()))
          .compose(catalog::importFiles)
          .compose(report -> {
            LOG.info("personas: {} imported, {} unchanged, {} kept (file unchanged, API versions kept), {} skipped",
                report.imported().size(), report.unchanged().size(), report.kept().size(), report.skipped().size());
            report.kept().forEach(line -> LOG.info("persona file not imported: {}", line));
            report.skipped().forEach(line -> LOG.warn("skipped persona file {}", line));
            importReport.set(report);
            PostRoutes postRoutes = new PostRoutes(postsRef.get(), catalog, brands, baseUrl);
            PublishRoutes publishRoutes = new PublishRoutes(channels, brands, provenanceRef.get());
            PostPages postPages = new PostPages(postsRef.get(), catalog, users, brands, channels, baseUrl, clock);
            com.personaruntime.runtime.auth.Invitations invitations = new com.personaruntime.runtime.auth.Invitations(
                vertx, db, auth, audit, clock, Duration.ofHours(config.auth().invitationTtlHours()));
            Function<Vertx, Router> routes = v -> router(v, config, registry, auth, catalog, brands, users, audit, db,
                live, moderation, postRoutes, publishRoutes, preview, postPages, insights, invitations, baseUrl);
            insights.scheduleRetention(Duration.ofHours(1));
            return deployHttp(vertx, config, routes);
          })
          .compose(servers -> {
            listening.set(servers.get(0));
            return publisher.releaseOwnLeases().map(n -> {
              publisher.start();
              return servers;
            });
          })
          .map(servers -> {
            PersonaServer ps = new PersonaServer(vertx, db, servers, config, t0, publisher, liveStore);
            ps.moderation = moderation;
            ps.importReport = importReport.get();
            // Every node sweeps; each expiry is one conditional update, so nodes never expire an item twice.
            ps.sweepTimer = vertx.setPeriodic(Duration.ofSeconds(mc.sweepSeconds()).toMillis(),
                id -> moderation.expireDue().onFailure(err -> LOG.warn("moderation sweep failed: {}",
                    err.getMessage())));
            LOG.info("persona-runtime UP on http://{}:{} in {} ms ({} HTTP verticles, storage: {}, default model: {})",
                config.http().host(), ps.port(), (System.nanoTime() - t0) / 1_000_000, servers.size(), db.vendor(),
                config.llm().provider());
            // the first chat with a persona should not wait for the embedding model's load (seconds the first
            // time in a JVM) and its knowledge index: build the first personas' composer bundles now, in the background
            catalog.published().compose(list -> composers.warm(list, WARM_COMPOSERS))
                .onFailure(err -> LOG.warn("composer warm-up failed: {}", err.getMessage()));
            return ps;
          })
          .recover(err -> db.close().transform(x -> Future.<PersonaServer>failedFuture(err)));
    });
  }

  /**
   * Where model calls may go: public addresses, plus the endpoints the operator configured (the default
   * {@code llm.baseUrl} and every {@code llm.endpoints.NAME.baseUrl}, whatever they resolve to), plus
   * private networks when {@code llm.allowPrivateNetworks} is set.
   */
  private static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";

  static OutboundAddressPolicy outboundPolicy(AppConfig.Llm llm) {
    OutboundAddressPolicy.Builder b = OutboundAddressPolicy.builder().allowPrivateNetworks(llm.allowPrivateNetworks());
    if (!llm.baseUrl().isBlank()) {
      b.allowEndpoint(llm.baseUrl());
    } else if (llm.provider().equals("ollama")) {
      b.allowEndpoint(OLLAMA_DEFAULT_URL);
    }
    llm.endpoints().values().forEach(e -> {
      if (e.baseUrl() != null) {
        b.allowEndpoint(e.baseUrl());
      } else if (e.provider().equals("ollama")) {
        b.allowEndpoint(OLLAMA_DEFAULT_URL);
      }
    });
    return b.build();
  }

  private static Router router(Vertx vertx, AppConfig config, PrometheusMeterRegistry registry, AuthService auth,
      PersonaCatalog catalog, BrandRepository brands, UserRepository users, AuditLog audit, Database db,
      LiveSocket live, ModerationStore moderation, PostRoutes postRoutes, PublishRoutes publishRoutes,
      PreviewChat preview, PostPages postPages, InsightsService insights,
      com.personaruntime.runtime.auth.Invitations invitations, java.util.function.Supplier<String> baseUrl) {
    Router router = Router.router(vertx);
    // who the client is, for per-address limits and the log: the peer, or what a trusted proxy forwards
    router.route().handler(com.personaruntime.web.http.ClientAddress.trusting(config.http().trustedProxies()).handler());
    router.route().handler(new RequestLog());
    router.route().handler(ctx -> {
      ctx.response()
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer")
          .putHeader("Content-Security-Policy",
              "default-src 'self'; connect-src 'self' ws: wss:; object-src 'none'; frame-ancestors 'none'");
      ctx.next();
    });
    live.mount(router);
    router.get("/").handler(ctx -> ctx.response().putHeader("content-type", "text/html; charset=utf-8")
        .sendFile("webroot/index.html"));
    router.route("/static/*").handler(StaticHandler.create("webroot").setDefaultContentEncoding("UTF-8"));
    router.get("/health").handler(ctx -> ctx.response()
        .putHeader("content-type", "application/json; charset=utf-8")
        .end(new JsonObject().put("status", "UP").put("storage", db.vendor()).encode()));
    // Metrics name internal paths, personas and brands: platform admins only (a bearer API token works
    // for a Prometheus scrape: authorization.credentials in its scrape config).
    router.get("/metrics").handler(new Auth(auth)).handler(ctx -> {
      if (!Auth.principal(ctx).platformAdmin()) {
        ctx.fail(com.personaruntime.web.http.ApiException.forbidden("only platform admins may read /metrics"));
        return;
      }
      ctx.next();
      // A scrape walks every meter (per-persona token usage grows with the catalogue) and, for the JVM
      // thread gauges, every thread: milliseconds of work that would stall chat frames on an event loop.
    }).blockingHandler(PrometheusScrapingHandler.create(registry), false);

    AuthRoutes authRoutes = new AuthRoutes(auth, brands, config.http().secureCookies(),
        config.auth().sessionTtlMinutes() * 60L);
    // Bodies are read only for login before authentication; everything else only once the
    // caller is known, so anonymous clients cannot make the server buffer large bodies.
    router.post("/api/v1/auth/login").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
    authRoutes.mountPublic(router);
    new PublicRoutes(catalog).mount(router);
    publishRoutes.mountPublic(router);
    // public: the invitee may have no account yet (credentials optional; the token in the path is the secret)
    new com.personaruntime.web.api.InvitationRoutes(auth, invitations).mountPublic(router);
    router.route("/api/*").handler(new Auth(auth));
    // The API reads JSON (or YAML) bodies whatever they are labelled: `curl -d '{...}'` labels them
    // application/x-www-form-urlencoded, and the body handler would decode them as a form and answer a bare
    // 400 for any '%' in the text ("100% natural"). No API route reads form fields; the label is dropped
    // before the body is read. Cross-site forms gain nothing: cookie sessions need the CSRF header (Auth).
    router.route("/api/*").handler(PersonaServer::readFormLabelledBodiesRaw);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes()));
    authRoutes.mountProtected(router);
    new PersonaRoutes(catalog, preview).mount(router);
    new BrandRoutes(vertx, brands, users, audit, invitations, baseUrl, catalog).mount(router);
    new GuardrailRoutes(catalog).mount(router);
    new ModerationRoutes(vertx, moderation, catalog, brands).mount(router);
    postRoutes.mount(router);
    publishRoutes.mount(router);
    new InsightRoutes(insights, catalog, brands).mount(router);
    // No catch-all for /api/*: the router itself answers 404 for an unknown path and 405 for a known path
    // with another method (both through Errors); a catch-all would turn every 405 into a 404.
    // the brand console: one ConsolePage per area (see web/.../console/package-info.java)
    new Console(vertx, auth, new Console.Options(config.http().secureCookies(), config.auth().sessionTtlMinutes() * 60L,
        config.http().maxBodyBytes()), List.of(
            new PersonaPages(catalog, brands, users),
            new BenchPages(catalog, brands, PlatformProfiles.shipped()), // the same shipped profiles posts use
            new TranscriptPages(catalog, brands, new Transcripts(db)),
            new AuditPages(audit, brands, users),
            new MemberPages(brands, users, invitations, auth, new Console.Options(config.http().secureCookies(),
                config.auth().sessionTtlMinutes() * 60L, config.http().maxBodyBytes())),
            new TokenPages(auth),
            new AccountPages(new PasswordChanges(vertx, db, users, audit, Clock.systemUTC()), brands),
            new ModerationPages(),
            postPages,
            new InsightPages(insights, catalog, brands))).mount(router);
    router.route().failureHandler(Errors.failureHandler(router));
    router.errorHandler(404, Errors.failureHandler(router));
    router.errorHandler(405, Errors.failureHandler(router));
    return router;
  }

  /**
   * Runs one moderation sweep now (it also runs every {@code moderation.sweepSeconds}): held replies
   * past their SLA end with the closing line. Completes with the number of items expired.
   */
  public CompletableFuture<Integer> sweepModeration() {
    return moderation.expireDue().map(List::size).toCompletionStage().toCompletableFuture();
  }

  /**
   * The provenance signing keys: {@code provenance.privateJwk} when set; else the key file
   * ({@code provenance.keyFile}, or {@code provenance-keys.json} beside the H2 database file, or in
   * {@code ./data} for PostgreSQL), created at first start; an in-memory H2 database gets a key that
   * lives as long as the process. Blocking file I/O.
   */
  static ProvenanceKeys provenanceKeys(AppConfig config) {
    AppConfig.Publish pc = config.publish();
    if (!pc.privateJwk().isBlank()) {
      return ProvenanceKeys.load(null, pc.privateJwk());
    }
    if (pc.keyFile().isPresent()) {
      return ProvenanceKeys.load(pc.keyFile().get(), null);
    }
    String url = config.storage().url();
    if (url.startsWith("jdbc:h2:mem:")) {
      return ProvenanceKeys.ephemeral();
    }
    Path dataDir = Path.of("data");
    if (url.startsWith("jdbc:h2:")) {
      String rest = url.substring("jdbc:h2:".length());
      rest = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
      int semi = rest.indexOf(';');
      String file = semi >= 0 ? rest.substring(0, semi) : rest;
      if (file.startsWith("~")) {
        file = System.getProperty("user.home") + file.substring(1);
      }
      Path parent = Path.of(file).toAbsolutePath().getParent();
      if (parent != null) {
        dataDir = parent;
      }
    }
    return ProvenanceKeys.load(dataDir.resolve("provenance-keys.json"), null);
  }

  /**
   * Deploys the HTTP face as {@code http.instances} verticles (0: two per core, like Vert.x's event-loop
   * pool) on one host and port; Vert.x binds the socket once and shares it. Port 0 is passed to Vert.x as
   * -1, its "random port shared by every server that asks for -1" (with 0 each instance would get its own).
   */
  private static Future<List<HttpServer>> deployHttp(Vertx vertx, AppConfig config, Function<Vertx, Router> routes) {
    int instances = config.http().instances() > 0 ? config.http().instances()
        : 2 * Runtime.getRuntime().availableProcessors();
    List<HttpServer> servers = new CopyOnWriteArrayList<>();
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.http().host())
        .setPort(config.http().port() == 0 ? -1 : config.http().port())
        .setCompressionSupported(true)
        .setMaxWebSocketFrameSize(64 * 1024)
        .setIdleTimeout(300)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    return vertx.deployVerticle(() -> new HttpVerticle(options, routes, servers::add),
            new DeploymentOptions().setInstances(instances))
        .map(id -> List.copyOf(servers));
  }

  /** The router of the first HTTP verticle (each verticle has an identical one). */
  Router router() {
    return (Router) http.requestHandler();
  }

  /** What the start-up import of persona files did (imported, unchanged, kept, skipped, one line per file). */
  public PersonaCatalog.ImportReport importReport() {
    return importReport;
  }

  /** Number of HTTP verticles serving. */
  public int httpInstances() {
    return servers.size();
  }

  /** The port the server listens on. */
  public int port() {
    return http.actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The server's database (tests wait for its group commit with it). */
  Database database() {
    return database;
  }

  /**
   * Stops gracefully; safe to call more than once. In-flight requests get the grace period, then
   * the pool is closed, then Vert.x. A JDK future: its completion does not need Vert.x's threads.
   */
  public CompletableFuture<Void> stop() {
    if (!stopping.compareAndSet(false, true)) {
      return stopped;
    }
    LOG.info("shutting down: no new connections, up to {} s for in-flight requests",
        config.http().shutdownGraceSeconds());
    publisher.close();
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    Future.join(servers.stream().map(s -> s.shutdown(config.http().shutdownGraceSeconds(), TimeUnit.SECONDS))
            .toList())
        // transcript turns and moderation items still being written finish before the pool closes
        .transform(x -> liveStore.drain(Duration.ofSeconds(config.http().shutdownGraceSeconds() + 5L)))
        // and the other background writes already queued for a group commit (turn signals)
        .transform(x -> database.groupCommit().drain()
            .timeout(config.http().shutdownGraceSeconds() + 5L, TimeUnit.SECONDS))
        .transform(x -> database.close())
        .onComplete(x -> {
          if (x.failed()) {
            LOG.warn("closing the database failed: {}", x.cause().getMessage());
          }
          // Close Vert.x from a plain thread: listeners bound to an event loop cannot run once it is gone.
          Thread closer = new Thread(() -> {
            try {
              vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
              LOG.debug("vert.x close: {}", e.toString());
            }
            LOG.info("stopped after {} s up", (System.nanoTime() - startedNanos) / 1_000_000_000L);
            stopped.complete(null);
          }, "vertx-closer");
          closer.start();
        });
    return stopped;
  }

  /**
   * Drops an {@code application/x-www-form-urlencoded} Content-Type from an API request so that its body is
   * read as the raw bytes the route parses (JSON or YAML) instead of being decoded as a form, which fails on
   * a '%' not followed by two hex digits. Other types pass unchanged.
   */
  static void readFormLabelledBodiesRaw(io.vertx.ext.web.RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)) {
      ctx.request().headers().remove("Content-Type");
    }
    ctx.next();
  }
}
