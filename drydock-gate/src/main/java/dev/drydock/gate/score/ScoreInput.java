package dev.drydock.gate.score;

/**
 * What the score is computed from.
 *
 * @param mustPassFailed must-pass rules that failed
 * @param mayFailFailed may-fail rules that failed
 * @param kevFailing distinct failing (not waived) findings in CISA KEV: one per finding however many rules it
 *     fails ({@code Counts.failingKev})
 * @param expiredWaivers waivers that have expired
 * @param anyFixableHighOrCritical whether any fixable HIGH or CRITICAL vulnerability was found, waived or not
 * @param waivers waivers in the baseline
 * @param waiversWithTicket of those, the ones with a ticket
 */
public record ScoreInput(int mustPassFailed, int mayFailFailed, int kevFailing, int expiredWaivers,
    boolean anyFixableHighOrCritical, int waivers, int waiversWithTicket) {}
