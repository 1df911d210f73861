package dev.migrateportkey.config;

/**
 * The provider a piece of code pinned its requests to, as a Concentrate slug prefix.
 *
 * @param prefix  the Concentrate prefix ({@code bedrock}, {@code azure}, {@code ai-studio}, ...)
 * @param from    what named it, as the code had it ({@code openai}, {@code @openai-prod}, a virtual key name)
 * @param guessed true when the prefix was guessed from a virtual key's name rather than known
 */
public record ProviderPin(String prefix, String from, boolean guessed) {

    /** A short phrase for messages: {@code bedrock} or {@code openai (guessed from the name 'openai-prod')}. */
    public String describe() {
        String name = from.startsWith("@") ? from.substring(1) : from;
        return guessed ? prefix + " (a guess from the virtual key name '" + from + "': confirm it with --virtual-key "
                + name + "=PROVIDER)" : prefix;
    }
}
