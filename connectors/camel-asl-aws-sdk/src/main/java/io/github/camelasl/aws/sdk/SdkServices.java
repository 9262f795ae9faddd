package io.github.camelasl.aws.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.warmup.SdkWarmUpProvider;

/**
 * The AWS SDK v2 services a class loader has, by the name Step Functions' aws-sdk ARNs give them: the service's
 * package ({@code software.amazon.awssdk.services.sfn.SfnClient} is {@code sfn}; AWS's table of SDK integrations lists
 * exactly the v2 package names). Every v2 service jar declares an {@link SdkWarmUpProvider} naming its clients: that
 * is how they are found, without scanning jars. Read once per class loader.
 */
final class SdkServices {

    /** A service: its name and the interface of its synchronous client. */
    record Service(String name, Class<? extends SdkClient> client, String asyncClientName) {

        /** {@code software.amazon.awssdk:secretsmanager}, the Maven module the service comes in. */
        String module() {
            return "software.amazon.awssdk:" + name;
        }
    }

    private static final String PACKAGE = "software.amazon.awssdk.services.";
    private static final Map<ClassLoader, Map<String, Service>> BY_LOADER =
            Collections.synchronizedMap(new WeakHashMap<>());

    private SdkServices() {
    }

    /** The service named {@code name} among those {@code loader} sees. */
    static Optional<Service> find(String name, ClassLoader loader) {
        return Optional.ofNullable(services(loader).get(name));
    }

    static Map<String, Service> services(ClassLoader loader) {
        return BY_LOADER.computeIfAbsent(loader, SdkServices::discover);
    }

    private static Map<String, Service> discover(ClassLoader loader) {
        Map<String, Service> services = new LinkedHashMap<>();
        var providers = ServiceLoader.load(SdkWarmUpProvider.class, loader).iterator();
        while (true) {
            SdkWarmUpProvider provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                continue; // a jar built for another SDK version: its service is not available, the others are
            }
            String clientName = provider.syncClientClassName();
            if (clientName == null || !clientName.startsWith(PACKAGE)) {
                continue;
            }
            String pkg = clientName.substring(PACKAGE.length(), clientName.lastIndexOf('.'));
            if (pkg.contains(".")) {
                continue; // dynamodb.streams: a second client in a service's jar, no aws-sdk name of its own
            }
            try {
                Class<?> client = Class.forName(clientName, false, loader);
                if (SdkClient.class.isAssignableFrom(client)) {
                    services.putIfAbsent(pkg, new Service(pkg, client.asSubclass(SdkClient.class),
                            provider.asyncClientClassName()));
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // declared but not loadable with this SDK core: not available
            }
        }
        return Map.copyOf(services);
    }
}
