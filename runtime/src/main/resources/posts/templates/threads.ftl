<#ftl output_format="plainText" strip_whitespace=true>
<#-- The threads post prompt: the shared prompt plus threads's own conventions. -->
<#import "common.ftl" as c>
<@c.prompt/>
Threads: conversational; end with a question to the audience.
