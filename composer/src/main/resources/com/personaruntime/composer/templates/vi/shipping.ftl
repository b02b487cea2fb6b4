<#include "_common.ftl">
<@hello/><#if variant == 0>Dạ, ${title} bên mình: ${fact} nha.<#elseif variant == 1>${title} nè bạn: ${fact}.<#else>Về giao hàng thì: ${fact} nha bạn.</#if><@catch/>
