<#include "_common.ftl">
<@hello/>Wonderful, thanks for choosing ${brand}!
<#if productTitle??>${productTitle}: ${productFact}.</#if>
<#if fact??>${title}: ${fact}.<#else>To place an order, <@askHuman/>.</#if><@catch/>
