package io.github.camelasl.aws.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.validation.Diagnostic;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Required parameters the connector checks at deployment, through the resolver chain as the asl: component does. */
class S3ResourceCheckTest {

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

    private static String task(String action, String parameters) {
        return "{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:s3:" + action + "','Parameters':" + parameters
                + ",'End':true}";
    }

    @Test
    void objectActionsNeedTheBucketAndTheKey() throws Exception {
        for (String action : List.of("getObject", "putObject", "headObject", "deleteObject")) {
            assertEquals(List.of(missing("Bucket", "Parameters"), missing("Key", "Parameters")),
                    problems(task(action, "{}")), action);
            assertEquals(List.of(), problems(task(action, "{'Bucket':'b','Key.$':'$.key'}")), action);
        }
        assertEquals(List.of(missing("CopySource", "Parameters")),
                problems(task("copyObject", "{'Bucket':'b','Key':'k'}")));
    }

    @Test
    void listingsNeedTheBucketAndListBucketsNothing() throws Exception {
        assertEquals(List.of(missing("Bucket", "Parameters")), problems(task("listObjectsV2", "{'Prefix':'p'}")));
        assertEquals(List.of(), problems(task("listBuckets", "{}")));
    }

    /**
     * The regional form AWS's published samples write (e.g. the Distributed Map samples,
     * https://docs.aws.amazon.com/step-functions/latest/dg/sample-dist-map-csv-process.html) is the same integration:
     * it runs on the connector and is checked as the regionless form is.
     */
    @Test
    void theRegionalFormOfAnSdkIntegrationIsTheSameIntegration() throws Exception {
        String regional = "{'Type':'Task','Resource':'arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject',"
                + "'Parameters':%s,'End':true}";
        assertEquals(List.of(), problems(regional.formatted("{'Bucket':'b','Key':'k'}")));
        assertEquals(List.of(missing("Bucket", "Parameters"), missing("Key", "Parameters")),
                problems(regional.formatted("{}")));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            assertEquals(java.util.Optional.of("asl-aws-s3:getObject"), new ResourceResolvers(context, List.of())
                    .resolve("arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject"));
        }
    }

    @Test
    void anActionTheConnectorLacksIsNamedAsUnsupported() throws Exception {
        List<String> problems = problems(task("putBucketPolicy", "{}"));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).startsWith("SCHEMA_VALIDATION_FAILED: The resource provided "
                + "arn:aws:states:::aws-sdk:s3:putBucketPolicy is not supported"), problems.get(0));
    }

    /**
     * AWS offers s3:getObject and s3:listObjectsV2 only as a Map's ItemReader, s3:putObject only as its ResultWriter:
     * a Task naming them is refused.
     */
    @Test
    void theItemReadersIntegrationsAreNotTaskResources() throws Exception {
        for (String integration : List.of("s3:getObject", "s3:listObjectsV2", "s3:getObject.waitForTaskToken",
                "s3:putObject")) {
            String resource = "arn:aws:states:::" + integration;
            assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The resource provided " + resource + " is not "
                    + "recognized. The value is not a valid resource ARN, or the resource is not available in this "
                    + "region. (" + integration.replace(".waitForTaskToken", "") + " is a Map's ItemReader or ResultWriter, not a Task "
                    + "integration: a Task calls arn:aws:states:::aws-sdk:s3:ACTION) at /States/T/Resource"),
                    problems("{'Type':'Task','Resource':'" + resource + "','Parameters':{'Bucket':'b','Key':'k'},"
                            + "'End':true}"), integration);
        }
        assertEquals(List.of(), problems("""
                {'Type':'Map','ItemReader':{'Resource':'arn:aws:states:::s3:getObject',
                  'ReaderConfig':{'InputType':'JSON'},'Parameters':{'Bucket':'b','Key':'k'}},
                 'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},
                  'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}"""));
        assertEquals(List.of(), problems("""
                {'Type':'Map','ItemReader':{'Resource':'arn:aws:states:::s3:listObjectsV2',
                  'Parameters':{'Bucket':'b'}},
                 'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},
                  'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}"""));
    }
}
