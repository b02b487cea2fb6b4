package com.personaruntime.composer;

import java.util.List;

/** Two personas used across the tests: Linh of Lumière (vi, en) and Milo of Brewhaus (en). */
final class TestPersonas {

    static final ComposerPersona LINH = new ComposerPersona(
            "linh", "Linh", "Lumière", List.of("vi", "en"),
            "Chào bạn! Mình là Linh, trợ lý AI của Lumière 🌿",
            List.of("Da khỏe từ bên trong!"),
            List.of(
                    new Knowledge("spf50", "Kem chống nắng SPF50",
                            "SPF50 PA++++, 50 ml, 390.000đ, dùng hằng ngày, thoa lại sau 2 giờ.",
                            List.of("product", "sunscreen")),
                    new Knowledge("cleanser", "Sữa rửa mặt dịu nhẹ",
                            "Sữa rửa mặt pH 5.5 không xà phòng, 150 ml, 250.000đ, hợp mọi loại da kể cả da nhạy cảm.",
                            List.of("product", "cleanser")),
                    new Knowledge("serum", "Serum Vitamin C 15%",
                            "Serum vitamin C 15% làm sáng da và mờ thâm, 30 ml, 450.000đ. Dùng buổi sáng trước kem chống nắng.",
                            List.of("product", "serum")),
                    new Knowledge("shipping", "Chính sách giao hàng",
                            "Giao hàng toàn quốc 2–4 ngày, miễn phí đơn từ 500.000đ.",
                            List.of("shipping")),
                    new Knowledge("returns", "Đổi trả",
                            "Đổi trả trong 7 ngày nếu sản phẩm còn nguyên seal, hoàn tiền trong 3 ngày làm việc.",
                            List.of("returns")),
                    new Knowledge("hours", "Giờ mở cửa cửa hàng",
                            "Cửa hàng 12 Lý Tự Trọng, Quận 1 mở cửa 9:00–21:00 mỗi ngày.",
                            List.of("store", "hours")),
                    new Knowledge("ordering", "Cách đặt hàng",
                            "Đặt hàng trên lumiere.example hoặc nhắn tin fanpage Lumière, thanh toán COD hoặc chuyển khoản.",
                            List.of("order"))),
            "https://lumiere.example/lien-he", "cskh@lumiere.example");

    static final ComposerPersona MILO = new ComposerPersona(
            "milo", "Milo", "Brewhaus", List.of("en"),
            "Hey there! I'm Milo, Brewhaus's AI barista assistant ☕",
            List.of("Stay grounded!"),
            List.of(
                    new Knowledge("house-blend", "House Blend beans",
                            "Medium roast with chocolate and caramel notes. 250 g bag $14, 1 kg bag $48.",
                            List.of("product", "beans", "coffee")),
                    new Knowledge("ethiopia", "Ethiopia Yirgacheffe beans",
                            "Single-origin light roast with floral and citrus notes. 250 g bag $18.",
                            List.of("product", "beans", "coffee")),
                    new Knowledge("decaf", "Swiss Water Decaf beans",
                            "Chemical-free decaf, medium-dark roast. 250 g bag $16.",
                            List.of("product", "beans", "decaf")),
                    new Knowledge("subscription", "Coffee subscription",
                            "Fresh beans every 2 or 4 weeks, 10% off every bag, pause or cancel anytime from your account.",
                            List.of("subscription")),
                    new Knowledge("shipping", "Shipping",
                            "We ship within the US in 3–5 business days. Shipping is free on orders over $40, otherwise $5.",
                            List.of("shipping")),
                    new Knowledge("returns", "Returns",
                            "Unopened bags can be returned within 30 days for a full refund.",
                            List.of("returns")),
                    new Knowledge("cafe-hours", "Café hours",
                            "Our café at 8 Harbor Street is open 7am–6pm Monday to Saturday and 8am–4pm on Sunday.",
                            List.of("store", "hours"))),
            "https://brewhaus.example/help", null);

    private static volatile KnowledgeIndex linhIndex;
    private static volatile KnowledgeIndex miloIndex;

    /** Linh's index with the real embedding model, built once per test JVM. */
    static synchronized KnowledgeIndex linhIndex() {
        if (linhIndex == null) {
            linhIndex = KnowledgeIndex.build(LINH.knowledge());
        }
        return linhIndex;
    }

    /** Milo's index with the real embedding model, built once per test JVM. */
    static synchronized KnowledgeIndex miloIndex() {
        if (miloIndex == null) {
            miloIndex = KnowledgeIndex.build(MILO.knowledge());
        }
        return miloIndex;
    }

    static ComposerChatModel linh() {
        return new ComposerChatModel(LINH, linhIndex(), Runnable::run);
    }

    static ComposerChatModel milo() {
        return new ComposerChatModel(MILO, miloIndex(), Runnable::run);
    }

    private TestPersonas() {
    }
}
