package io.github.camelasl.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.validation.DefinitionValidator;
import io.github.camelasl.validation.Diagnostic;
import io.github.camelasl.validation.ResourceChecks;
import io.github.camelasl.validation.ValidationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resolvers' deployment checks ({@link ResourceResolver#check}): asked of the resolver that resolves the
 * Resource, reported as SCHEMA_VALIDATION_FAILED at the state's field, and a Resource nothing resolves named.
 */
class ResourceCheckTest {

    private static final String ORDERS = "arn:aws:states:::orders:place";

    /** Resolves {@link #ORDERS} and requires OrderId in the literal Parameters. */
    private static final class OrdersResolver implements ResourceResolver {
        final List<String> checked = new ArrayList<>();

        @Override
        public Optional<String> resolve(String resource, CamelContext camelContext) {
            return ORDERS.equals(resource) ? Optional.of("direct:orders") : Optional.empty();
        }

        @Override
        public List<ResourceProblem> check(String resource, JsonNode taskState) {
            checked.add(resource);
            JsonNode parameters = taskState.get("Parameters");
            return parameters != null && (parameters.has("OrderId") || parameters.has("OrderId.$")) ? List.of()
                    : List.of(ResourceProblem.missing("Parameters", "OrderId"));
        }
    }

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private static String machine(String task) {
        return ("{'StartAt':'Place','States':{'Place':" + task + "}}").replace('\'', '"');
    }

    private List<Diagnostic> validate(ResourceResolvers resolvers, String definition) {
        return new AslDeployer(context, null, resolvers, null).validate(definition, "STANDARD");
    }

    @Test
    void theResolverOfTheResourceChecksTheTask() {
        OrdersResolver orders = new OrdersResolver();
        ResourceResolvers resolvers = new ResourceResolvers(context, List.of(orders));

        assertEquals(List.of(Diagnostic.error("SCHEMA_VALIDATION_FAILED",
                "The field 'OrderId' is required but was missing", "/States/Place/Parameters")),
                validate(resolvers, machine("{'Type':'Task','Resource':'" + ORDERS + "',"
                        + "'Parameters':{'Amount':3},'End':true}")));
        assertEquals(List.of(), validate(resolvers, machine("{'Type':'Task','Resource':'" + ORDERS + "',"
                + "'Parameters':{'OrderId.$':'$.id'},'End':true}")));
        assertEquals(List.of(ORDERS, ORDERS), orders.checked);
    }

    @Test
    void aMappingThatResolvesTheResourceFirstTakesTheChecksWithIt() {
        OrdersResolver orders = new OrdersResolver();
        ResourceMapping mapping = ResourceMapping.builder().map(ORDERS, "direct:on-prem-orders").build();
        ResourceResolvers resolvers = new ResourceResolvers(context, List.of(mapping), List.of(orders));

        assertEquals(List.of(), resolvers.check(ORDERS, Json("{'Type':'Task','Resource':'" + ORDERS + "'}")));
        assertEquals(Optional.of(mapping), resolvers.resolver(ORDERS));
        assertTrue(orders.checked.isEmpty());
    }

    @Test
    void aResolverWithoutChecksFindsNothing() {
        ResourceResolver plain = (resource, camelContext) -> Optional.of("direct:any");
        ResourceResolvers resolvers = new ResourceResolvers(context, List.of(plain));
        assertEquals(List.of(), resolvers.check(ORDERS, Json("{'Type':'Task','Resource':'" + ORDERS + "'}")));
    }

    @Test
    void aCheckThatFailsDoesNotStopTheDeployment() {
        ResourceResolver broken = new ResourceResolver() {
            @Override
            public Optional<String> resolve(String resource, CamelContext camelContext) {
                return Optional.of("direct:any");
            }

            @Override
            public List<ResourceProblem> check(String resource, JsonNode taskState) {
                throw new IllegalStateException("bug");
            }
        };
        ResourceResolvers resolvers = new ResourceResolvers(context, List.of(broken));
        assertEquals(List.of(), resolvers.check(ORDERS, Json("{'Type':'Task','Resource':'" + ORDERS + "'}")));
    }

    @Test
    void anArnNoResolverRunsIsNamedAsUnsupported() {
        ResourceResolvers resolvers = new ResourceResolvers(context, List.of());

        List<Diagnostic> problems = validate(resolvers, machine("{'Type':'Task',"
                + "'Resource':'arn:aws:states:::dynamodb:getItem','End':true}"));
        assertEquals(1, problems.size(), problems.toString());
        Diagnostic problem = problems.get(0);
        assertEquals("SCHEMA_VALIDATION_FAILED", problem.code());
        assertEquals("/States/Place/Resource", problem.location());
        assertTrue(problem.message().startsWith("The resource provided arn:aws:states:::dynamodb:getItem is not "
                + "supported"), problem.message());
        assertTrue(problem.message().contains("'dynamodb:getItem'"), problem.message());

        String function = "arn:aws:lambda:us-east-1:123456789012:function:train";
        String message = validate(resolvers, machine("{'Type':'Task','Resource':'" + function + "','End':true}"))
                .get(0).message();
        assertTrue(message.startsWith("The resource provided " + function + " is not supported"), message);
        assertTrue(message.contains("'lambda' resource"), message);
    }

    @Test
    void anActivityNameThatWouldAddQueueOptionsIsRefusedAtTheResource() {
        ResourceResolvers resolvers = new ResourceResolvers(context, List.of());
        String activity = "arn:aws:states:us-east-1:123456789012:activity:review?concurrentConsumers=50&{{secret}}";

        assertEquals(List.of(Diagnostic.error("SCHEMA_VALIDATION_FAILED", "The resource provided " + activity
                + " cannot be run as an activity: its activity name 'review?concurrentConsumers=50&{{secret}}' holds "
                + "'?', which would change the endpoint URI; a part of a Resource put into a URI may hold only "
                + "letters, digits and - _ . : / $", "/States/Place/Resource")),
                validate(resolvers, machine("{'Type':'Task','Resource':'" + activity + "','End':true}")));
        assertEquals(List.of(), resolvers.check(activity, Json("{'Type':'Task'}")), "refused: nothing to check");
        assertEquals(List.of(), validate(resolvers, machine("{'Type':'Task',"
                + "'Resource':'arn:aws:states:us-east-1:123456789012:activity:review-v2.1_b','End':true}")));
    }

    @Test
    void anUnknownCamelSchemeIsNamed() {
        ResourceResolvers resolvers = new ResourceResolvers(context, List.of());
        String message = validate(resolvers, machine("{'Type':'Task','Resource':'nosuch:thing','End':true}"))
                .get(0).message();
        assertTrue(message.startsWith("The resource provided nosuch:thing is not recognized"), message);
        assertTrue(message.contains("'nosuch'"), message);
    }

    @Test
    void validationOptionsWithoutChecksKeepAwsWording() {
        ValidationOptions options = new ValidationOptions("STANDARD", r -> false);
        assertEquals(ResourceChecks.NONE, options.resourceChecks());
        List<Diagnostic> problems = DefinitionValidator.validate(machine("{'Type':'Task',"
                + "'Resource':'arn:aws:states:::dynamodb:query','End':true}"), options);
        assertEquals("The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a "
                + "valid resource ARN, or the resource is not available in this region.", problems.get(0).message());
    }

    @Test
    void checksGiveLocationsAtTheirFieldOrTheState() {
        ResourceChecks checks = (resource, state) -> List.of(new ResourceProblem("Arguments", "no 'Bucket'"),
                new ResourceProblem(null, "not here"));
        List<Diagnostic> problems = DefinitionValidator.validate(machine("{'Type':'Task','Resource':'direct:x',"
                + "'QueryLanguage':'JSONata','Arguments':{},'End':true}"),
                new ValidationOptions("STANDARD", r -> true, checks));
        assertEquals(List.of(Diagnostic.error("SCHEMA_VALIDATION_FAILED", "no 'Bucket'", "/States/Place/Arguments"),
                Diagnostic.error("SCHEMA_VALIDATION_FAILED", "not here", "/States/Place")), problems);
    }

    @Test
    void unsupportedResourcesAreNotChecked() {
        ResourceChecks checks = (resource, state) -> {
            throw new AssertionError("checked " + resource);
        };
        List<Diagnostic> problems = DefinitionValidator.validate(machine("{'Type':'Task','Resource':'direct:x',"
                + "'End':true}"), new ValidationOptions("STANDARD", r -> false, checks));
        assertEquals(1, problems.size());
    }

    private static JsonNode Json(String sketch) {
        try {
            return io.github.camelasl.dataflow.Json.parse(sketch.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
