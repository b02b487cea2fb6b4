<#include "_common.ftl">
<#if variant == 0>Mình rất xin lỗi vì trải nghiệm chưa tốt này của bạn.<#else>Mình thật sự xin lỗi, chuyện này không nên xảy ra với bạn.</#if>
Để được hỗ trợ và xử lý nhanh nhất, <@askHuman/>.
