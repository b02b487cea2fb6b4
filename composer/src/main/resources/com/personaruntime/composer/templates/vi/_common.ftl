<#-- Shared macros for Vietnamese replies. Facts come only from the model (title, fact, items, titles). -->
<#macro hello><#if greeted>Chào bạn! </#if></#macro>
<#macro askHuman><#if contactUrl?? && contactEmail??>bạn hỏi trực tiếp đội ngũ ${brand} qua ${contactUrl} hoặc email ${contactEmail} nha<#elseif contactUrl??>bạn hỏi trực tiếp đội ngũ ${brand} qua ${contactUrl} nha<#elseif contactEmail??>bạn hỏi trực tiếp đội ngũ ${brand} qua email ${contactEmail} nha<#else>bạn hỏi trực tiếp đội ngũ ${brand} nha</#if></#macro>
<#macro catch><#if catchphrase??> ${catchphrase}</#if></#macro>
