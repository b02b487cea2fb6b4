<#include "_common.ftl">
<#if greeting??>${greeting}<#else>Hi! I'm ${name}, ${brand}'s AI assistant.</#if>
<#if !(greeting?? && greeting?trim?ends_with("?"))><#if variant == 0>Ask me anything about our products, prices or shipping!
<#elseif variant == 1>What can I help you with today?
<#else>How can I help?</#if></#if>
<@catch/>
