package io.github.camelasl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExecutionRecordTest {

    private static ExecutionRecord running(String arn, String name) {
        return new ExecutionRecord(arn, "sm", name, ExecutionStatus.RUNNING, Json.NODES.objectNode(), null, null,
                null, Instant.EPOCH, null);
    }

    @Test
    void aNameTheArnEndsWithIsReadBackFromTheArn() {
        ExecutionRecord record = running("arn:aws:states:us-east-1:123456789012:execution:m:order-7", "order-7");
        assertEquals("order-7", record.name());
        // and it survives the copies a store makes
        assertEquals("order-7", record.finished(ExecutionStatus.FAILED, null, "E", "c", Instant.EPOCH).name());
        assertEquals("order-7", record.finished(ExecutionStatus.FAILED, null, "E", "c", Instant.EPOCH)
                .redriven(Instant.EPOCH).name());
        assertEquals(record, running(record.executionArn(), "order-7"));
        assertTrue(record.toString().contains(", name=order-7, "), record.toString());
    }

    @Test
    void aNameTheArnDoesNotEndWithIsKept() {
        // an EXPRESS execution's ARN ends with a uuid after its name
        String express = "arn:aws:states:us-east-1:123456789012:express:m:order-7:0f8f6b7e-1d2c-4c49-9a67-3b0f1c2d3e4f";
        assertEquals("order-7", running(express, "order-7").name());
        // a name only the end of the ARN's last part is not that part
        assertEquals("7", running("arn:aws:states:us-east-1:123456789012:execution:m:order-7", "7").name());
        assertEquals("e1", running("e1", "e1").name());
        assertNull(running("e2", null).name());
    }
}
