<#include "_common.ftl">
<#if variant == 0>You're very welcome!<#elseif variant == 1>Happy to help!<#else>Anytime, thank you!</#if>
Just message ${name} if you need anything else.<@catch/>
