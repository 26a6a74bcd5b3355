package org.gmseal;

/** The shape of a drawn seal picture. */
public enum SealStyle {
    /** A round official seal (default 42 × 42 mm). */
    ROUND("round"),
    /** An oval seal (default 40 × 30 mm). */
    OVAL("oval");

    private final String cName;

    SealStyle(String cName) {
        this.cName = cName;
    }

    /** The name the C ABI uses. */
    public String cName() {
        return cName;
    }
}
