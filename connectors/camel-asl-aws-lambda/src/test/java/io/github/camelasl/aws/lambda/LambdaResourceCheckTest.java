package io.github.camelasl.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aFunctionArnThatWouldAddEndpointOptionsIsRefusedAtTheResource() throws Exception {
        for (String tail : List.of("x?foo=bar&{{evil}}", "x&lazyStartProducer=true", "x#frag", "x%3Ffoo%3Dbar",
                "x${sys:user.home}", "x y")) {
            String arn = "arn:aws:lambda:us-east-1:123456789012:function:" + tail;
            List<String> problems = problems("{'Type':'Task','Resource':'" + arn + "','End':true}");
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("SCHEMA_VALIDATION_FAILED: The resource provided " + arn
                    + " cannot be run by the Lambda connector: it holds "), problems.get(0));
            assertTrue(problems.get(0).endsWith(", which would change the endpoint URI; a part of a Resource put "
                    + "into a URI may hold only letters, digits and - _ . : / $ at /States/T/Resource"),
                    problems.get(0));
        }
        // the region and account go into the URI too
        assertEquals(1, problems("{'Type':'Task','Resource':'arn:aws:lambda:us-east-1?a=b:1:function:x','End':true}")
                .size());
    }

    @Test
    void aFunctionArnAwsWouldRefuseIsNotRecognized() throws Exception {
        for (String function : List.of("a.b", "a/b", "a:$LATEST:extra", "a:v$1", "a:", "", "a".repeat(65))) {
            String arn = "arn:aws:lambda:us-east-1:123456789012:function:" + function;
            assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The resource provided " + arn + " is not recognized. The "
                    + "value is not a valid resource ARN, or the resource is not available in this region. (A "
                    + "Lambda function ARN is arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]; REGION "
                    + "is an AWS region such as us-east-1, ACCOUNT 12 digits, NAME 1 to 64 letters, digits, - or _; "
                    + "QUALIFIER is $LATEST, a version or an alias of the same characters.) at /States/T/Resource"),
                    problems("{'Type':'Task','Resource':'" + arn + "','End':true}"));
        }
        for (String function : List.of("train", "my-fn_2", "train:$LATEST", "train:7", "train:live-v2",
                "a".repeat(64))) {
            assertEquals(List.of(), problems("{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:"
                    + "function:" + function + "','End':true}"));
        }
    }

    @Test
    void aFunctionArnNamesTheFunctionItself() throws Exception {
        assertEquals(List.of(), problems("{'Type':'Task','Resource':"
                + "'arn:aws:lambda:us-east-1:123456789012:function:train','End':true}"));
    }

}
