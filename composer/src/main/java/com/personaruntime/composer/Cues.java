package com.personaruntime.composer;

import java.util.List;

import static com.personaruntime.composer.IntentDetector.phrases;

/**
 * Keyword lists (vi and en, matched tone-aware on teencode-expanded tokens, see {@link Text}) for
 * the kinds of message every brand gets, and for the aspect of a product a clause asks about.
 * A leading {@code =} means "only with exactly these diacritics".
 */
final class Cues {

    private Cues() {
    }

    /** "Are you a real person / a bot?" */
    static final List<Text.Token[]> AI_QUESTION = phrases(
            "are you human", "are you a human", "are you real", "are you a real", "are you a person",
            "are you a bot", "are you bot", "are you a robot", "are you an ai", "are you ai", "are you a machine",
            "are you a computer", "are you a program", "are you a chatbot", "is this a bot", "is this a real person",
            "is this a human", "is this an ai", "is this ai", "am i talking to", "am i chatting with", "talking to a bot",
            "talking to a human", "talking to a real", "real person", "real human", "actual person", "actual human",
            "human or", "bot or", "person or a bot", "you a bot", "you human", "you real", "a real person",
            "người thật", "người thiệt", "người hay máy", "người hay bot", "là bot", "là robot", "là máy",
            "là ai hay", "là người", "là ai thật", "là trí tuệ nhân tạo", "là chatbot", "phải người",
            "có phải người", "có phải bot", "có phải là bot", "có phải ai", "người máy", "nhân viên thật",
            "is there a human", "speak to a human", "speak to a person", "talk to a human", "talk to a person");
    /** Insults and abuse aimed at the persona or the brand. */
    static final List<Text.Token[]> INSULT = phrases(
            "stupid", "dumb", "idiot", "idiotic", "useless", "you suck", "this sucks", "sucks", "trash", "garbage",
            "shut up", "moron", "pathetic", "worthless", "crap", "crappy", "wtf", "fuck", "fucking", "shit",
            "hate you", "hate this", "incompetent", "clown", "joke of a", "scammers", "liar", "liars",
            "=ngu", "đồ ngu", "ngu ngốc", "ngu thế", "ngu vậy", "ngu quá", "vô dụng", "dở hơi", "dốt", "=dốt", "ăn hại",
            "rác rưởi", "=rác", "đồ rác", "cút", "im đi", "im mồm", "vớ vẩn", "vô học", "láo", "mất dạy",
            "đểu", "lừa đảo", "lừa tiền", "bố láo", "khùng", "cái bot", "bot ngu", "tệ hại", "như hạch",
            "đm", "vcl", "clgt", "cmm");
    /** Health, medical and efficacy claims the persona must answer honestly (not a medicine). */
    static final List<Text.Token[]> HEALTH = phrases(
            "cancer", "tumor", "tumour", "diabetes", "blood pressure", "cholesterol", "heart disease",
            "lose weight", "losing weight", "weight loss", "burn fat", "burns fat", "fat burning", "slim down",
            "cure", "cures", "curing", "heal", "heals", "treat", "treats", "treatment", "prevent", "prevents",
            "medicine", "medical", "disease", "diseases", "detox", "immune", "immunity", "pregnant", "pregnancy",
            "breastfeeding", "eczema", "psoriasis", "dermatitis", "rosacea", "infection", "clear my acne",
            "get rid of acne", "acne scars", "healthy", "health benefits", "good for my health", "good for health",
            "boost metabolism", "metabolism", "anti aging", "anti-aging", "remove wrinkles", "whiten", "whitening",
            "depression", "anxiety", "insomnia", "hair loss", "doctor",
            "ung thư", "tiểu đường", "huyết áp", "mỡ máu", "giảm cân", "giảm mỡ", "đốt mỡ", "đốt cháy mỡ",
            "chữa bệnh", "chữa khỏi", "chữa mụn", "chữa trị", "chữa được", "điều trị", "trị mụn", "trị nám", "trị thâm", "hết mụn",
            "hết nám", "khỏi mụn", "sạch mụn", "=bệnh", "phòng bệnh", "phòng ngừa", "ngừa ung", "thuốc",
            "thải độc", "miễn dịch", "mang thai", "bà bầu", "mẹ bầu", "đang bầu", "cho con bú", "chàm", "vảy nến", "viêm da",
            "trắng da", "làm trắng", "xóa nhăn", "hết nhăn", "sức khỏe", "sức khoẻ", "tốt cho sức", "mất ngủ",
            "rụng tóc", "bác sĩ", "tăng đề kháng", "đề kháng", "giảm béo",
            // pain, injury and promises of complete or permanent effect
            "pain", "painful", "ache", "aches", "injury", "injuries", "completely", "permanently", "heart",
            "bad for my", "bad for your", "bad for you", "harmful", "side effect", "side effects", "tim mạch",
            "có hại", "tác dụng phụ", "hại sức khỏe",
            // hearing and eyesight: what headphones, speakers or screens must not be promised to do
            "protect my hearing", "protect your hearing", "protects your hearing", "protect hearing", "protects hearing",
            "hearing loss", "hearing damage", "damage my hearing", "tinnitus", "ù tai", "thính lực", "thính giác",
            "điếc", "protect my eyes", "protects your eyes", "bảo vệ mắt", "cận thị",
            "=đau", "đau lưng", "đau chân", "đau khớp", "chấn thương",
            "chữa đau", "có chữa", "chữa được", "chữa không", "vĩnh viễn", "dứt điểm", "cam kết hết",
            // common illnesses and symptoms, and "does it get rid of / treat ..." asked of a supplement
            "cảm cúm", "=cúm", "bị cúm", "cảm lạnh", "sổ mũi", "bị ho", "=sốt", "táo bón", "tiêu chảy", "dạ dày",
            "đau dạ dày", "xương khớp", "viêm khớp", "đau đầu", "tiểu đường", "gan nhiễm mỡ", "có khỏi", "khỏi bệnh",
            "khỏi hẳn", "hết bệnh", "có trị", "trị được", "trị bệnh", "hỗ trợ điều trị", "hỗ trợ trị",
            "flu", "the flu", "a cold", "colds", "common cold", "fever", "cough", "headache", "headaches", "migraine",
            "constipation", "diarrhea", "diarrhoea", "arthritis", "joint", "joints", "blood sugar", "asthma", "covid",
            "virus", "illness", "relieve", "relief");
    /** Politics, religion and other topics every brand declines. */
    static final List<Text.Token[]> SENSITIVE = phrases(
            "politics", "political", "politician", "election", "elections", "president", "prime minister",
            "government", "vote", "voting", "democrat", "republican", "communist", "religion",
            "religious", "jesus", "allah", "buddha", "church", "praying", "abortion", "immigration",
            "trump", "biden", "putin", "chính trị", "bầu cử", "tổng thống", "thủ tướng", "chính phủ", "=đảng", "nhà nước", "chiến tranh", "tôn giáo", "phật", "chúa", "thiên chúa", "đạo phật", "công giáo",
            "hồi giáo", "nhà thờ", "=chùa", "biểu tình", "phá thai", "bỏ phiếu");
    /** Comparison with another brand or product ("better than", "so với"). */
    static final List<Text.Token[]> COMPARISON = phrases(
            "better than", "worse than", "cheaper than", "compared to", "compared with", "compare", "comparison",
            "versus", "vs", "difference between", "or the one from", "so với", "so sánh", "hơn bên",
            "tốt hơn", "rẻ hơn", "khác gì", "hay hơn", "bằng bên", "như bên", "hãng khác", "bên khác",
            "other brand", "other brands", "another brand", "brand x");
    /** Pronouns and demonstratives that refer back to the product in focus. */
    static final List<Text.Token[]> PRONOUN = phrases(
            "it", "its", "this", "that", "them", "they", "this one", "that one", "the same", "nó", "cái đó",
            "cái này", "loại này", "loại đó", "món này", "món đó", "sản phẩm này", "sản phẩm đó", "em này",
            "em đó", "bé này", "bé đó", "con này", "cái kia", "mẫu này", "mẫu đó", "đôi này", "đôi đó",
            "chiếc này", "chiếc đó", "áo này", "áo đó", "thứ này");
    /** Starts of an elliptical follow-up ("còn serum thì sao?", "what about the decaf?"). */
    static final List<Text.Token[]> FOLLOW_UP = phrases(
            "còn", "what about", "how about", "and the", "and what about", "and for", "thế còn", "vậy còn",
            "thì sao", "thì thế nào", "the other one", "cái kia");
    /**
     * Question words that make a clause a question of its own ("When does the book club meet?", "mấy giờ mở
     * cửa"), never an elliptical repeat of the last one ("còn serum thì sao?").
     */
    static final List<Text.Token[]> OWN_QUESTION = phrases(
            "when", "where", "what time", "which day", "what day", "how long", "khi nào", "lúc nào", "mấy giờ",
            "ở đâu", "bao giờ", "hôm nào", "ngày nào", "bao lâu");
    /** Asking how long something takes ("how long does it take", "mất mấy ngày"). */
    static final List<Text.Token[]> DURATION = phrases(
            "how long", "how many days", "how soon", "how fast", "bao lâu", "mấy ngày", "bao nhiêu ngày", "mất mấy");
    /** Asking how long something lasts or takes, of a product or service (see {@link Aspect#DURATION}). */
    static final List<Text.Token[]> HOW_LONG = phrases(
            "how long", "how many weeks", "how many months", "how many hours", "how many minutes", "how many sessions",
            "how many lessons", "bao lâu", "mấy tuần", "mấy tháng", "mấy tiếng", "mất mấy", "bao nhiêu tuần",
            "bao nhiêu tháng", "bao nhiêu buổi", "mấy buổi", "kéo dài", "trong bao lâu", "bao lau", "may tuan",
            "may thang");
    /** Asking for a total or a sum. */
    static final List<Text.Token[]> TOTAL = phrases(
            "total", "altogether", "in total", "all together", "combined", "together", "sum", "tổng",
            "tổng cộng", "tất cả", "hết bao nhiêu", "hết bao", "hết nhiêu", "cả hai", "cả 2", "chung", "tính tiền",
            "bundle", "combo", "both");
    /** Asking about free shipping. */
    static final List<Text.Token[]> FREE_SHIPPING = phrases(
            "free shipping", "free delivery", "ship free", "ships free", "freeship", "free ship",
            "miễn phí giao", "miễn phí ship", "miễn phí vận chuyển", "được free", "đủ điều kiện", "qualify",
            "reach", "threshold", "free postage", "shipping free", "delivery free", "shipping is free",
            "delivery is free");
    /** Count words for "2 tubes", "hai chai". */
    static final List<Text.Token[]> UNITS = phrases(
            "cái", "chai", "tuýp", "tube", "tubes", "lọ", "hũ", "hộp", "túi", "đôi", "bộ", "gói", "chiếc",
            "bag", "bags", "bottle", "bottles", "jar", "jars", "pair", "pairs", "piece", "pieces", "item", "items",
            "box", "boxes", "pack", "packs", "set", "sets", "unit", "units", "x");

    // --- aspects a clause can ask about ---
    static final List<Text.Token[]> USAGE = phrases(
            "cách dùng", "dùng thế nào", "dùng như thế nào", "dùng sao", "dùng ra sao", "sử dụng", "=dùng",
            "thoa", "bôi", "how to use", "how do i use", "how should i use", "use it", "use them", "apply",
            "how often", "bao lâu một lần", "mấy lần", "routine", "how to brew", "brew", "steep", "pha",
            "bảo quản", "store it", "giặt", "wash", "care", "how do i", "instructions", "hướng dẫn", "when should",
            "vệ sinh", "làm sạch", "lau chùi", "cách rửa", "rửa thế nào", "rửa sao", "rửa như thế nào", "clean it",
            "how to clean", "how do i clean",
            // when in the day ("dùng buổi sáng hay tối", "morning or night")
            "buổi sáng", "buổi tối", "sáng hay tối", "ban ngày", "ban đêm", "morning or night", "morning or evening",
            "day or night");
    static final List<Text.Token[]> INGREDIENTS = phrases(
            "thành phần", "chứa", "ingredients", "ingredient", "contain", "contains", "made of", "made from",
            "chất liệu", "material", "materials", "vải", "fabric", "cotton", "lụa", "paraben", "=cồn", "alcohol",
            "fragrance", "hương liệu", "gore tex", "membrane", "what s in", "whats in", "what is in", "made with",
            "what goes into", "gồm những gì", "làm từ", "làm bằng", "có gì trong", "wool", "cashmere", "merino",
            "silk", "linen", "polyester", "leather", "what material", "what fabric", "làm bằng gì", "chất gì",
            "vải gì", "chất vải", "len gì", "bằng len", "vải len", "loại len", "tơ tằm", "=nỉ", "bằng lụa",
            // scent is what it contains: "có mùi thơm không", "is it scented?" ("fragrance-free" answers)
            "mùi thơm", "có mùi", "hương thơm", "scent", "scented", "unscented", "smell", "smells");
    /** Keeping water out: asked apart from what a product is made of ("waterproof" is no ingredient). */
    static final List<Text.Token[]> WATER_RESISTANCE = phrases(
            "waterproof", "water proof", "water resistant", "water resistance", "water repellent", "splash proof",
            "splashproof", "rainproof", "rain proof", "showerproof", "keep me dry", "keeps me dry", "keep water out",
            "get wet", "in the rain", "submersible", "ip rating",
            "chống nước", "kháng nước", "chống thấm", "không thấm nước", "thấm nước", "ngấm nước", "dính nước",
            "bị ướt", "đi mưa được", "dính mưa");
    static final List<Text.Token[]> SIZE = phrases(
            "size", "sizes", "kích thước", "=cỡ", "số đo", "bảng size", "mặc size", "fit", "fits", "sizing",
            "mặc vừa", "vừa không", "vừa size", "size chart", "what size", "which size", "size nào", "size gì");
    /** Adding to what was computed before ("what if I add the socks", "thêm 1 serum nữa"). */
    static final List<Text.Token[]> ADD = phrases(
            "add", "plus", "also", "too", "as well", "=thêm", "cộng thêm", "=nữa", "with that", "=kèm");
    static final List<Text.Token[]> COLOR = phrases(
            "màu", "màu gì", "color", "colors", "colour", "colours", "màu sắc");
    static final List<Text.Token[]> SUITABILITY = phrases(
            "hợp", "phù hợp", "=hợp", "da dầu", "da khô", "da nhạy cảm", "da hỗn hợp", "sensitive", "oily",
            "dry skin", "suitable", "good for", "okay for", "ok for", "work for", "for beginners", "dành cho",
            "cho da", "cho người");
    static final List<Text.Token[]> BATTERY = phrases(
            "battery", "batteries", "battery life", "pin", "thời lượng pin", "pin dùng", "pin được", "pin trâu",
            "sạc đầy", "sạc bao lâu", "sạc mất", "thời gian sạc", "charging time", "how long to charge",
            "how long does it take to charge", "runtime", "run time");
    // --- facets: which sentence of a product's entry answers ("bao nhiêu độ", "caffeine", "mấy phút") ---
    /** The water temperature to brew or use it at. */
    static final List<Text.Token[]> TEMPERATURE = phrases(
            "nhiệt độ", "bao nhiêu độ", "mấy độ", "bao nhiu độ", "độ nước", "nước sôi", "nước nóng", "nước bao nhiêu độ",
            "temperature", "temp", "how hot", "degrees", "what degree", "boiling water", "water temperature");
    /** Caffeine in it (never the name "decaf", which is a product's). */
    static final List<Text.Token[]> CAFFEINE = phrases(
            "caffeine", "caffein", "cafein", "cafeine", "caffeinated", "decaffeinated", "caffeine free",
            "caffeine-free", "có cafein", "chất kích thích");
    /** How much of it per cup or per pot ("bao nhiêu gam trà", "how many grams", "ratio"). */
    static final List<Text.Token[]> DOSE = phrases(
            "bao nhiêu gam", "bao nhiêu gram", "bao nhiêu gr", "mấy gam", "mấy gram", "mấy gr", "bao nhiêu g",
            "tỉ lệ", "tỷ lệ", "liều lượng", "bao nhiêu muỗng", "mấy muỗng", "how many grams", "how many g",
            "how much coffee", "how much tea", "how many scoops", "how many spoons", "ratio", "dose", "dosage");
    /** How long it steeps or brews ("hãm mấy phút", "how long do I steep"). */
    static final List<Text.Token[]> STEEPING = phrases(
            "=hãm", "hãm bao lâu", "ủ bao lâu", "pha bao lâu", "mấy phút", "bao nhiêu phút", "bao lâu thì uống",
            "how many minutes", "how long to steep", "how long do i steep", "how long should i steep", "steep",
            "steeping", "steep time", "steeping time", "brew time", "brewing time", "how long to brew",
            "how long do i brew", "how long should i brew");
    /** How it tastes ("vị thế nào", "what does it taste like"). */
    static final List<Text.Token[]> TASTE = phrases(
            "=vị", "vị thế nào", "vị ra sao", "hương vị", "mùi vị", "có đắng", "đắng không", "có chát", "chát không",
            "taste", "tastes", "taste like", "flavor", "flavour", "flavors", "flavours", "tasting notes", "bitter",
            "acidic", "acidity");
    /** Pausing, skipping or cancelling a subscription or plan. */
    static final List<Text.Token[]> PAUSE_SKIP = phrases(
            "pause", "paused", "pausing", "skip", "skipping", "cancel", "cancelling", "canceling", "cancellation",
            "put on hold", "tạm dừng", "tạm ngưng", "=ngưng", "=hủy", "=huỷ", "hủy đăng ký", "bỏ qua", "=hoãn",
            "dừng gói", "ngừng gói");
    /**
     * How to keep it and how long it keeps (never "store" alone: "where is your store?"); one list since the shelf-life
     * cues of heldback7 and the storage cues of heldback8 were merged (Aspect.STORAGE).
     */
    static final List<Text.Token[]> STORAGE = phrases(
            "keep fresh", "keeps fresh", "how long do they keep", "how long can i keep", "use by", "=hsd",
            "để được lâu", "bảo quản được bao lâu", "bảo quản được mấy ngày", "ăn trong bao lâu", "dùng trong bao lâu",
            "để lâu được", "để tủ lạnh được",
            "bảo quản", "để được bao lâu", "để được mấy ngày", "để bao lâu", "để mấy ngày", "giữ được bao lâu",
            "giữ được mấy ngày", "hạn sử dụng", "hạn dùng", "hsd", "hết hạn", "để tủ lạnh", "tủ lạnh",
            "ngăn đá", "để lâu", "để qua đêm", "dùng được bao lâu", "dùng được mấy ngày", "sau khi mở",
            "how long does it keep", "how long will it keep", "keep", "keeps", "shelf life", "store it", "store them",
            "how to store", "how do i store", "how should i store", "storage", "stay fresh", "stays fresh", "fridge",
            "refrigerate", "refrigerated", "refrigerator", "freeze", "freezer", "expire", "expires", "expiry",
            "expiration", "best before", "go off", "go bad");
    /** How far ahead an order must be placed. */
    static final List<Text.Token[]> LEAD_TIME = phrases(
            "đặt trước", "báo trước", "đặt sớm", "order ahead", "in advance", "how far ahead", "how far in advance",
            "how early", "lead time", "how much notice", "pre order", "preorder");
    static final List<Text.Token[]> ORIGIN = phrases(
            "made in", "where is it made", "where are they made", "where is this made", "where are these made",
            "country of origin", "origin", "xuất xứ", "sản xuất ở đâu", "sản xuất tại", "sản xuất ở",
            "hàng nước nào", "nước nào sản xuất", "hàng nhập", "nhập khẩu");
    /** "where ... made": asked apart, the product's name between ("where is the granola made?"). */
    static final List<Text.Token[]> WHERE = phrases("where", "which country", "ở đâu", "nước nào");
    static final List<Text.Token[]> PRODUCED = phrases("made", "manufactured", "produced", "sản xuất");
    static final List<Text.Token[]> VOLUME = phrases(
            "dung tích", "bao nhiêu ml", "how big", "how many ml", "capacity", "weight of", "nặng bao nhiêu",
            "how heavy", "bao nhiêu gram", "how many grams", "weigh", "weighs", "the weight", "its weight",
            "what weight", "trọng lượng", "=nặng không", "=nặng mấy", "mấy ký", "=mấy kí", "bao nhiêu ký", "bao nhiêu kg",
            "mấy kg", "mấy gram", "bao nhiêu gam");
    static final List<Text.Token[]> PAYMENT = phrases(
            "thanh toán", "trả tiền", "payment", "pay", "cod", "chuyển khoản", "credit card", "card", "paypal",
            "momo", "trả góp", "installment");
    static final List<Text.Token[]> STOCK = phrases(
            "còn hàng", "hết hàng", "in stock", "out of stock", "available", "còn không", "còn size",
            "availability", "restock");
    static final List<Text.Token[]> WARRANTY = phrases(
            "bảo hành", "warranty", "guarantee", "repair", "sửa chữa");
    /** Product-like asks: "do you sell X?", "có bán X không?". */
    /**
     * Words that describe a product rather than name a kind of one: asked beside a kind the knowledge has ("organic
     * coffee", "cà phê hữu cơ"), they ask whether one of that kind is so (see ReplyComposer.absent); "eye cream",
     * "nồi áp suất" name another kind.
     */
    static final List<Text.Token[]> ATTRIBUTES = phrases(
            "organic", "hữu cơ", "natural", "all natural", "tự nhiên", "thiên nhiên", "handmade", "hand made",
            "thủ công", "làm tay", "vegan", "thuần chay", "=chay", "halal", "kosher", "fair trade", "fairtrade",
            "ít đường", "low sugar", "low fat", "ít béo", "wireless", "cordless", "refurbished", "second hand",
            "secondhand", "eco", "eco friendly", "thân thiện môi trường", "recycled", "tái chế", "biodegradable",
            "cruelty free", "unscented", "fragrance free", "không mùi", "waterproof", "chống nước", "imported",
            "nhập khẩu", "local", "single origin", "decaf", "light roast", "dark roast", "rang đậm", "rang nhạt");
    static final List<Text.Token[]> HAVE = phrases(
            "do you sell", "do you have", "do you carry", "do you make", "do you stock", "you sell", "you have",
            "có bán", "=bán", "bên mình có", "shop có", "có loại", "có mẫu",
            "got any", "have any", "sell");
    /** Shopping words that carry no product name of their own. */
    static final List<String> GENERIC_NOUNS = List.of("product", "item", "thing", "stuff", "one", "size", "colour",
            "color", "price", "san", "pham", "mau", "loai", "cai", "hang", "do", "mon");
    /** Signs of strong positive emotion. */
    static final List<Text.Token[]> EXCITED = phrases(
            "love", "loved", "loving", "amazing", "awesome", "so excited", "excited", "can't wait", "cant wait",
            "yay", "wow", "omg", "fantastic", "obsessed", "perfect", "so good", "so cute", "beautiful",
            "thích quá", "thích lắm", "mê quá", "mê lắm", "tuyệt vời", "tuyệt quá", "xinh quá", "đẹp quá",
            "đỉnh", "xịn quá", "xịn xò", "yêu quá", "quá trời", "=hóng", "háo hức", "=mê", "ưng quá", "ưng ý");
    /** Signs of frustration (beyond complaints and insults). */
    static final List<Text.Token[]> FRUSTRATED = phrases(
            "frustrated", "frustrating", "annoyed", "annoying", "ridiculous", "waited", "still no", "no answer",
            "nobody answers", "again", "fed up", "sick of", "why is it so", "seriously", "what the hell",
            "bực", "bực mình", "bực quá", "tức", "tức quá", "chán quá", "chờ mãi", "đợi mãi", "mãi không", "sao lâu",
            "sao chưa", "lâu vậy", "lâu thế", "gì kỳ vậy", "kỳ cục", "quá đáng", "hết chịu nổi", "thất vọng");
}
