package io.github.camelasl.model;

/** The two query languages of ASL. JSONPath is the default; a JSONata machine cannot hold JSONPath states. */
public enum QueryLanguage {
    JSONPath,
    JSONata;

    public static QueryLanguage parse(String text, QueryLanguage fallback) {
        if (text == null) {
            return fallback;
        }
        return "JSONata".equals(text) ? JSONata : JSONPath;
    }
}
