<#include "_common.ftl">
<#if variant == 0>Câu này nằm ngoài những gì mình biết, nên mình không dám trả lời bừa đâu.<#elseif variant == 1>Mình không có thông tin về chuyện này nên không muốn đoán bừa nha.<#else>Tiếc quá, chuyện này mình không biết nên không trả lời được.</#if>
Mình chỉ tư vấn về sản phẩm và dịch vụ của ${brand} thôi; cần hỗ trợ thêm thì <@askHuman/>.
