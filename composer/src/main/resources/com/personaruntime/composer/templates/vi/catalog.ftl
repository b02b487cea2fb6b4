<#include "_common.ftl">
<@hello/>Bên mình hiện có: <#list titles as t>${t}<#sep>, </#list>. Bạn muốn tìm hiểu sản phẩm nào ạ?<@catch/>
