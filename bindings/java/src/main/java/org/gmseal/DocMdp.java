package org.gmseal;

/** The permissions of a certification signature (DocMDP, ISO 32000-1 §12.8.2.2). */
public enum DocMdp {
    /** {@code /P 1}: no changes (DSS and document timestamps excepted). */
    NO_CHANGES(1),
    /** {@code /P 2}: form filling and further signatures. */
    FORM_FILLING(2),
    /** {@code /P 3}: as 2, plus annotations. */
    ANNOTATIONS(3);

    private final int level;

    DocMdp(int level) {
        this.level = level;
    }

    /** The {@code /P} level. */
    public int level() {
        return level;
    }

    /** The permissions of a {@code /P} level. */
    public static DocMdp ofLevel(int level) {
        for (DocMdp d : values()) {
            if (d.level == level) {
                return d;
            }
        }
        throw new IllegalArgumentException("no DocMDP level " + level);
    }
}
