<#include "_common.ftl">
<#if variant == 0>I'm really sorry about this experience.<#else>I'm so sorry, that shouldn't have happened.</#if>
To get this sorted out quickly, <@askHuman/>.
