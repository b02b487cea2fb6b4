<#-- English reply. Model: name, brand, brandOf (the brand's possessive: "Brewhaus's", "Ridge & River Outfitters'"), contactUrl, contactEmail, variant (0-2), greeted, thanked, parts (list of
     maps with "kind"), sentiment (frustrated|excited|neutral), register (casual|formal|plain), explains, segment,
     catchphrase (optional). Facts come only from the parts (verbatim knowledge text or amounts read from it). -->
<#assign brandOf = brandOf!(brand + "'s")>
<#macro askHuman><#if contactUrl?? && contactEmail??>the ${brand} team at ${contactUrl} or ${contactEmail}<#elseif contactUrl??>the ${brand} team at ${contactUrl}<#elseif contactEmail??>the ${brand} team at ${contactEmail}<#else>the ${brand} team</#if></#macro>
<#macro q p><#if p.foreign!false>"${p.fact}"<#else>${p.fact}</#if></#macro>
<#macro human p>I'm ${name}, ${brandOf} AI assistant: an AI, not a human. I answer from ${brandOf} official information<#if contactUrl?? || contactEmail??>, and you can reach a person on <@askHuman/></#if>.</#macro>
<#macro insult p>I'm sorry I've frustrated you; I really do want to help. If you tell me what went wrong, I'll do my best, or you can reach <@askHuman/> directly.</#macro>
<#macro complaint p><#if variant == 0>I'm really sorry about this, that's not the experience we want for you.<#else>I'm so sorry, that shouldn't have happened.</#if> Please contact <@askHuman/> with your order details so they can sort it out quickly.<#if p.returnsFact??> Our policy: <#if p.returnsForeign!false>"${p.returnsFact}"<#else>${p.returnsFact}</#if>.</#if></#macro>
<#macro sensitive p>That's a topic I stay out of as ${brandOf} assistant, so I'll pass on it. I'm happy to help with ${brandOf} products, prices, shipping or orders, though!</#macro>
<#macro off_topic p>That's outside what I can help with as ${brandOf} assistant, so I'd rather not guess. Ask me about our products, prices, shipping or orders; for anything else, please ask <@askHuman/>.</#macro>
<#macro health p>Honest answer: <#if p.title??>${p.title} is<#else>our products are</#if> not a medicine, and I can't promise any health, medical or treatment effect. For a health concern, please talk to a doctor or pharmacist.<#if p.title??> I'm happy to tell you what it is and how to use it.</#if></#macro>
<#macro competitor p>I can't speak for other brands or compare us with them<#if p.title??>, but here's what I can tell you about ours. ${p.title}: <@q p/>.<#else>; I can only tell you about ${brandOf} own products. Which one would you like to know about?</#if></#macro>
<#macro greeting p><#if p.greeting??>${p.greeting}<#else>Hi! I'm ${name}, ${brandOf} AI assistant.</#if><#if !(p.greeting?? && p.greeting?trim?ends_with("?"))> <#if variant == 0>Ask me anything about our products, prices or shipping!<#elseif variant == 1>What can I help you with today?<#else>How can I help?</#if></#if></#macro>
<#macro thanks p><#if variant == 0>You're very welcome!<#elseif variant == 1>Happy to help!<#else>Anytime, thank you!</#if> Just message ${name} if you need anything else.</#macro>
<#macro fact p><#if (p.restates!false) && !(p.foreign!false)>${p.fact}.<#elseif p.foreign!false>About ${p.title}, our product info says: "${p.fact}".<#elseif variant == 0>${p.title}: ${p.fact}.<#elseif variant == 1>Here's what I can tell you about ${p.title}: ${p.fact}.<#else>${p.title}: ${p.fact}.</#if></#macro>
<#macro fact_missing p>I don't have information about the ${p.aspect?replace("_", " ")} of ${p.title}, so I won't guess; <@askHuman/> can tell you.</#macro>
<#macro topic p><#if p.unknown??>I don't have information about ${p.unknown}, so I can't promise that. What I know: <#else><#if variant == 1>Here's how it works: <#else></#if></#if><#if p.foreign!false>"${p.fact}" (${p.title}).<#elseif p.restates!false>${p.fact}.<#else>${p.title}: ${p.fact}.</#if><#if p.unknown??> For ${p.unknown}, please ask <@askHuman/>.</#if></#macro>
<#macro price p><#if p.amount??>${p.title} is ${p.amount}.<#elseif p.foreign!false>${p.title}, price as listed: "${p.fact}".<#else>${p.title}: ${p.fact}.</#if></#macro>
<#macro compare_missing p>I don't have information comparing <#list p.titles as t>${t}<#sep> and </#list> on "${p.compared}", so I won't guess; <@askHuman/> can tell you.<#if parts?size gt 1> What I do know:</#if></#macro>
<#macro price_missing p>I don't have a price for ${p.title}, so I won't guess. For the exact price, please ask <@askHuman/>.</#macro>
<#macro catalog p>Here's what we have: <#list p.titles as t>${t}<#sep>, </#list>. Which one would you like to know more about?</#macro>
<#macro price_list p>Here are our prices: <#list p.items as i>${i.title}: ${i.amount}<#sep>; </#list>. Which one are you interested in?</#macro>
<#macro unknown p>I don't see "${p.thing}" in what I know about ${brandOf} range, so I can't promise we have it. To check, please ask <@askHuman/>.</#macro>
<#macro no_answer p><#if variant == 0>I don't have reliable information about that, so I'd rather not guess.<#elseif variant == 1>I'm not sure about that one and don't want to make something up.<#else>Sorry, I don't know that yet.</#if> To be sure, please ask <@askHuman/>.</#macro>
<#macro directive p>I'm ${name}, ${brandOf} AI assistant, and that's not something I can do. I'm happy to help with ${brandOf} products, prices, shipping or orders, though. What would you like to know?</#macro>
<#macro which p>Which product do you mean? Tell me its name and I'll check.</#macro>
<#macro purchase p><#if p.title??>Great choice! ${p.title}<#if p.amount??> is ${p.amount}</#if>.</#if><#if p.howTo??> To order: <#if p.howToForeign!false>"${p.howTo}".<#else>${p.howTo}.</#if><#else> To place an order, please contact <@askHuman/>.</#if></#macro>
<#macro total p><#if p.lines?has_content><#list p.lines as l>${l.qty} × ${l.title}<#if l.title?has_content> </#if>(${l.unit}) = ${l.sum}<#sep>; </#list>.<#if p.lines?size gt 1> Total: ${p.total}.</#if><#else>For an order of ${p.total}:</#if><#if p.discounted??> With our offer (<#if p.discountForeign!false>"${p.discountRule}"<#else>${p.discountRule}</#if>), that's ${p.discounted}.</#if><#if p.threshold??><#if p.reached> That reaches free shipping (from ${p.threshold}).<#else> That's ${p.missing} short of free shipping (from ${p.threshold})<#if p.fee??>, so shipping is ${p.fee}</#if>.</#if></#if></#macro>
<#macro size p>For ${p.asked}, <#if p.exact>size ${p.label} fits best<#else>the closest is size ${p.label}</#if>: <#if p.foreign!false>"${p.row}"<#else>${p.row}</#if>.<#if !p.exact> You're between sizes, so please check with <@askHuman/> before ordering.</#if></#macro>
<#macro size_row p>Size ${p.label}: <#if p.foreign!false>"${p.row}"<#else>${p.row}</#if>.</#macro>
<#macro size_table p>Our size chart (${p.title}): <#list p.rows as r><#if p.foreign!false>"${r}"<#else>${r}</#if><#sep>; </#list>. Tell me your measurements and I'll pick a size.</#macro>
<#assign apologised = parts?filter(p -> p.kind == "complaint" || p.kind == "insult")?has_content>
<#if sentiment == "frustrated" && !apologised>I'm sorry for the trouble. </#if><#if sentiment == "excited" && !apologised>Love the enthusiasm! </#if><#if greeted>Hi there! </#if><#if thanked>You're welcome! </#if>
<#list parts as p><@.vars[p.kind] p=p/><#sep> </#list>
<#if explains && !apologised> If anything is unclear, just ask and I'll explain it step by step.</#if>
<#if catchphrase??> ${catchphrase}</#if>
