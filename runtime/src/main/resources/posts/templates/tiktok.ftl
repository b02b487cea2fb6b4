<#ftl output_format="plainText" strip_whitespace=true>
<#-- The tiktok post prompt: the shared prompt plus tiktok's own conventions. -->
<#import "common.ftl" as c>
<@c.prompt/>
TikTok: a short, energetic caption for a video; no links.
