<#include "_common.ftl">
<@hello/><#if variant == 0>Dạ, ${title} bên mình: ${fact} nha bạn.<#elseif variant == 1>Giá ${title} nè bạn: ${fact}.<#else>${title}: ${fact} nha.</#if><@catch/>
