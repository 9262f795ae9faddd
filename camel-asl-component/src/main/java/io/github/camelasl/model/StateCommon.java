package io.github.camelasl.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields every state may carry.
 *
 * @param name          the state's name
 * @param pointer       JSON pointer of the state in the definition, for error messages
 * @param type          the ASL Type string
 * @param comment       Comment or null
 * @param queryLanguage the effective query language (state's own or inherited)
 * @param inputPath     InputPath: "$" when absent, null when explicitly null (effective input is {})
 * @param outputPath    OutputPath: "$" when absent, null when explicitly null (output is {})
 * @param next          Next or null
 * @param end           End
 * @param assign        Assign (variables) or null
 * @param output        Output (JSONata) or null
 */
public record StateCommon(
        String name, String pointer, String type, String comment, QueryLanguage queryLanguage,
        String inputPath, String outputPath, String next, boolean end, JsonNode assign, JsonNode output) {
}
