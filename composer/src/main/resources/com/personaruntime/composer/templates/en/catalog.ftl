<#include "_common.ftl">
<@hello/>Here's what we have: <#list titles as t>${t}<#sep>, </#list>. Which one would you like to know more about?<@catch/>
