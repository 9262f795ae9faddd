package io.github.camelasl.test;

import static io.github.camelasl.test.AslAssertions.assertThat;
import static io.github.camelasl.test.AslAssertions.assertThatThrownBy;

import io.github.camelasl.AslValidationException;
import io.github.camelasl.engine.StateMachineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A definition is deployed from its text, a file or a classpath resource; what cannot be is an error saying why. */
class DeployTest {

    private static final String HELLO = "{\"StartAt\": \"Hi\", \"States\": {\"Hi\": {\"Type\": \"Pass\", "
            + "\"Result\": \"hello\", \"End\": true}}}";

    private static AslTestKit kit;

    @BeforeAll
    static void kit() {
        kit = AslTestKit.create();
    }

    @AfterAll
    static void close() {
        kit.close();
    }

    @Test
    void fromAFile(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("hello.asl.json"), HELLO);

        assertThat(kit.deploy("FromFile", file.toString()).run("{}")).succeeded().hasOutput("\"hello\"");
        assertThat(kit.deploy("FromFileUri", "file:" + file).run("{}")).succeeded();
    }

    @Test
    void fromTheClasspathWithOrWithoutItsPrefix() {
        assertThat(kit.deploy("Prefixed", "classpath:shop.asl.json").stateMachineArn()).endsWith(":Prefixed");
        assertThat(kit.deploy("Bare", "mock/LambdaSQSIntegration.asl.json").name()).isEqualTo("Bare");
    }

    @Test
    void anExpressStateMachine() {
        StateMachineUnderTest express = kit.deploy(StateMachineConfig.of("Quick").withType("EXPRESS"), HELLO);

        assertThat(express.run("{}")).succeeded().hasEventTypes("ExecutionStarted", "PassStateEntered",
                "PassStateExited", "ExecutionSucceeded");
    }

    @Test
    void stateMachineFindsOneTheKitDeployed() {
        StateMachineUnderTest deployed = kit.deploy("Found", HELLO);

        assertThat(kit.stateMachine("Found")).isSameAs(deployed);
    }

    @Test
    void whatCannotBeDeployedSaysWhy() {
        assertThatThrownBy(() -> kit.deploy("Missing", "nowhere/none.asl.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither JSON text, nor a file")
                .hasMessageContaining("nor a classpath resource");
        assertThatThrownBy(() -> kit.deploy("MissingResource", "classpath:none.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No classpath resource");
        assertThatThrownBy(() -> kit.deploy("Invalid", "{\"StartAt\": \"Nowhere\", \"States\": {}}"))
                .isInstanceOf(AslValidationException.class).hasMessageContaining("Nowhere");
        assertThatThrownBy(() -> kit.deploy("Empty", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The definition is empty");
        assertThatThrownBy(() -> kit.stateMachine("Unknown")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No state machine named 'Unknown'");
    }

    @Test
    void inputThatIsNotJsonIsRefused() {
        StateMachineUnderTest hello = kit.deploy("BadInput", HELLO);

        assertThatThrownBy(() -> hello.run("{oops")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The input is not JSON text");
    }
}
