package com.personaruntime.web.console;

/**
 * One link of the console navigation.
 *
 * @param messageKey key of the link text in the message bundles, e.g. {@code nav.posts}
 * @param path       absolute path, e.g. {@code /console/posts}; the link is marked current on
 *                   this path and below it
 * @param order      position in the nav, smaller first (personas 10, moderation 20, posts 30,
 *                   insights 40, guard bench 50, transcripts 60, audit 70, members 80, tokens 90,
 *                   account 100)
 */
public record NavItem(String messageKey, String path, int order) {
}
