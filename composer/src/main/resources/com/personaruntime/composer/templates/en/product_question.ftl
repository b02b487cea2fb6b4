<#include "_common.ftl">
<@hello/><#if variant == 0>Sure! ${title}: ${fact}.<#elseif variant == 1>Here's what I can tell you about ${title}: ${fact}.<#else>${title}: ${fact}.</#if><@catch/>
