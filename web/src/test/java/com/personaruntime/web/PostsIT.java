package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.personaruntime.gateway.testing.OpenAiStubServer;
import com.personaruntime.gateway.testing.OpenAiStubServer.Reply;
import com.personaruntime.runtime.posts.Counting;
import com.personaruntime.runtime.provenance.ProvenanceService;
import com.personaruntime.web.TestServer.Res;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Posts end to end, the way a brand uses them: a scripted OpenAI-compatible model drafts a
 * sponsored post for two platforms; labels, limits, review rules, scheduling, signed delivery to a
 * real webhook receiver on loopback, status {@code published}, and a provenance JWS that verifies
 * against the published keys and hashes the delivered text.
 */
class PostsIT {
  private static OpenAiStubServer stub;
  private static TestServer s;
  private static WebhookReceiver receiver;
  private static String admin;
  private static String editor;
  private static String moderator;
  private static String channelSecret;

  @BeforeAll
  static void start() throws Exception {
    stub = OpenAiStubServer.start();
    receiver = new WebhookReceiver();
    s = TestServer.start("posts", Map.of(
        "LLM_PROVIDER", "openai",
        "LLM_BASEURL", stub.baseUrl(),
        "LLM_MODEL", "scripted-model",
        "LLM_MAXRETRIES", "0",
        "PUBLISH_ALLOWPRIVATENETWORKS", "true",
        "PUBLISH_POLLINTERVALMS", "100"));
    admin = s.loginAdmin();
    s.addMember(admin, "lumiere", "writer@lumiere.test", "editor");
    s.addMember(admin, "lumiere", "reviewer@lumiere.test", "moderator");
    editor = s.login("writer@lumiere.test", TestServer.PASSWORD);
    moderator = s.login("reviewer@lumiere.test", TestServer.PASSWORD);
    JsonObject channel = s.post("/api/v1/brands/lumiere/channels", editor, new JsonObject()
        .put("platform", "*").put("url", receiver.url())).expect(201).json();
    channelSecret = channel.getString("secret");
    assertThat(channelSecret).startsWith("whsec_");
    receiver.secret(channelSecret);
    assertThat(s.get("/api/v1/brands/lumiere/channels", editor).expect(200).body()).doesNotContain(channelSecret);
  }

  @AfterAll
  static void stop() throws Exception {
    if (s != null) {
      s.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  @BeforeEach
  void resetStub() {
    stub.reset();
  }

  private static JsonObject draft(String persona, List<String> platforms, boolean sponsored, String language) {
    JsonObject body = new JsonObject().put("persona", persona).put("brief", "Giới thiệu kem chống nắng SPF50 cho mùa hè")
        .put("platforms", new JsonArray(platforms)).put("sponsored", sponsored);
    if (language != null) {
      body.put("language", language);
    }
    return s.post("/api/v1/posts", editor, body).expect(201).json();
  }

  private static JsonObject variant(JsonObject post, String platform) {
    for (Object o : post.getJsonArray("variants")) {
      JsonObject v = (JsonObject) o;
      if (v.getString("platform").equals(platform)) {
        return v;
      }
    }
    throw new AssertionError("no " + platform + " variant in " + post.encodePrettily());
  }

  private static final String LONG_VI = "Kem chống nắng SPF50 PA++++ của Lumière giúp bảo vệ làn da của bạn mỗi ngày dưới "
      + "nắng hè gay gắt. Kết cấu mỏng nhẹ, thấm nhanh, không để lại vệt trắng, phù hợp cả da dầu và da nhạy cảm. "
      + "Nhớ thoa lại sau hai giờ khi ở ngoài trời nhé, và đừng quên che chắn thật kỹ. #kemchongnang #lumiere #skincare";

  @Test
  void sponsoredDraftForTwoPlatformsThroughTheModelHasTheLabelFirstAndFitsEachLimit() {
    stub.enqueue(Reply.tokens("Mùa hè rực rỡ, ", "da vẫn khỏe với kem chống nắng SPF50 của Lumière ☀️ ",
        "#kemchongnang #lumiere"), Reply.tokens(LONG_VI));
    JsonObject post = draft("linh", List.of("instagram", "x"), true, "vi");
    assertThat(stub.requestCount()).isEqualTo(2);
    assertThat(stub.requests().get(0).messages("system").get(0)).contains("Instagram").contains("Vietnamese");
    assertThat(stub.requests().get(1).messages("system").get(0)).contains("X post");
    assertThat(post.getString("status")).isEqualTo("in_review"); // linh: review.posts always
    for (String platform : List.of("instagram", "x")) {
      JsonObject v = variant(post, platform);
      String text = v.getString("text");
      assertThat(text).as(platform).startsWith("#quảngcáo ");
      assertThat(text).as(platform).contains("Nội dung do AI tạo ra");
      assertThat(v.getInteger("length")).as(platform).isLessThanOrEqualTo(v.getInteger("limit"));
      assertThat(v.getJsonObject("generator").getString("model")).isEqualTo("scripted-model");
      assertThat(v.getBoolean("blocking")).isFalse();
    }
    JsonObject x = variant(post, "x");
    assertThat(x.getInteger("limit")).isEqualTo(280);
    // X's own counting (twitter-text): Vietnamese letters weigh 2, so the long draft was shortened at a word
    assertThat(x.getInteger("length")).isEqualTo(Counting.X_WEIGHTED.length(x.getString("text")));
    assertThat(x.getJsonArray("findings").encode()).contains("platform.shortened");
    // cut at a sentence end (or a word, with an ellipsis), never inside the labels
    String body = x.getString("text").substring("#quảngcáo ".length(), x.getString("text").indexOf("\nNội dung do AI"));
    assertThat(LONG_VI).startsWith(body.endsWith("…") ? body.substring(0, body.length() - 1) : body);
    assertThat(body).matches("(?s).*[.!?…]$");
    assertThat(x.getString("text")).doesNotContain("#kemchongnang");
    assertThat(variant(post, "instagram").getJsonObject("platformFlags").getBoolean("paid_partnership_label")).isTrue();
    assertThat(x.getJsonObject("platformFlags").getBoolean("paid_partnership")).isTrue();
  }

  @Test
  void withoutTheModelTheOfflineComposerDraftsFromApprovedKnowledge() {
    stub.otherwise(Reply.error(503));
    JsonObject post = draft("linh", List.of("threads"), false, null);
    JsonObject v = variant(post, "threads");
    assertThat(v.getJsonObject("generator").getString("provider")).isEqualTo("composer");
    assertThat(v.getJsonObject("generator").getString("fallbackReason")).contains("model unavailable");
    assertThat(v.getString("text")).contains("SPF50").doesNotStartWith("#quảngcáo").endsWith("Nội dung do AI tạo ra");
    assertThat(v.getInteger("length")).isLessThanOrEqualTo(500);
  }

  @Test
  void aDraftWithAForbiddenClaimCannotBeApproved() {
    stub.enqueue(Reply.tokens("Kem này chữa khỏi mụn ", "chỉ sau 3 ngày!"));
    JsonObject post = draft("linh", List.of("facebook"), false, "vi");
    JsonObject v = variant(post, "facebook");
    assertThat(v.getBoolean("blocking")).isTrue();
    assertThat(v.getString("verdict")).isEqualTo("block");
    assertThat(v.getString("status")).isEqualTo("draft");
    Res r = s.post("/api/v1/posts/" + post.getString("id") + "/approve", moderator, new JsonObject());
    r.expectError(409, "conflict");
    assertThat(r.message()).contains("blocking finding");
    s.post("/api/v1/posts/" + post.getString("id") + "/variants/facebook/approve", moderator, new JsonObject())
        .expectError(409, "conflict");
    assertThat(variant(s.get("/api/v1/posts/" + post.getString("id"), editor).expect(200).json(), "facebook")
        .getString("status")).isEqualTo("draft");
  }

  @Test
  void theAuthorCannotApproveTheirOwnPostAndAnEditVoidsApprovals() {
    stub.enqueue(Reply.tokens("Kem chống nắng SPF50 cho ngày hè năng động."));
    JsonObject post = draft("linh", List.of("linkedin"), false, "vi");
    String id = post.getString("id");
    Res own = s.post("/api/v1/posts/" + id + "/approve", editor, new JsonObject());
    own.expectError(403, "forbidden");
    assertThat(own.message()).contains("author");
    JsonObject approved = s.post("/api/v1/posts/" + id + "/approve", moderator,
        new JsonObject().put("comment", "Đẹp, duyệt!")).expect(200).json();
    JsonObject v = variant(approved, "linkedin");
    assertThat(v.getString("status")).isEqualTo("approved");
    assertThat(v.getJsonArray("approvals").getJsonObject(0).getString("textSha256")).isEqualTo(v.getString("textSha256"));
    assertThat(approved.getJsonArray("comments").getJsonObject(0).getString("body")).isEqualTo("Đẹp, duyệt!");
    // the same reviewer approving the same text again is refused, whichever way it is asked; one approval stays
    Res again = s.post("/api/v1/posts/" + id + "/approve", moderator,
        new JsonObject().put("platforms", new io.vertx.core.json.JsonArray().add("linkedin")));
    again.expectError(409, "conflict");
    assertThat(again.message()).contains("already approved");
    s.post("/api/v1/posts/" + id + "/variants/linkedin/approve", moderator, new JsonObject())
        .expectError(409, "conflict");
    assertThat(variant(s.get("/api/v1/posts/" + id, editor).expect(200).json(), "linkedin")
        .getJsonArray("approvals")).hasSize(1);

    JsonObject edited = s.put("/api/v1/posts/" + id + "/variants/linkedin", editor,
        new JsonObject().put("text", "Kem chống nắng SPF50 (50 ml) cho mọi ngày hè.")).expect(200).json();
    JsonObject ev = variant(edited, "linkedin");
    assertThat(ev.getString("status")).isEqualTo("in_review");
    assertThat(ev.getJsonArray("approvals").getJsonObject(0).getBoolean("current")).isFalse();
    assertThat(ev.getString("text")).endsWith("Nội dung do AI tạo ra");
    Res sched = s.post("/api/v1/posts/" + id + "/schedule", editor, new JsonObject()
        .put("at", Instant.now().plusSeconds(3600).toString()));
    sched.expectError(409, "conflict");
    // a wrong time and a wrong zone: both named at once, not the zone only
    java.util.List<String> problems = s.post("/api/v1/posts/" + id + "/schedule", editor, new JsonObject()
        .put("at", "tomorrow").put("zone", "Mars/Base")).expectError(400, "invalid").json()
        .getJsonObject("error").getJsonArray("problems").stream().map(String::valueOf).toList();
    assertThat(problems).hasSize(2);
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("zone: ").contains("Mars/Base"))
        .anySatisfy(p -> assertThat(p).startsWith("at: ").contains("tomorrow"));
  }

  @Test
  void aScheduledPostReachesTheReceiverSignedAndItsProvenanceVerifies() throws Exception {
    stub.enqueue(Reply.tokens("Kem chống nắng SPF50 PA++++ ", "cho làn da khỏe mỗi ngày ☀️"),
        Reply.tokens("SPF50 cho mùa hè, nhẹ tênh."));
    JsonObject post = draft("linh", List.of("instagram", "x"), true, "vi");
    String id = post.getString("id");
    s.post("/api/v1/posts/" + id + "/approve", moderator, new JsonObject()).expect(200);
    int before = receiver.unique().size();
    Instant at = Instant.now().plusMillis(500);
    JsonObject scheduled = s.post("/api/v1/posts/" + id + "/schedule", editor, new JsonObject()
        .put("at", at.toString()).put("zone", "Asia/Ho_Chi_Minh")).expect(200).json();
    assertThat(scheduled.getString("status")).isEqualTo("scheduled");
    assertThat(scheduled.getString("zone")).isEqualTo("Asia/Ho_Chi_Minh");
    assertThat(scheduled.getString("scheduledLocal")).endsWith("+07:00");

    assertThat(receiver.awaitUnique(before + 2, Duration.ofSeconds(20))).as("two deliveries").isTrue();
    JsonObject published = awaitStatus(id, "published");
    for (Object o : published.getJsonArray("variants")) {
      JsonObject v = (JsonObject) o;
      String webhookId = v.getJsonArray("deliveries").getJsonObject(0).getString("webhookId");
      WebhookReceiver.Received got = receiver.unique().get(webhookId);
      assertThat(got).as("delivery %s", webhookId).isNotNull();
      assertThat(got.signatureValid()).as(got.verifyError()).isTrue();
      JsonObject body = got.json();
      assertThat(body.getString("type")).isEqualTo("post.published");
      JsonObject data = body.getJsonObject("data");
      assertThat(data.getString("variantId")).isEqualTo(v.getString("id"));
      assertThat(data.getString("text")).isEqualTo(v.getString("text")).startsWith("#quảngcáo");
      assertThat(data.getJsonObject("disclosures").getBoolean("sponsored")).isTrue();
      String provenanceUrl = data.getString("provenanceUrl");
      assertThat(provenanceUrl).endsWith("/api/v1/provenance/" + v.getString("id"));
      verifyProvenance(provenanceUrl, data.getString("text"));
    }
    // delivered once each: the variant ids and webhook ids match one to one
    assertThat(receiver.all().stream().filter(r -> r.body().contains(id)).map(WebhookReceiver.Received::webhookId)
        .distinct().count()).isEqualTo(2);
  }

  @Test
  void aChannelToAPrivateAddressIsRefusedUnlessAllowed() throws Exception {
    try (TestServer strict = TestServer.start("posts-strict")) {
      String token = strict.loginAdmin();
      Res r = strict.post("/api/v1/brands/lumiere/channels", token, new JsonObject().put("platform", "x")
          .put("url", "http://127.0.0.1:9/hook"));
      r.expectError(400, "invalid");
      // why, in a brand user's words; the operator's configuration key is not theirs to change, so not named
      assertThat(r.message()).startsWith("url:").contains("loopback address").contains("operator allows private networks")
          .doesNotContain("publish.allowPrivateNetworks");
      strict.post("/api/v1/brands/lumiere/channels", token, new JsonObject().put("platform", "myspace")
          .put("url", "https://example.com/hook")).expectError(400, "invalid");
    }
  }

  static void verifyProvenance(String url, String deliveredText) throws Exception {
    URI uri = URI.create(url);
    HttpResponse<String> res = s.client().send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    JsonObject prov = new JsonObject(res.body());
    HttpResponse<String> keys = s.client().send(HttpRequest.newBuilder(uri.resolve("/api/v1/provenance/keys")).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JWKSet jwks = JWKSet.parse(keys.body());
    JWSObject jws = JWSObject.parse(prov.getString("jws"));
    ECKey key = (ECKey) jwks.getKeyByKeyId(jws.getHeader().getKeyID());
    assertThat(key).as("kid %s in the JWKS", jws.getHeader().getKeyID()).isNotNull();
    assertThat(key.isPrivate()).isFalse();
    assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
    JsonObject record = prov.getJsonObject("record");
    assertThat(jws.getPayload().toString())
        .isEqualTo(new JsonCanonicalizer(record.encode()).getEncodedString());
    assertThat(record.getString("contentSha256")).isEqualTo(ProvenanceService.contentSha256(deliveredText));
    assertThat(record.getString("digitalSourceType")).endsWith("trainedAlgorithmicMedia");
    assertThat(record.getJsonArray("approvals")).isNotEmpty();
    assertThat(record.getJsonObject("aigc").getString("Label")).isEqualTo("1");
  }

  static JsonObject awaitStatus(String postId, String status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      last = s.get("/api/v1/posts/" + postId, editor).expect(200).json();
      if (status.equals(last.getString("status"))) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("post " + postId + " never became " + status + ": " + last.encodePrettily());
  }
}
