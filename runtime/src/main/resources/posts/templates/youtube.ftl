<#ftl output_format="plainText" strip_whitespace=true>
<#-- The youtube post prompt: the shared prompt plus youtube's own conventions. -->
<#import "common.ftl" as c>
<@c.prompt/>
YouTube: a video description; the first two lines say what the video is about; no angle brackets.
