<#include "_common.ftl">
<@hello/>Giá bên mình nè bạn: <#list items as i>${i.title}: ${i.fact}<#sep>; </#list>.
Bạn đang quan tâm sản phẩm nào ạ?<@catch/>
