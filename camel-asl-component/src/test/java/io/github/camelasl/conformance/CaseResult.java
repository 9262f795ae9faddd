package io.github.camelasl.conformance;

/** How one case went: passed, failed (with a one-line difference) or skipped (with the reason). */
record CaseResult(ConformanceCase recorded, Verdict verdict, String detail) {

    enum Verdict { PASSED, FAILED, SKIPPED }

    static CaseResult passed(ConformanceCase recorded) {
        return new CaseResult(recorded, Verdict.PASSED, "");
    }

    static CaseResult failed(ConformanceCase recorded, String difference) {
        return new CaseResult(recorded, Verdict.FAILED, difference);
    }

    static CaseResult skipped(ConformanceCase recorded, String reason) {
        return new CaseResult(recorded, Verdict.SKIPPED, reason);
    }

    String name() {
        return recorded.name();
    }
}
