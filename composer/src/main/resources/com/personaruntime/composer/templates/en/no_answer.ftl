<#include "_common.ftl">
<#if variant == 0>I don't have reliable information about that, so I'd rather not guess.<#elseif variant == 1>I'm not sure about that one and don't want to make something up.<#else>Sorry, I don't know that yet.</#if>
To be sure, <@askHuman/>.
