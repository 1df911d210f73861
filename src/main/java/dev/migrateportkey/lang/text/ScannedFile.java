package dev.migrateportkey.lang.text;

import java.util.BitSet;
import java.util.List;

/**
 * What a syntax scanner found in a config file: its entries, the lines that are comments, and
 * the lines above which no comment line may be inserted (inside a YAML block scalar, a properties
 * continuation, a shell here-document), because there a new line would change a value.
 *
 * @param settings     entries in file order
 * @param commentLines 1-based numbers of lines that are comments only
 * @param opaqueLines  1-based numbers of lines that continue a value
 */
public record ScannedFile(List<Setting> settings, BitSet commentLines, BitSet opaqueLines) {

    public ScannedFile {
        settings = List.copyOf(settings);
    }
}
