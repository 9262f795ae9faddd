package io.github.camelasl.resource;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in resource policies, {@link ResourcePolicy#defaults} and {@link ResourcePolicy#strict} (their javadoc
 * gives the rules). The denied components were chosen from Camel 4's component catalog: those that run code or
 * commands, read templates, scripts or schemas from a resource, reach files, or use the application's databases or
 * its runtime. Languages (Groovy, JavaScript, Python, jOOR, OGNL, SpEL, ...) are not components: they are reached
 * through {@code language:}, which is denied.
 */
final class BuiltInResourcePolicy implements ResourcePolicy {

    private static final String HOW_TO_ALLOW = " (allow it explicitly with allowedResources or --allow-resource if "
            + "the definition may do that)";

    /** Component scheme to why it is denied. */
    private static final Map<String, String> DENIED = new HashMap<>();
    /** Families of components, by scheme prefix, to why they are denied. */
    private static final Map<String, String> DENIED_PREFIXES = Map.of(
            "kubernetes-", "controls the Kubernetes cluster the application can reach",
            "openshift-", "controls the OpenShift cluster the application can reach");

    static {
        deny("runs operating-system commands", "exec", "ssh");
        deny("creates and calls any Java class on the classpath", "class");
        deny("runs a script in any language Camel has, read from the URI or a resource", "language");
        deny("runs code it loads", "wasm", "robotframework");
        deny("controls containers on the Docker host", "docker");
        deny("starts, stops and changes the application's routes", "controlbus", "dynamic-router-control");
        deny("creates routes from a template, which can be loaded from a file", "kamelet");
        deny("creates objects of classes named by the URI or the data", "dataformat", "stax");
        deny("runs a template, script or transformation read from a resource (a file of the host, for one)",
                "xslt", "xslt-saxon", "xquery", "velocity", "freemarker", "mustache", "mvel", "string-template",
                "chunk", "thymeleaf", "jte", "jsonata", "jslt", "jolt", "json-patch", "smooks", "fop", "flatpack",
                "dfdl", "xj");
        deny("reads a schema from a resource (a file of the host, for one)", "validator", "json-validator",
                "schematron", "rest-openapi");
        deny("calls another endpoint its path names, which this policy would not see", "dataset-test", "master");
        deny("reads and writes files of the host", "stream", "lucene", "git");
        deny("reaches file servers, with the credentials the URI carries", "ftp", "ftps", "sftp", "scp", "smb",
                "mina-sftp");
        deny("runs queries on the application's databases", "jdbc", "sql", "sql-stored", "spring-jdbc", "mybatis",
                "mybatis-bean", "jpa", "jooq", "duckdb");
    }

    private static void deny(String why, String... schemes) {
        for (String scheme : schemes) {
            DENIED.put(scheme, why);
        }
    }

    /**
     * Registry beans no Task may call, by type name (so no Spring dependency is needed): they hold the application's
     * configuration and secrets (Spring Boot binds {@code systemEnvironment}, {@code systemProperties},
     * {@code environment}) or run it (the CamelContext, its components, endpoints and services).
     */
    private static final Set<String> INFRASTRUCTURE = Set.of("java.util.Map", "java.util.Dictionary",
            "java.util.Properties", "java.lang.ClassLoader", "javax.sql.DataSource",
            "org.springframework.beans.factory.BeanFactory", "org.springframework.context.ApplicationContext",
            "org.springframework.core.env.PropertyResolver", "org.springframework.core.env.Environment",
            "org.apache.camel.CamelContext", "org.apache.camel.Service", "org.apache.camel.Component",
            "org.apache.camel.Endpoint", "org.apache.camel.ProducerTemplate", "org.apache.camel.ConsumerTemplate",
            "org.apache.camel.FluentProducerTemplate", "org.apache.camel.TypeConverter",
            "org.apache.camel.spi.Registry", "org.apache.camel.spi.BeanRepository",
            "org.apache.camel.spi.PropertiesComponent");
    /** The {@code file:} options that name a file or folder, relative to the endpoint's folder. */
    private static final List<String> FILE_PATH_OPTIONS = List.of("fileName", "tempFileName", "tempPrefix", "move",
            "moveFailed", "preMove", "moveExisting", "doneFileName");

    private final List<Path> allowedFolders;
    private final boolean strict;

    BuiltInResourcePolicy(Collection<Path> allowedFolders, boolean strict) {
        this.allowedFolders = allowedFolders.stream().map(f -> f.toAbsolutePath().normalize()).toList();
        this.strict = strict;
    }

    @Override
    public Decision decide(ResolvedResource resource) {
        String hazard = CamelUris.hazard(resource.resource());
        if (hazard != null) {
            return Decision.deny(hazard);
        }
        String uri = resource.uri();
        String scheme = CamelUris.scheme(uri);
        if (resource.insertsResourceParts() && "file".equals(scheme)) {
            return file(uri); // the mapping is configuration, but the Resource chose part of the path
        }
        if (resource.resolution() != ResolvedResource.Resolution.CAMEL_URI) {
            return Decision.allow(); // the application's configuration, a connector or its activity workers
        }
        if ("direct".equals(scheme) || "seda".equals(scheme)) {
            return Decision.allow();
        }
        if ("bean".equals(scheme)) {
            return bean(resource);
        }
        if ("file".equals(scheme)) {
            return file(uri);
        }
        if ("asl".equals(scheme) && CamelUris.options(uri).stream().anyMatch(o -> o.is("definition"))) {
            return Decision.deny("an asl: endpoint with a definition reads it from a resource (a file of the host, "
                    + "for one) and deploys it; name a state machine another endpoint deploys instead" + HOW_TO_ALLOW);
        }
        String why = DENIED.get(scheme);
        if (why == null) {
            why = DENIED_PREFIXES.entrySet().stream().filter(e -> scheme != null && scheme.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (why != null) {
            return Decision.deny("the '" + scheme + "' component " + why + HOW_TO_ALLOW);
        }
        if (strict) {
            return Decision.deny("the strict resource policy allows only connectors, resource mappings, resolvers, "
                    + "activities, direct:, seda:, files in allowedFolders and what allowedResources allows");
        }
        return Decision.allow();
    }

    private Decision bean(ResolvedResource resource) {
        String name = CamelUris.path(resource.uri());
        Object bean = name.isEmpty() || name.indexOf('#') >= 0 || name.indexOf(':') >= 0
                || resource.camelContext() == null ? null : resource.camelContext().getRegistry().lookupByName(name);
        if (bean == null) {
            return Decision.deny("'" + name + "' is not a bean in the registry, and 'bean:' with a class name "
                    + "creates and calls that class" + HOW_TO_ALLOW);
        }
        String infrastructure = infrastructureType(bean.getClass());
        if (infrastructure != null) {
            return Decision.deny("bean '" + name + "' is a " + infrastructure + ", which holds or runs the "
                    + "application and is not callable from a definition" + HOW_TO_ALLOW);
        }
        return strict ? Decision.deny("the strict resource policy allows no bean: endpoint unless allowedResources "
                + "does (a registry holds beans never meant to be called, the CamelContext among them)")
                : Decision.allow();
    }

    private Decision file(String uri) {
        if (allowedFolders.isEmpty()) {
            return Decision.deny("'file' endpoints are allowed only in allowedFolders, and none is set");
        }
        Path folder = CamelUris.folder(CamelUris.path(uri));
        if (folder == null) {
            return Decision.deny("its folder '" + CamelUris.path(uri) + "' is not a plain path (percent-encoded or "
                    + "invalid)");
        }
        Path absolute = folder.toAbsolutePath().normalize();
        if (allowedFolders.stream().noneMatch(absolute::startsWith)) {
            return Decision.deny("its folder " + absolute + " is outside allowedFolders " + allowedFolders);
        }
        List<CamelUris.Option> options;
        try {
            options = CamelUris.options(uri);
        } catch (IllegalArgumentException e) {
            return Decision.deny(e.getMessage());
        }
        for (CamelUris.Option option : options) {
            if (option.is("jailStartingDirectory") && option.value().strip().equalsIgnoreCase("false")) {
                return Decision.deny("jailStartingDirectory=false would let it write outside its folder");
            }
            if (FILE_PATH_OPTIONS.stream().anyMatch(option::is) && leavesFolder(option.value())) {
                return Decision.deny("option '" + option.name() + "' ('" + option.value() + "') names a file outside "
                        + "its folder (an absolute path or a '..' segment)");
            }
        }
        return Decision.allow();
    }

    private static boolean leavesFolder(String path) {
        String slashed = path.strip().replace('\\', '/');
        return slashed.startsWith("/") || slashed.matches("(?s)[A-Za-z]:.*")
                || List.of(slashed.split("/")).contains("..");
    }

    /** The first infrastructure type {@code type} is or extends or implements, or null. */
    private static String infrastructureType(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (INFRASTRUCTURE.contains(c.getName())) {
                return c.getName();
            }
            for (Class<?> implemented : c.getInterfaces()) {
                String found = infrastructureType(implemented);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
