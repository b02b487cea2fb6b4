<#ftl output_format="plainText" strip_whitespace=true>
<#-- The x post prompt: the shared prompt plus x's own conventions. -->
<#import "common.ftl" as c>
<@c.prompt/>
X: one or two short sentences; every character counts.
