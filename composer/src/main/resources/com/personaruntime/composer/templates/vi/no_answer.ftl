<#include "_common.ftl">
<#if variant == 0>Mình chưa có thông tin chính xác về điều này nên không dám trả lời bừa.<#elseif variant == 1>Câu này mình chưa có thông tin, mình không muốn đoán bừa đâu.<#else>Tiếc quá, mình chưa có thông tin về điều này.</#if>
Để chắc chắn, <@askHuman/>.
