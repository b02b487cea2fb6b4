package com.personaruntime.composer;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ComposerChatModelTest {

    private static final ComposerChatModel LINH = TestPersonas.linh();
    private static final ComposerChatModel MILO = TestPersonas.milo();

    /** No knowledge title, sentence or price may appear in a reply that should state no fact. */
    private static void assertNoFact(Composition c, ComposerPersona persona) {
        assertThat(c.knowledgeIds()).isEmpty();
        assertThat(Facts.hasPrice(c.text())).as("price in: %s", c.text()).isFalse();
        for (Knowledge k : persona.knowledge()) {
            assertThat(c.text()).doesNotContain(k.title());
            for (String sentence : Facts.sentences(k.text())) {
                assertThat(c.text()).doesNotContain(Facts.trimEnd(sentence));
            }
        }
    }

    @Nested
    class Greetings {
        @ParameterizedTest
        @ValueSource(strings = {"Xin chào", "chao shop", "Chào Linh ơi"})
        void vietnameseGreetingUsesThePersonaGreeting(String q) {
            Composition c = LINH.compose(q);
            assertThat(c.intent()).isEqualTo(Intent.GREETING);
            assertThat(c.language()).isEqualTo("vi");
            assertThat(c.text()).startsWith(TestPersonas.LINH.greeting());
            assertNoFact(c, TestPersonas.LINH);
        }

        @Test
        void englishGreetingToAVietnameseFirstPersonaIsInEnglish() {
            Composition c = LINH.compose("Hello!");
            assertThat(c.language()).isEqualTo("en");
            assertThat(c.text()).contains("Linh", "Lumière", "AI").doesNotContain("Chào");
        }

        @Test
        void englishPersonaGreets() {
            Composition c = MILO.compose("hi");
            assertThat(c.intent()).isEqualTo(Intent.GREETING);
            assertThat(c.text()).startsWith(TestPersonas.MILO.greeting());
        }

        @Test
        void whoAreYouIsAnsweredWithTheIntroduction() {
            assertThat(LINH.compose("bạn là ai?").text()).contains("trợ lý AI");
        }
    }

    @Nested
    class Prices {
        @ParameterizedTest
        @ValueSource(strings = {"Kem chống nắng giá bao nhiêu?", "kem chong nang gia bao nhieu",
                "kem chống nắng bn tiền vậy shop", "Chào shop, kem chong nang gia nhiu z"})
        void vietnamesePriceWithAndWithoutDiacritics(String q) {
            Composition c = LINH.compose(q);
            assertThat(c.intent()).isEqualTo(Intent.PRICE);
            assertThat(c.language()).isEqualTo("vi");
            assertThat(c.text()).contains("390.000đ").contains("Kem chống nắng SPF50");
            assertThat(c.knowledgeIds()).containsExactly("spf50");
        }

        @Test
        void teencodeWithoutAProductListsThePrices() {
            Composition c = LINH.compose("sp nay bn tien vay shop");
            assertThat(c.intent()).isEqualTo(Intent.PRICE);
            assertThat(c.language()).isEqualTo("vi");
            assertThat(c.text()).contains("390.000đ", "250.000đ", "450.000đ");
            assertThat(c.knowledgeIds()).containsExactly("spf50", "cleanser", "serum");
        }

        @Test
        void priceOfAnotherProduct() {
            Composition c = LINH.compose("cho mình hỏi giá sữa rửa mặt");
            assertThat(c.text()).contains("250.000đ").doesNotContain("390.000đ");
        }

        @Test
        void englishPrice() {
            Composition c = MILO.compose("How much is the House Blend?");
            assertThat(c.intent()).isEqualTo(Intent.PRICE);
            assertThat(c.language()).isEqualTo("en");
            assertThat(c.text()).contains("$14", "$48");
            assertThat(c.knowledgeIds()).containsExactly("house-blend");
        }

        @Test
        void englishQuestionToVietnameseKnowledgeQuotesTheFactVerbatim() {
            Composition c = LINH.compose("How much is the sunscreen?");
            assertThat(c.language()).isEqualTo("en");
            assertThat(c.text()).contains("390.000đ");
        }

        @Test
        void priceOfSomethingUnknownIsNotGuessed() {
            Composition c = LINH.compose("giá iphone 15 bao nhiêu");
            assertNoFact(c, TestPersonas.LINH);
            assertThat(c.text()).contains("lumiere.example/lien-he");
        }
    }

    @Nested
    class Shipping {
        @ParameterizedTest
        @ValueSource(strings = {"ship mất mấy ngày", "ship mat may ngay", "shop oi phi ship bao nhieu",
                "có freeship không", "giao hàng bao lâu vậy"})
        void vietnameseShipping(String q) {
            Composition c = LINH.compose(q);
            assertThat(c.intent()).isEqualTo(Intent.SHIPPING);
            assertThat(c.language()).isEqualTo("vi");
            assertThat(c.text()).contains("Giao hàng toàn quốc 2–4 ngày, miễn phí đơn từ 500.000đ");
            assertThat(c.knowledgeIds()).containsExactly("shipping");
        }

        @Test
        void englishShipping() {
            Composition c = MILO.compose("How long does shipping take?");
            assertThat(c.intent()).isEqualTo(Intent.SHIPPING);
            assertThat(c.text()).contains("3–5 business days");
        }
    }

    @Nested
    class OtherIntents {
        @Test
        void productQuestion() {
            Composition c = LINH.compose("sữa rửa mặt có dùng cho da nhạy cảm được không");
            assertThat(c.intent()).isEqualTo(Intent.PRODUCT_QUESTION);
            assertThat(c.text()).contains("Sữa rửa mặt dịu nhẹ", "da nhạy cảm");
            assertThat(c.knowledgeIds()).containsExactly("cleanser");
        }

        @Test
        void serviceQuestionsWithoutCloseWordsUseTheTopicEntry() {
            assertThat(MILO.compose("Can I return an opened bag?").knowledgeIds()).containsExactly("returns");
            assertThat(LINH.compose("What time does the store open?").knowledgeIds()).containsExactly("hours");
        }

        @Test
        void purchaseIntentPointsToOrdering() {
            Composition c = LINH.compose("mình muốn đặt hàng");
            assertThat(c.intent()).isEqualTo(Intent.PURCHASE_INTENT);
            assertThat(c.text()).contains("lumiere.example");
            assertThat(c.knowledgeIds()).contains("ordering");
        }

        @Test
        void purchaseOfSomethingUnknownIsNotGuessed() {
            Composition c = MILO.compose("I want to buy a sunscreen");
            assertThat(c.intent()).isEqualTo(Intent.UNKNOWN_PRODUCT);
            assertThat(c.text()).contains("sunscreen", "brewhaus.example");
            assertNoFact(c, TestPersonas.MILO);
        }

        @Test
        void complaintApologisesAndPointsToContact() {
            Composition c = LINH.compose("hàng bị vỡ rồi shop ơi");
            assertThat(c.intent()).isEqualTo(Intent.COMPLAINT);
            assertThat(c.text()).contains("xin lỗi", "https://lumiere.example/lien-he", "cskh@lumiere.example");
            // the only fact a complaint may quote is the return policy
            assertThat(c.knowledgeIds()).containsOnly("returns");
            assertThat(Facts.hasPrice(c.text())).isFalse();
        }

        @Test
        void thanks() {
            Composition c = MILO.compose("Thanks Milo!");
            assertThat(c.intent()).isEqualTo(Intent.THANKS);
            assertNoFact(c, TestPersonas.MILO);
        }

        @Test
        void catalog() {
            Composition c = LINH.compose("shop bán những gì vậy");
            assertThat(c.text()).contains("Kem chống nắng SPF50", "Sữa rửa mặt dịu nhẹ", "Serum Vitamin C 15%");
        }
    }

    @Nested
    class Honesty {
        @ParameterizedTest
        @ValueSource(strings = {"who will win the election?", "thời tiết hôm nay thế nào", "tell me a joke",
                "What's the capital of France?"})
        void offTopicSaysItDoesNotKnowAndStatesNoFact(String q) {
            for (ComposerChatModel model : List.of(LINH, MILO)) {
                Composition c = model.compose(q);
                assertThat(c.intent()).isIn(Intent.OFF_TOPIC, Intent.SENSITIVE);
                assertNoFact(c, model.persona());
                if (c.intent() == Intent.OFF_TOPIC) {
                    assertThat(c.text()).contains(model.persona().contactUrl());
                }
            }
        }

        @Test
        void offTopicInTheQuestionsLanguage() {
            assertThat(LINH.compose("thời tiết hôm nay thế nào").text()).contains("không");
            assertThat(LINH.compose("who will win the election?").language()).isEqualTo("en");
            // Milo lists only English, but a Vietnamese asker is answered in Vietnamese (the composer writes both)
            assertThat(MILO.compose("thời tiết hôm nay thế nào").language()).as("the asker's language").isEqualTo("vi");
        }

        @Test
        void unknownProductQuestionIsNotAnsweredFromAnotherEntry() {
            Composition c = MILO.compose("Do you have cold brew?");
            assertNoFact(c, TestPersonas.MILO);
            assertThat(c.text()).contains("brewhaus.example/help");
        }

        @Test
        void personaWithoutKnowledgeOrContactStillAnswersHonestly() {
            ComposerPersona bare = new ComposerPersona("bare", "Bea", "Acme", List.of("en"), null, List.of(),
                    List.of(), null, null);
            ComposerChatModel model = new ComposerChatModel(bare, KnowledgeIndex.build(bare.knowledge()), Runnable::run);
            Composition c = model.compose("How much is it?");
            assertThat(c.knowledgeIds()).isEmpty();
            assertThat(c.text()).contains("Acme team");
            assertThat(model.compose("hello").text()).contains("Bea", "Acme");
        }

        @Test
        void repliesAreDeterministicAndShort() {
            for (String q : List.of("kem chong nang gia bao nhieu", "ship mất mấy ngày", "Xin chào", "cảm ơn shop")) {
                Composition a = LINH.compose(q);
                assertThat(LINH.compose(q)).isEqualTo(a);
                assertThat(a.text().length()).isLessThan(320);
            }
        }
    }

    @Nested
    class Streaming {
        private static ExecutorService executor;

        @BeforeAll
        static void start() {
            executor = Executors.newSingleThreadExecutor();
        }

        @AfterAll
        static void stop() throws InterruptedException {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }

        /** Records every callback. */
        static final class Recorder implements StreamingChatResponseHandler {
            final List<String> partials = new CopyOnWriteArrayList<>();
            final List<String> threads = new CopyOnWriteArrayList<>();
            final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

            @Override
            public void onPartialResponse(String partial) {
                partials.add(partial);
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        }

        private ComposerChatModel model() {
            return new ComposerChatModel(TestPersonas.LINH, TestPersonas.linhIndex(), executor);
        }

        @Test
        void streamsSeveralChunksOfTheLastUserMessagesReply() throws Exception {
            ChatRequest request = ChatRequest.builder().messages(
                    SystemMessage.from("You are Linh."),
                    UserMessage.from("Xin chào"),
                    AiMessage.from("Chào bạn!"),
                    UserMessage.from("kem chong nang gia bao nhieu")).build();
            Recorder recorder = new Recorder();
            model().chat(request, recorder);
            ChatResponse response = recorder.done.get(30, TimeUnit.SECONDS);

            assertThat(recorder.partials).hasSizeGreaterThanOrEqualTo(3);
            assertThat(String.join("", recorder.partials)).isEqualTo(response.aiMessage().text());
            assertThat(response.aiMessage().text()).contains("390.000đ");
            assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(response.modelName()).isEqualTo(ComposerChatModel.MODEL_NAME);
            assertThat(recorder.threads).doesNotContain(Thread.currentThread().getName());
            assertThat(recorder.partials).allSatisfy(p -> assertThat(p.strip().split("\\s+")).hasSizeBetween(1, 3));
        }

        @Test
        void chunksConcatenateToTheComposedText() {
            Composition c = LINH.compose("ship mất mấy ngày");
            assertThat(c.chunks()).hasSizeGreaterThan(3);
            assertThat(String.join("", c.chunks())).isEqualTo(c.text());
        }

        @Test
        void cancellingThroughThePartialContextStopsTheStream() throws Exception {
            List<String> partials = new ArrayList<>();
            CompletableFuture<String> outcome = new CompletableFuture<>();
            StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                    partials.add(partial.text());
                    context.streamingHandle().cancel();
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    outcome.complete("complete");
                }

                @Override
                public void onError(Throwable error) {
                    outcome.complete("error");
                }
            };
            ComposerChatModel direct = new ComposerChatModel(TestPersonas.LINH, TestPersonas.linhIndex(), Runnable::run);
            StreamingHandle handle = direct.stream(ChatRequest.builder()
                    .messages(UserMessage.from("ship mất mấy ngày")).build(), handler);
            assertThat(partials).hasSize(1);
            assertThat(handle.isCancelled()).isTrue();
            assertThat(outcome).isNotDone();
        }

        @Test
        void cancellingTheReturnedHandleBeforeItRunsEmitsNothing() {
            List<Runnable> queued = new ArrayList<>();
            ComposerChatModel deferred = new ComposerChatModel(TestPersonas.LINH, TestPersonas.linhIndex(), queued::add);
            Recorder recorder = new Recorder();
            StreamingHandle handle = deferred.stream(ChatRequest.builder()
                    .messages(UserMessage.from("Xin chào")).build(), recorder);
            handle.cancel();
            queued.forEach(Runnable::run);
            assertThat(recorder.partials).isEmpty();
            assertThat(recorder.done).isNotDone();
        }

        @Test
        void aThrowingPartialCallbackStopsTheStreamAndReportsTheError() {
            List<String> partials = new ArrayList<>();
            List<Throwable> errors = new ArrayList<>();
            IllegalStateException boom = new IllegalStateException("client went away");
            StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    partials.add(partial);
                    if (partials.size() == 2) {
                        throw boom;
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    throw new AssertionError("must not complete");
                }

                @Override
                public void onError(Throwable error) {
                    errors.add(error);
                }
            };
            ComposerChatModel direct = new ComposerChatModel(TestPersonas.LINH, TestPersonas.linhIndex(), Runnable::run);
            direct.chat(ChatRequest.builder().messages(UserMessage.from("ship mất mấy ngày")).build(), handler);
            assertThat(partials).hasSize(2);
            assertThat(errors).containsExactly(boom);
        }

        @Test
        void aRequestWithoutUserMessageIsAnError() throws Exception {
            Recorder recorder = new Recorder();
            model().chat(ChatRequest.builder().messages(SystemMessage.from("system only")).build(), recorder);
            assertThat(recorder.done).failsWithin(30, TimeUnit.SECONDS)
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aRejectingExecutorIsAnError() {
            ComposerChatModel rejecting = new ComposerChatModel(TestPersonas.LINH, TestPersonas.linhIndex(), r -> {
                throw new RejectedExecutionException("pool full");
            });
            Recorder recorder = new Recorder();
            rejecting.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(), recorder);
            assertThat(recorder.done).isCompletedExceptionally();
        }
    }
}
