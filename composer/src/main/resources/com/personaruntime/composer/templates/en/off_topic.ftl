<#include "_common.ftl">
<#if variant == 0>That's outside what I know, so I'd rather not guess.<#elseif variant == 1>I honestly don't know, and I don't want to make something up.<#else>Sorry, I can't answer that one.</#if>
I can only help with ${brand}'s products and services; for anything else, <@askHuman/>.
