<#include "_common.ftl">
<@hello/>I don't have a price for ${title}, so I won't guess. For the exact price, <@askHuman/>.
