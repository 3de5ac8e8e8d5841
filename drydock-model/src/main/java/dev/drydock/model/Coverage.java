package dev.drydock.model;

/**
 * Whether one family of a target's packages could be judged: an operating system release
 * ({@code debian 12}, {@code ubuntu 22.04}) or a language ecosystem ({@code npm}, {@code maven}). A family
 * with no advisory source in the store is "not checked": its packages have no findings because nothing
 * could find them, not because they are clean.
 *
 * @param family the family as shown to users ({@code ubuntu 22.04}, {@code npm}); {@code *} for a result
 *     matched with no store at all
 * @param packages how many of the target's packages belong to it
 * @param checked whether advisory data for the family was in the store
 * @param reason why not checked (one line, e.g. "no advisory data for ubuntu 22.04: 212 packages not
 *     checked"); null when checked
 */
public record Coverage(String family, int packages, boolean checked, String reason) {}
