<#ftl output_format="plainText" strip_whitespace=true>
<#-- The linkedin post prompt: the shared prompt plus linkedin's own conventions. -->
<#import "common.ftl" as c>
<@c.prompt/>
LinkedIn: professional, clear and useful; no slang.
