<#-- Shared macros for English replies. Facts come only from the model (title, fact, items, titles). -->
<#macro hello><#if greeted>Hi there! </#if></#macro>
<#macro askHuman><#if contactUrl?? && contactEmail??>please ask the ${brand} team directly at ${contactUrl} or ${contactEmail}<#elseif contactUrl??>please ask the ${brand} team directly at ${contactUrl}<#elseif contactEmail??>please ask the ${brand} team directly at ${contactEmail}<#else>please ask the ${brand} team directly</#if></#macro>
<#macro catch><#if catchphrase??> ${catchphrase}</#if></#macro>
