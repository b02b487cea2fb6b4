<#include "_common.ftl">
<@hello/>Tuyệt quá, cảm ơn bạn đã chọn ${brand}!
<#if productTitle??>${productTitle}: ${productFact}.</#if>
<#if fact??>${title}: ${fact}.<#else>Để đặt hàng, <@askHuman/>.</#if><@catch/>
