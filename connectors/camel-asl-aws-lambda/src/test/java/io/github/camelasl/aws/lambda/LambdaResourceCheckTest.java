package io.github.camelasl.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.validation.Diagnostic;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Required parameters the connector checks at deployment, through the resolver chain as the asl: component does. */
class LambdaResourceCheckTest {

    private static List<String> problems(String task) throws Exception {
        String definition = ("{'StartAt':'T','States':{'T':" + task + "}}").replace('\'', '"');
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ResourceResolvers resolvers = new ResourceResolvers(context, List.of());
            return new AslDeployer(context, null, resolvers, null).validate(definition, "STANDARD").stream()
                    .map(d -> d.code() + ": " + d.message() + " at " + d.location()).toList();
        }
    }

    private static String missing(String field, String where) {
        return "SCHEMA_VALIDATION_FAILED: The field '" + field + "' is required but was missing at /States/T/" + where;
    }

    private static final String INVOKE = "arn:aws:states:::lambda:invoke";

    @Test
    void invokeNeedsTheFunctionName() throws Exception {
        assertEquals(List.of(missing("FunctionName", "Parameters")), problems("{'Type':'Task','Resource':'" + INVOKE
                + "','Parameters':{'Payload.$':'$'},'End':true}"));
        assertEquals(List.of(), problems("{'Type':'Task','Resource':'" + INVOKE
                + "','Parameters':{'FunctionName.$':'$.fn'},'End':true}"));
    }

    @Test
    void jsonataArgumentsAreCheckedByTheirKeys() throws Exception {
        assertEquals(List.of(missing("FunctionName", "Arguments")), problems("{'Type':'Task','QueryLanguage':'JSONata',"
                + "'Resource':'" + INVOKE + "','Arguments':{'Payload':'{% $states.input %}'},'End':true}"));
        assertEquals(List.of(), problems("{'Type':'Task','QueryLanguage':'JSONata','Resource':'" + INVOKE
                + "','Arguments':{'FunctionName':'{% $states.input.fn %}'},'End':true}"));
        assertEquals(List.of(), problems("{'Type':'Task','QueryLanguage':'JSONata','Resource':'" + INVOKE
                + "','Arguments':'{% $states.input %}','End':true}"));
    }

    @Test
    void aFunctionArnNamesTheFunctionItself() throws Exception {
        assertEquals(List.of(), problems("{'Type':'Task','Resource':"
                + "'arn:aws:lambda:us-east-1:123456789012:function:train','End':true}"));
    }

}
