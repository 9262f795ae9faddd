package io.github.camelasl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The apiContextPath option needs camel-asl-server, which this module does not depend on: without it on the
 * classpath (as in this module's tests) the context does not start, and says why, naming the option.
 */
class AslComponentApiOptionTest {

    @Test
    void apiContextPathWithoutTheServerModuleFailsTheStartNamingTheOptionAndTheModule() throws Exception {
        AslComponent asl = new AslComponent();
        asl.setStore("memory");
        asl.setApiContextPath("/stepfunctions");
        String message = startFailure(asl);
        assertTrue(message.contains("apiContextPath") && message.contains("camel-asl-server"), message);
    }

    @Test
    void apiCredentialsFileWithoutApiContextPathFailsTheStart() throws Exception {
        AslComponent asl = new AslComponent();
        asl.setStore("memory");
        asl.setApiCredentialsFile("credentials");
        String message = startFailure(asl);
        assertTrue(message.contains("apiCredentialsFile") && message.contains("needs apiContextPath"), message);
    }

    @Test
    void apiSigningRegionWithoutApiCredentialsFileFailsTheStart() throws Exception {
        AslComponent asl = new AslComponent();
        asl.setStore("memory");
        asl.setApiContextPath("/stepfunctions");
        asl.setApiSigningRegion("eu-west-1");
        String message = startFailure(asl);
        assertTrue(message.contains("apiSigningRegion") && message.contains("needs apiCredentialsFile"), message);
    }

    @Test
    void consoleContextPathWithoutApiContextPathFailsTheStart() throws Exception {
        AslComponent asl = new AslComponent();
        asl.setStore("memory");
        asl.setConsoleContextPath("/console");
        String message = startFailure(asl);
        assertTrue(message.contains("consoleContextPath") && message.contains("needs apiContextPath"), message);
    }

    @Test
    void theConsoleAndTheApiCannotShareAPath() throws Exception {
        AslComponent asl = new AslComponent();
        asl.setStore("memory");
        asl.setApiContextPath("/asl"); // the console's default path
        String message = startFailure(asl);
        assertTrue(message.contains("consoleContextPath") && message.contains("must differ"), message);
    }

    @Test
    void falseOrAnEmptyConsoleContextPathServesNoConsole() {
        AslComponent asl = new AslComponent();
        asl.setConsoleContextPath("false");
        org.junit.jupiter.api.Assertions.assertEquals("", asl.getConsoleContextPath());
        asl.setConsoleContextPath(" ");
        org.junit.jupiter.api.Assertions.assertEquals("", asl.getConsoleContextPath());
        asl.setConsoleContextPath(null);
        org.junit.jupiter.api.Assertions.assertNull(asl.getConsoleContextPath());
    }

    private static String startFailure(AslComponent asl) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("asl", asl);
            Exception failed = assertThrows(Exception.class, camel::start);
            StringBuilder messages = new StringBuilder();
            for (Throwable t = failed; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            return messages.toString();
        }
    }
}
