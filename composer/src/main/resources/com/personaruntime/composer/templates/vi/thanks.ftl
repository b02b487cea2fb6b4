<#include "_common.ftl">
<#if variant == 0>Không có gì đâu bạn ơi!<#elseif variant == 1>Mình cảm ơn bạn nhiều nha!<#else>Rất vui được giúp bạn!</#if>
Cần gì cứ nhắn ${name} nhé.<@catch/>
