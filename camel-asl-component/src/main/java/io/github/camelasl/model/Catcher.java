package io.github.camelasl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One Catch entry. resultPath is "$" when absent, null when explicitly null. */
public record Catcher(List<String> errorEquals, String next, String resultPath, JsonNode assign, JsonNode output) {
}
