package io.tellonce.matching;

/**
 * One field's value, prepared once per record so that comparing a pair does no text work:
 * as given, folded (case, accents and punctuation the way the field wants them), and its name sounds.
 */
public record FieldValue(String raw, String folded, String sound, String alternateSound) {

    public boolean soundsLike(FieldValue other) {
        return !sound.isEmpty() && (sound.equals(other.sound) || sound.equals(other.alternateSound)
                || alternateSound.equals(other.sound));
    }
}
