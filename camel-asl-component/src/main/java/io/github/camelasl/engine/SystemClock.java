package io.github.camelasl.engine;

/** {@link EngineClock#system()}: a singleton, so that reading it costs one call and no allocation. */
final class SystemClock implements EngineClock {

    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return "EngineClock.system()";
    }
}
