package com.personaruntime.composer;

import java.util.List;
import java.util.regex.Pattern;

/** What a clause asks about a product or the brand; picks the sentences of the knowledge that answer it. */
enum Aspect {
    PRICE(List.of(), null),
    USAGE(Cues.USAGE, Pattern.compile("(?iuU)\\b(dùng|thoa|bôi|massage|apply|use|used|steep|stir|pour|rinse|giặt|wash|"
            + "buổi sáng|buổi tối|morning|evening|daily|hằng ngày|mỗi ngày|mỗi sáng|phút|minutes?|giọt|drops?|lượng|"
            + "ratio|brew|pha|bảo quản|store|ủi|là hơi|iron|dry|phơi|lace|wax|clean|wipe|lau|rửa|vệ sinh|làm sạch)\\b")),
    INGREDIENTS(Cues.INGREDIENTS, Pattern.compile("(?iuU)\\b(thành phần|chứa|không chứa|ingredients?|contains?|free of|"
            + "made|chất liệu|vải|lụa|cotton|linen|polyester|wool|merino|leather|da bò|nylon|gore|membrane|"
            + "paraben|cồn|alcohol|ceramides?|vitamins?|acids?|niacinamide|hương liệu|fragrance|scent(?:ed)?|unscented|mùi|hương thơm)\\b|\\d\\s?%"
            // material nouns, also ending a compound ("Lambswool", "polycotton", "Supima cotton"), never inside
            // another word ("silky", "madeleines", "steelhead"); their adjectives ("woollen", "wooden") count
            + "|(wool|cotton|cashmere|merino|alpaca|mohair|angora|linen|silk|polyester|nylon|spandex|elastane|"
            + "viscose|rayon|acrylic|leather|suede|denim|fleece|bamboo|hemp|satin|velvet|corduroy|tweed|steel|"
            + "ceramic|alumin(?:i)?um|wood|porcelain|stoneware|glass)(?:e?s)?\\b|\\b(wool(?:l)?en|silken|wooden)\\b"
            + "|\\b(len|nỉ|thun|tơ tằm|gỗ|thép|inox|nhôm|gốm|sứ|thủy tinh|nhựa|da thật|da lộn)\\b")),
    /**
     * Whether it keeps water out ("waterproof?", "chống nước không?"): an attribute of its own, not its
     * ingredients; answered by a sentence rating or denying water resistance, else honestly not known.
     */
    WATER_RESISTANCE(Cues.WATER_RESISTANCE, Pattern.compile("(?iuU)(\\b(waterproof|water[- ]?resistant|water[- ]?resistance|"
            + "water[- ]?repellent|splash[- ]?proof|rain[- ]?proof|showerproof|submersible|chống nước|kháng nước|"
            + "chống thấm|không thấm nước|ngấm nước|thấm nước|IPX?\\d{1,2}|\\d+\\s?ATM|hydrostatic|taped seams?|seam[- ]sealed)\\b)")),
    SIZE(Cues.SIZE, Pattern.compile("(?iuU)\\b(size|sizes|cỡ|EU|UK|US|cm|kg|fits?|form|true to|rộng|ôm|chiều cao|cao|nặng|eo|waist|length)\\b")),
    // beige and cream ("be", "kem") only after "màu": alone they are the English "can be returned" and "kem chống nắng"
    COLOR(Cues.COLOR, Pattern.compile("(?iuU)\\b(màu|colou?rs?|đen|trắng|đỏ|vàng|xanh|hồng|nâu|xám|tím|black|white|red|"
            + "navy|blue|green|grey|gray|olive|brown|beige|orange|yellow|pink|sand|khaki)\\b")),
    SUITABILITY(Cues.SUITABILITY, Pattern.compile("(?iuU)\\b(hợp|phù hợp|suitable|suits?|ideal|best|good for|mọi loại da|da dầu|"
            + "da khô|nhạy cảm|sensitive|oily|dry|beginners?|người mới|for|dành cho|kể cả)\\b")),
    /** How long a charge lasts and how long it takes ("pin dùng được bao lâu", "battery life"). */
    BATTERY(Cues.BATTERY, Pattern.compile("(?iuU)\\b(pin|battery|batteries|mAh|sạc|charges?|charging|runtime|"
            + "giờ|hours?|phút|minutes?)\\b")),
    /** Where it is made ("made in", "xuất xứ"): answered only by a sentence naming its origin. */
    ORIGIN(Cues.ORIGIN, Pattern.compile("(?iuU)\\b(made in|sản xuất tại|sản xuất ở|xuất xứ|origin|nhập khẩu|imported|"
            + "designed in|thiết kế tại)\\b")),
    /*
     * Facets: a question about one of these picks the sentence of the entry that speaks of it (the brewing
     * temperature, not the entry's first sentence); they refine USAGE ("pha nước bao nhiêu độ" asks the
     * temperature, not every brewing step).
     */
    /** The water temperature ("bao nhiêu độ", "how hot"): a sentence with degrees or boiling water. */
    BREWING_TEMPERATURE(Cues.TEMPERATURE, Pattern.compile("(?iuU)(\\d\\s?°|°\\s?[CF]\\b|\\b(độ C|degrees?|nước sôi|nước nóng|"
            + "boil|boiling|nhiệt độ|temperature)\\b)")),
    /** Caffeine: a sentence naming it (or its absence). */
    CAFFEINE(Cues.CAFFEINE, Pattern.compile("(?iuU)(caff?ein|cafein|decaf|kích thích)")),
    /** Grams per cup, a ratio, spoons: "5 g trà cho 150 ml", "20 g of coffee", "1:16". */
    BREWING_DOSE(Cues.DOSE, Pattern.compile("(?iuU)(\\b\\d+(?:[.,]\\d+)?\\s?(?:g|gr|gram|grams|gam)\\s+(?:of|trà|tea|cà phê|"
            + "coffee|lá|leaves|bột|cho|per|to|for|mỗi)\\b|\\b(ratio|tỉ lệ|tỷ lệ|muỗng|scoops?|tablespoons?|teaspoons?|"
            + "tbsp|tsp)\\b|\\b1\\s?:\\s?\\d{1,2}\\b)")),
    /** How long it steeps: a duration in minutes or seconds, or the steeping verb. */
    STEEPING_TIME(Cues.STEEPING, Pattern.compile("(?iuU)(\\b\\d+(?:\\s?[-–]\\s?\\d+)?\\s?(?:phút|minutes?|mins?|giây|seconds?)\\b"
            + "|\\b(hãm|ủ|steep|steeps|steeping|nhỏ giọt)\\b)")),
    /** How it tastes: flavour words. */
    TASTE(Cues.TASTE, Pattern.compile("(?iuU)\\b(vị|hương vị|chát|đắng|ngọt|chua|hậu|notes? of|tastes?|flavou?rs?|bitter|"
            + "sweet|sour|acidity|acidic|aroma|fruity|nutty)\\b")),
    /** Pausing, skipping or cancelling a plan: a sentence that says whether and how. */
    PAUSE_OR_SKIP(Cues.PAUSE_SKIP, Pattern.compile("(?iuU)\\b(pause|paused|skip|skipped|cancel|cancell?ation|on hold|"
            + "minimum term|tạm dừng|tạm ngưng|ngưng|hủy|huỷ|bỏ qua|hoãn|dừng)\\b")),
    /**
     * How to keep it and how long it keeps, one facet ("để được mấy ngày", "hạn sử dụng", "how long does it keep",
     * "how do I store it", "stay fresh"): a sentence about storing it, a shelf life, a time to use it within or a
     * number of days, weeks or months ("chất bảo quản", a preservative, is no storage). Was two facets, SHELF_LIFE
     * and STORAGE, added by two rounds for one concept: a question asking both got two "I don't have information"
     * lines for one gap.
     */
    STORAGE(Cues.STORAGE, Pattern.compile("(?iuU)((?<!chất )\\bbảo quản\\b|\\b(hạn sử dụng|tủ lạnh|ngăn đá|nhiệt độ phòng|"
            + "giữ lạnh|đậy kín|nơi khô mát|để lạnh|sau khi mở|ngon nhất|keeps?|kept|fridge|refrigerat\\w*|freez\\w*|"
            + "frozen|fresh|room temperature|airtight|shelf life|best (?:on|before)|use by|expir\\w*)\\b|\\b(?:eat|use|"
            + "consume|drink|dùng|ăn|uống)(?: it| them)? within\\b|\\b(?:dùng|ăn|uống) trong\\b"
            + "|\\b\\d+(?:\\s?[-–]\\s?\\d+)?\\s?(?:ngày|days?|tuần|weeks?|tháng|months?)\\b)")),
    /** How far ahead to order ("đặt trước bao lâu", "how far in advance"): a sentence with the notice needed. */
    LEAD_TIME(Cues.LEAD_TIME, Pattern.compile("(?iuU)\\b(đặt trước|báo trước|trước ít nhất|ahead|in advance|notice|"
            + "lead time|pre-?order)\\b")),
    /**
     * How long something lasts or takes, asked of a product or service ("1 túi cát dùng được bao lâu", "how long is
     * the course", "test đầu vào mất bao lâu", "sạc nhanh bao lâu"): a sentence with a number of minutes, hours,
     * days, weeks, months, years or sessions. A more specific facet asked with it (storage, battery, steeping, lead
     * time) answers instead (see ReplyComposer.Clause).
     */
    DURATION(Cues.HOW_LONG, Pattern.compile("(?iuU)\\b\\d+(?:[.,]\\d+)?(?:\\s?[-–]\\s?\\d+)?[\\s-]?(?:phút|giờ|tiếng|ngày|tuần|"
            + "tháng|năm|buổi|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|sessions?|lessons?|classes)\\b")),
    VOLUME(Cues.VOLUME, Pattern.compile("(?iuU)(\\d\\s?(ml|g|oz|l|lít|litre|liter|kg|gram)\\b)")),
    STOCK(Cues.STOCK, Pattern.compile("(?iuU)\\b(còn hàng|hết hàng|tạm hết|về lại|in stock|out of stock|sold out|back in stock|"
            + "available|unavailable|restock\\w*|sẵn|pre-?order|đặt trước)\\b")),
    WARRANTY(Cues.WARRANTY, Pattern.compile("(?iuU)\\b(bảo hành|warranty|guarantee|guaranteed|repair|sửa)\\b")),
    PAYMENT(Cues.PAYMENT, Pattern.compile("(?iuU)\\b(thanh toán|cod|chuyển khoản|payment|pay|card|thẻ|paypal|momo|trả góp)\\b"));

    /** The facets that refine USAGE: asked with one of them, the question asks that, not every step of use. */
    static final java.util.Set<Aspect> BREWING = java.util.EnumSet.of(BREWING_TEMPERATURE, BREWING_DOSE, STEEPING_TIME);
    /** Every facet added for which sentence of an entry answers (see the comment above BREWING_TEMPERATURE). */
    static final java.util.Set<Aspect> FACETS = java.util.EnumSet.of(BREWING_TEMPERATURE, CAFFEINE, BREWING_DOSE,
            STEEPING_TIME, TASTE, PAUSE_OR_SKIP, STORAGE, LEAD_TIME, DURATION);
    /** Facets more specific than DURATION: asked with it, they answer ("pin dùng được bao lâu" asks the battery). */
    static final java.util.Set<Aspect> TIMED = java.util.EnumSet.of(STORAGE, BATTERY, STEEPING_TIME, LEAD_TIME);

    final List<Text.Token[]> cues;
    /** Words of a sentence that answers this aspect; null for PRICE (a sentence with an amount). */
    final Pattern answer;

    Aspect(List<Text.Token[]> cues, Pattern answer) {
        this.cues = cues;
        this.answer = answer;
    }

    /** "chất bảo quản" is a preservative, asked as an ingredient: no question about keeping or using it. */
    private static final List<Text.Token[]> PRESERVATIVE = IntentDetector.phrases("chất bảo quản");

    /** True when the tokens ask this aspect (one of its cues occurs, outside the phrases that mean something else). */
    boolean askedIn(List<Text.Token> tokens) {
        if (!IntentDetector.any(tokens, cues)) {
            return false;
        }
        if ((this == STORAGE || this == USAGE) && IntentDetector.any(tokens, PRESERVATIVE)) {
            List<Text.Token> rest = new java.util.ArrayList<>(tokens);
            for (Text.Token[] p : PRESERVATIVE) {
                for (int at = Text.indexOf(rest, p, 0); at >= 0; at = Text.indexOf(rest, p, 0)) {
                    rest.subList(at, at + p.length).clear();
                }
            }
            return IntentDetector.any(rest, cues);
        }
        return true;
    }

    /**
     * What a product is made of when no ingredient or material word says it: a blend or a list of things ("Dry oil
     * blend of jojoba, squalane and rosehip", "Yến mạch nướng với hạnh nhân, hạt bí và mật ong"), never a list of
     * colours or sizes.
     */
    private static final Pattern COMPOSED = Pattern.compile("(?iuU)\\b(blend of|mix of|made with|gồm|làm từ|nhân)\\b"
            + "|\\b(?:with|với|of|từ)\\s[\\p{L}]+(?:\\s[\\p{L}]+)?,\\s[\\p{L}]+(?:\\s[\\p{L}]+)?\\s(?:and|và)\\s[\\p{L}]+");
    private static final Pattern LISTS_OTHER = Pattern.compile("(?iuU)\\b(màu|colou?rs?|sizes?|cỡ)\\b");

    /** How strongly a knowledge sentence answers this aspect: 0 when not at all. */
    int score(String sentence) {
        if (this == PRICE) {
            return Money.findAll(sentence).isEmpty() ? 0 : 3;
        }
        int n = 0;
        java.util.regex.Matcher m = answer.matcher(sentence);
        while (m.find()) {
            n++;
        }
        if (n == 0 && this == INGREDIENTS && COMPOSED.matcher(sentence).find() && !LISTS_OTHER.matcher(sentence).find()) {
            n = 1;
        }
        return n;
    }
}
