package io.github.camelasl.aws.s3;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the S3 calls go and as whom. Unset values come from the environment, the standard AWS way
 * ({@link io.github.camelasl.aws.AwsEnvironment}); an {@link S3Client} in the registry replaces them all.
 */
@UriParams
public class S3Configuration implements Cloneable {

    @UriParam(description = "The AWS region. Default: AWS_REGION (or AWS_DEFAULT_REGION), then the SDK's region chain.")
    private String region;
    @UriParam(description = "The S3 endpoint to call instead of AWS's (S3Mock, MinIO, LocalStack). Default: "
                            + "AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL.")
    private String uriEndpointOverride;
    @UriParam(description = "Address buckets in the path (http://host/bucket/key) rather than in the host name, as "
                            + "most S3 stand-ins need. Default: true when an endpoint override is in use.")
    private Boolean forcePathStyle;
    @UriParam(label = "security", secret = true,
              description = "Access key id; with secretKey, used instead of the default credential chain.")
    private String accessKey;
    @UriParam(label = "security", secret = true, description = "Secret access key, with accessKey.")
    private String secretKey;
    @UriParam(label = "advanced", description = "The SDK client to use; it carries its own region, endpoint and "
                                                + "credentials.")
    @Metadata(autowired = true)
    private S3Client amazonS3Client;

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getUriEndpointOverride() {
        return uriEndpointOverride;
    }

    public void setUriEndpointOverride(String uriEndpointOverride) {
        this.uriEndpointOverride = uriEndpointOverride;
    }

    public Boolean getForcePathStyle() {
        return forcePathStyle;
    }

    public void setForcePathStyle(Boolean forcePathStyle) {
        this.forcePathStyle = forcePathStyle;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public S3Client getAmazonS3Client() {
        return amazonS3Client;
    }

    public void setAmazonS3Client(S3Client amazonS3Client) {
        this.amazonS3Client = amazonS3Client;
    }

    public S3Configuration copy() {
        try {
            return (S3Configuration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
