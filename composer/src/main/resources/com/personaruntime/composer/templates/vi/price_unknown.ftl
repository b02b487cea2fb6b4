<#include "_common.ftl">
<@hello/>Mình chưa có thông tin giá của ${title} nên không dám báo bừa. Để biết giá chính xác, <@askHuman/>.
