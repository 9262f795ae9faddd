package io.github.camelasl.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What AWS accepts but this engine does not run yet: reported when the definition is validated, so that
 * {@code validate} refuses what a deployment would, rather than passing a definition that cannot run.
 */
final class UnsupportedFeatureRules {

    private UnsupportedFeatureRules() {
    }

    static void check(StateContext state) {
        if (!"Map".equals(state.type())) {
            return;
        }
        JsonNode reader = state.field("ItemReader");
        String inputType = reader == null ? "" : reader.path("ReaderConfig").path("InputType").asText("");
        if (inputType.equals("MANIFEST") || inputType.equals("PARQUET")) {
            state.problems().add(Problems.UNSUPPORTED_FEATURE, Problems.unsupportedInputType(inputType),
                    Locations.field(Locations.field(state.at("ItemReader"), "ReaderConfig"), "InputType"));
        }
    }
}
