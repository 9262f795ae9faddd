package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SigV4 recomputed as AWS's clients compute it, over exactly the headers they signed. */
class SignatureV4Test {

    /**
     * A request of the AWS CLI 1.45.11 (botocore 1.43.11), which signs content-type, host, x-amz-date and
     * x-amz-target but sends no x-amz-content-sha256: its canonical request and signature as `--debug` printed them.
     */
    @Test
    void theAwsCliSignatureIsRecomputed() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/x-amz-json-1.0"));
        headers.put("host", List.of("127.0.0.1:8096"));
        headers.put("x-amz-date", List.of("20261207T142158Z"));
        headers.put("x-amz-target", List.of("AWSStepFunctions.ListStateMachines"));

        String canonical = SignatureV4.canonicalRequest("POST", "/", null, headers,
                "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals("""
                POST
                /

                content-type:application/x-amz-json-1.0
                host:127.0.0.1:8096
                x-amz-date:20261207T142158Z
                x-amz-target:AWSStepFunctions.ListStateMachines

                content-type;host;x-amz-date;x-amz-target
                44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a""", canonical);
        assertEquals("f0d95e0460a3c6b2482abeb629ccd17c149c0bcc316a405150d5a3312c4e2667",
                SignatureV4.signature(canonical, "20261207T142158Z", "20261207", "us-east-1", "states", "s3cret"));
    }

    /** AWS's Signature Version 4 test suite, case get-vanilla-query-order-key-case. */
    @Test
    void awsTestSuiteQueryParametersAreSorted() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("example.amazonaws.com"));
        headers.put("x-amz-date", List.of("20150830T123600Z"));

        String canonical = SignatureV4.canonicalRequest("GET", "/", "Param2=value2&Param1=value1", headers,
                new byte[0]);

        assertEquals("""
                GET
                /
                Param1=value1&Param2=value2
                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", canonical);
        assertEquals("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
                SignatureV4.signature(canonical, "20150830T123600Z", "20150830", "us-east-1", "service",
                        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    }

    /** AWS's Signature Version 4 test suite, case get-vanilla. */
    @Test
    void awsTestSuiteVanilla() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("example.amazonaws.com"));
        headers.put("x-amz-date", List.of("20150830T123600Z"));

        String canonical = SignatureV4.canonicalRequest("GET", "/", null, headers, new byte[0]);

        assertEquals("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
                SignatureV4.signature(canonical, "20150830T123600Z", "20150830", "us-east-1", "service",
                        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    }

    @Test
    void pathSegmentsAreEncodedAgainAsEveryServiceButS3Does() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("h"));
        String canonical = SignatureV4.canonicalRequest("POST", "/step%20functions/api", null, headers, new byte[0]);
        assertEquals("/step%2520functions/api", canonical.split("\n")[1]);
    }
}
