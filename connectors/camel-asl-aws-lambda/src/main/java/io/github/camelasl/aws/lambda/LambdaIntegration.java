package io.github.camelasl.aws.lambda;

/** The two ways an ASL Task calls Lambda. */
public enum LambdaIntegration {

    /**
     * {@code Resource: arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}: the effective input is the event and
     * the result is what the function returned.
     */
    function,

    /**
     * {@code Resource: arn:aws:states:::lambda:invoke}: the effective input holds Invoke's parameters (FunctionName,
     * Payload, Qualifier, InvocationType, ClientContext, LogType) and the result is Invoke's response as Step
     * Functions reports it ({@code ExecutedVersion}, {@code Payload}, {@code SdkHttpMetadata},
     * {@code SdkResponseMetadata}, {@code StatusCode}).
     */
    invoke
}
