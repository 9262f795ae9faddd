package io.github.camelasl.aws.s3;

import io.github.camelasl.aws.AwsConnectionConfiguration;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the S3 calls go and as whom. Unset values come from the environment, the standard AWS way
 * ({@link io.github.camelasl.aws.AwsEnvironment}); an {@link S3Client} in the registry replaces them all.
 */
@UriParams
public class S3Configuration extends AwsConnectionConfiguration {

    @UriParam(description = "Address buckets in the path (http://host/bucket/key) rather than in the host name, as "
                            + "most S3 stand-ins need. Default: true when an endpoint override is in use.")
    private Boolean forcePathStyle;
    @UriParam(label = "advanced", description = "The SDK client to use; it carries its own region, endpoint and "
                                                + "credentials.")
    @Metadata(autowired = true)
    private S3Client amazonS3Client;

    public Boolean getForcePathStyle() {
        return forcePathStyle;
    }

    public void setForcePathStyle(Boolean forcePathStyle) {
        this.forcePathStyle = forcePathStyle;
    }

    public S3Client getAmazonS3Client() {
        return amazonS3Client;
    }

    public void setAmazonS3Client(S3Client amazonS3Client) {
        this.amazonS3Client = amazonS3Client;
    }

    @Override
    public S3Configuration copy() {
        return (S3Configuration) super.copy();
    }
}
