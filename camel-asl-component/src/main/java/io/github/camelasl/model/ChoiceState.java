package io.github.camelasl.model;

import java.util.List;

/** Choice: the first rule that matches names the next state; otherwise Default, or States.NoChoiceMatched. */
public record ChoiceState(StateCommon common, List<ChoiceRule.TopLevel> choices, String defaultState) implements State {
}
