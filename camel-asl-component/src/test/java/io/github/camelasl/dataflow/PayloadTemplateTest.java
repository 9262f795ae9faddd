package io.github.camelasl.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.model.Template;
import org.junit.jupiter.api.Test;

class PayloadTemplateTest {

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }

    @Test
    void dollarKeysReadPathsContextAndIntrinsicsNestedAndInArrays() throws Exception {
        JsonNode template = json("""
                {"static": "s", "n.$": "$.a.b", "ctx.$": "$$.State.Name",
                 "nested": {"list": [{"v.$": "$.a"}, 1]},
                 "f.$": "States.Format('{}-{}', $.a.b, $$.State.Name)"}""");
        JsonNode out = PayloadTemplate.evaluate(template, json("{\"a\":{\"b\":7}}"), Bindings.of(json("{\"State\":{\"Name\":\"S\"}}")));
        assertEquals(json("""
                {"static": "s", "n": 7, "ctx": "S", "nested": {"list": [{"v": {"b": 7}}, 1]}, "f": "7-S"}"""), out);
    }

    @Test
    void aMissingPathIsARuntimeErrorNamingTheField() throws Exception {
        AslError error = assertThrows(AslError.class,
                () -> PayloadTemplate.evaluate(json("{\"x.$\": \"$.nope\"}"), json("{}"), Bindings.of(json("{}"))));
        assertEquals("States.Runtime", error.error());
        assertTrue(error.cause().contains("'$.nope' specified for the field 'x.$'"), error.cause());
    }

    @Test
    void anIndefinitePathUnderAMissingFieldSelectsNothing() throws Exception {
        assertEquals(json("{\"x\": []}"),
                PayloadTemplate.evaluate(json("{\"x.$\": \"$.items[*].v\"}"), json("{}"), Bindings.of(json("{}"))));
    }

    @Test
    void aParsedTemplateSharesItsFixedPartsAndBuildsOnlyWhatHoldsADynamicField() throws Exception {
        JsonNode source = json("{\"fixed\": {\"a\": [1, 2]}, \"list\": [\"x\", {\"v.$\": \"$.v\"}], \"n.$\": \"$.n\"}");
        Template template = Template.parse(source);
        JsonNode out = PayloadTemplate.evaluate(template, json("{\"v\": true, \"n\": 3}"), Bindings.of(json("{}")));
        assertEquals(json("{\"fixed\": {\"a\": [1, 2]}, \"list\": [\"x\", {\"v\": true}], \"n\": 3}"), out);
        assertSame(source.get("fixed"), out.get("fixed"), "a part with no dynamic field is the definition's own");
        assertNotSame(source.get("list"), out.get("list"));
        assertTrue(Template.parse(json("{\"a\": {\"b\": 1}}")) instanceof Template.Fixed);
        assertTrue(Template.parse(json("{\"a\": \"$.b\"}")) instanceof Template.Fixed, "no .$ suffix: a plain string");
    }
}
