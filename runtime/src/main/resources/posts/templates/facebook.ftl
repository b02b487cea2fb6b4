<#ftl output_format="plainText" strip_whitespace=true>
<#-- The facebook post prompt: the shared prompt plus facebook's own conventions. -->
<#import "common.ftl" as c>
<@c.prompt/>
Facebook: friendly and conversational; invite comments.
