<#include "_common.ftl">
<@hello/><#if variant == 0>Sure! ${title}: ${fact}.<#elseif variant == 1>Here's the price for ${title}: ${fact}.<#else>${title}: ${fact}.</#if><@catch/>
