<#include "_common.ftl">
<@hello/><#if variant == 0>Dạ, ${title}: ${fact} nha bạn.<#elseif variant == 1>${title} nè bạn: ${fact}.<#else>Về ${title} thì: ${fact} nha.</#if><@catch/>
