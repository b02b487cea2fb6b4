<#include "_common.ftl">
<@hello/>Here are our prices: <#list items as i>${i.title}: ${i.fact}<#sep>; </#list>.
Which one are you interested in?<@catch/>
