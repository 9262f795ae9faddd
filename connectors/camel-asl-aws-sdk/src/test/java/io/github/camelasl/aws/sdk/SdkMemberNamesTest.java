package io.github.camelasl.aws.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.aws.SdkJson;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Keeps SdkJson's rename table honest: walks every request and response (and the structures in them) of every
 * operation of the SDK modules on the test classpath, and lists each body or path member whose v2 member name and
 * wire name differ other than by case; those are the places where PascalCase of the member name might not be AWS's
 * name. Each is reviewed in {@value #REVIEWED}: renamed (SdkJson uses the wire name) or kept (AWS's name is the
 * member name). A new, unreviewed one fails this test.
 */
class SdkMemberNamesTest {

    private static final String REVIEWED = "/sdk-member-names-reviewed.txt";

    @Test
    void everyMemberWhoseNamesDifferIsReviewed() throws IOException {
        Set<String> found = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        int operations = 0;
        for (SdkServices.Service service : SdkServices.services(getClass().getClassLoader()).values()) {
            for (Method method : service.client().getMethods()) {
                if (method.getParameterCount() != 1 || !SdkRequest.class.isAssignableFrom(method.getParameterTypes()[0])
                        || !SdkResponse.class.isAssignableFrom(method.getReturnType())) {
                    continue;
                }
                operations++;
                walk(service.name(), pojo(method.getParameterTypes()[0]), found, seen);
                walk(service.name(), pojo(method.getReturnType()), found, seen);
            }
        }
        assertTrue(operations > 300, "operations walked: " + operations);
        Set<String> reviewed = reviewed();
        Set<String> unreviewed = new TreeSet<>(found);
        unreviewed.removeAll(reviewed);
        assertEquals(Set.of(), unreviewed, "members whose v2 and wire names differ, not reviewed in " + REVIEWED
                + " (add each as 'renamed' when AWS uses the wire name, and to SdkJson.RENAMES; else 'kept')");
    }

    private static void walk(String service, SdkPojo pojo, Set<String> found, Set<String> seen) {
        Deque<SdkPojo> todo = new ArrayDeque<>();
        todo.add(pojo);
        while (!todo.isEmpty()) {
            SdkPojo next = todo.pop();
            String shape = next.getClass().getName();
            if (!seen.add(shape)) {
                continue;
            }
            for (SdkField<?> field : next.sdkFields()) {
                MarshallLocation location = field.location();
                if ((location == MarshallLocation.PAYLOAD || location == MarshallLocation.PATH
                        || location == MarshallLocation.GREEDY_PATH) && field.locationName() != null
                        && !field.locationName().toLowerCase(Locale.ROOT)
                                .equals(field.memberName().toLowerCase(Locale.ROOT))) {
                    String verdict = SdkJson.awsName(field).equals(field.locationName()) ? "renamed" : "kept";
                    found.add(service + " " + simpleName(next) + "." + field.memberName() + " "
                            + field.locationName() + " " + verdict);
                }
                nested(field).forEach(todo::add);
            }
        }
    }

    private static java.util.List<SdkPojo> nested(SdkField<?> field) {
        java.util.List<SdkPojo> nested = new java.util.ArrayList<>();
        SdkField<?> f = field;
        while (f != null) {
            if (f.constructor() != null && f.marshallingType().getTargetClass() == SdkPojo.class) {
                nested.add(f.constructor().get());
                break;
            }
            ListTrait list = f.getOptionalTrait(ListTrait.class).orElse(null);
            MapTrait map = f.getOptionalTrait(MapTrait.class).orElse(null);
            f = list != null ? list.memberFieldInfo() : map != null ? map.valueFieldInfo() : null;
        }
        return nested;
    }

    private static String simpleName(SdkPojo pojo) {
        Class<?> type = pojo.getClass();
        while (type.getDeclaringClass() != null) {
            type = type.getDeclaringClass();
        }
        return type.getSimpleName();
    }

    private static SdkPojo pojo(Class<?> model) {
        try {
            return (SdkPojo) model.getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(model + " has no builder", e);
        }
    }

    private static Set<String> reviewed() throws IOException {
        Set<String> reviewed = new TreeSet<>();
        try (InputStream in = SdkMemberNamesTest.class.getResourceAsStream(REVIEWED)) {
            if (in == null) {
                return reviewed;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.replaceFirst("#.*", "").trim();
                if (!entry.isEmpty()) {
                    reviewed.add(entry.replaceAll("\\s+", " "));
                }
            }
        }
        return reviewed;
    }
}
