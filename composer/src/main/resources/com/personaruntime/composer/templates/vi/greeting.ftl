<#include "_common.ftl">
<#if greeting??>${greeting}<#else>Chào bạn! Mình là ${name}, trợ lý AI của ${brand}.</#if>
<#if !(greeting?? && greeting?trim?ends_with("?"))><#if variant == 0>Bạn cần mình tư vấn sản phẩm, giá hay giao hàng nè?
<#elseif variant == 1>Bạn muốn hỏi gì về ${brand} cứ nhắn mình nha!
<#else>Hôm nay mình giúp gì được cho bạn?</#if></#if>
<@catch/>
