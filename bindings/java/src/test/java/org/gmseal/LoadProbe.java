package org.gmseal;

/** Run in a child JVM by {@link LoaderTest}: loads the library twice and prints what happened. */
public final class LoadProbe {
    private LoadProbe() {}

    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            try {
                System.out.println("OK " + Gmseal.version());
            } catch (Throwable t) {
                System.out.println("FAIL " + t.getClass().getName() + ": " + t.getMessage());
            }
        }
    }
}
