<#ftl output_format="plainText" strip_whitespace=true>
<#-- The instagram post prompt: the shared prompt plus instagram's own conventions. -->
<#import "common.ftl" as c>
<@c.prompt/>
Instagram: a warm, visual caption; a hook in the first line; 'link in bio' instead of URLs.
