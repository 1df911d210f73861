package dev.migrateportkey.plan;

/**
 * A finding silenced by a {@code migrate-portkey:ignore} comment, with the reason written there.
 * Kept in the plan so the report and SARIF can show what was kept on purpose, and why.
 *
 * @param finding  the finding as it would have been reported
 * @param reason   the text after {@code --} in the suppression
 */
public record SuppressedFinding(Finding finding, String reason) {
}
