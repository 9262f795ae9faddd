package io.github.camelasl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One rule at a time. Definitions are written with single quotes for readability ({@link #def} turns them into
 * JSON); each test asserts the complete list of diagnostics as {@code CODE: message at location}.
 */
class DefinitionValidatorTest {

    private static final String SCHEMA = "SCHEMA_VALIDATION_FAILED";

    // ---- helpers ----

    /** JSON from a single-quoted sketch: ' becomes ", and \' stays a literal single quote. */
    private static String def(String sketch) {
        return sketch.replace("\\'", "\u0000").replace('\'', '"').replace('\u0000', '\'');
    }

    private static List<String> validate(String sketch) {
        return validate(sketch, ValidationOptions.defaults());
    }

    private static List<String> validate(String sketch, ValidationOptions options) {
        return DefinitionValidator.validate(def(sketch), options).stream().map(Diagnostic::toString).toList();
    }

    /** A machine whose only state is {@code state} (named S, ending the machine unless it says otherwise). */
    private static String single(String state) {
        return "{'StartAt':'S','States':{'S':" + state + "}}";
    }

    private static String error(String code, String message, String location) {
        return Diagnostic.error(code, message, location).toString();
    }

    private static String schema(String message, String location) {
        return error(SCHEMA, message, location);
    }

    // ---- tests ----

    @Test
    void validDefinitionHasNoDiagnostics() {
        assertEquals(List.of(), validate(single("{'Type':'Pass','End':true}")));
    }

    @Nested
    class Document {

        @Test
        void malformedJsonGivesJacksonsMessageWithLineAndColumn() {
            List<Diagnostic> diagnostics = DefinitionValidator.validate("{\"StartAt\":", ValidationOptions.defaults());
            assertEquals(1, diagnostics.size());
            Diagnostic d = diagnostics.get(0);
            assertEquals("INVALID_JSON_DESCRIPTION", d.code());
            assertEquals("[Source: (String)\"{\"StartAt\":\"; line: 1, column: 12]", d.location());
            assertEquals("Unexpected end-of-input within/between Object entries\n at " + d.location(), d.message());
        }

        /** Found by fuzzing: Jackson throws NumberFormatException for it, which validation let through. */
        @Test
        void aNumberNoDecimalCanHoldIsMalformedJson() {
            List<Diagnostic> diagnostics = DefinitionValidator.validate("{\"TimeoutSeconds\": 1e99999999999}",
                    ValidationOptions.defaults());
            assertEquals(1, diagnostics.size());
            assertEquals("INVALID_JSON_DESCRIPTION", diagnostics.get(0).code());
            assertTrue(diagnostics.get(0).message().contains("\"1e99999999999\""), diagnostics.get(0).message());
        }

        @Test
        void blankTextOrNonObjectIsNotADefinition() {
            String expected = schema("Definition must be a valid JSON object", null);
            assertEquals(List.of(expected), validate("  "));
            assertEquals(List.of(expected), validate("['StartAt']"));
            assertEquals(List.of(expected),
                    DefinitionValidator.validate((String) null, ValidationOptions.defaults()).stream()
                            .map(Diagnostic::toString).toList());
        }

        @Test
        void requiredTopLevelFieldsAreListedTogether() {
            assertEquals(List.of(schema("These fields are required: [States, StartAt]", "/")), validate("{}"));
        }

        @Test
        void unknownTopLevelFieldIsNotSupported() {
            assertEquals(List.of(schema("Field 'Startat' is not supported", "/")),
                    validate("{'Startat':'S','StartAt':'S','States':{'S':{'Type':'Pass','End':true}}}"));
        }

        @Test
        void fieldOfWrongTypeNamesTheExpectedType() {
            assertEquals(List.of(schema("Expected value of type [OBJECT]", "/States")),
                    validate("{'StartAt':'S','States':[]}"));
        }

        @Test
        void queryLanguageMustBeKnown() {
            assertEquals(List.of(schema("Value should be one of the following: [JSONPath, JSONata]", "/QueryLanguage")),
                    validate("{'QueryLanguage':'JSONPATH','StartAt':'S','States':{'S':{'Type':'Pass','End':true}}}"));
        }
    }

    @Nested
    class States {

        @Test
        void typeIsRequiredAndMustBeKnown() {
            assertEquals(List.of(schema("These fields are required: [Type]", "/States/S")),
                    validate(single("{'End':true}")));
            assertEquals(List.of(schema("Value should be one of the following: "
                    + "[Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map]", "/States/S/Type")),
                    validate(single("{'Type':'Parallell','End':true}")));
        }

        @Test
        void requiredFieldsPerType() {
            assertEquals(List.of(schema("These fields are required: [Resource]", "/States/S")),
                    validate(single("{'Type':'Task','End':true}")));
            assertEquals(List.of(schema("These fields are required: [Choices]", "/States/S"),
                    error("MISSING_END_STATE", "Workflow has no terminal state", null)),
                    validate(single("{'Type':'Choice'}")));
            assertEquals(List.of(schema("These fields are required: [Branches]", "/States/S")),
                    validate(single("{'Type':'Parallel','End':true}")));
            assertEquals(List.of(schema("These fields are required: [ItemProcessor]", "/States/S")),
                    validate(single("{'Type':'Map','End':true}")));
        }

        @Test
        void unknownFieldsPerType() {
            assertEquals(List.of(schema("Field 'TimeoutSeconds' is not supported", "/States/S"),
                    schema("Field 'Retry' is not supported", "/States/S")),
                    validate(single("{'Type':'Pass','TimeoutSeconds':5,'Retry':[],'End':true}")));
        }

        @Test
        void nextAndEndExactlyOne() {
            String both = "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B','End':true},"
                    + "'B':{'Type':'Pass','End':true}}}";
            assertEquals(List.of(schema("Exactly one of these fields must be set: [Next, End]", "/States/A")),
                    validate(both));
            assertEquals(List.of(schema("Exactly one of these fields must be set: [Next, End]", "/States/S"),
                    error("MISSING_END_STATE", "Workflow has no terminal state", null)),
                    validate(single("{'Type':'Wait','Seconds':1}")));
        }

        @Test
        void choiceSucceedAndFailTakeNoNextOrEnd() {
            assertEquals(List.of(schema("Field 'End' is not supported", "/States/S")),
                    validate(single("{'Type':'Succeed','End':true}")));
            assertEquals(List.of(schema("Field 'Next' is not supported", "/States/S")),
                    validate("{'StartAt':'S','States':{'S':{'Type':'Fail','Next':'S'}}}"));
            assertEquals(List.of(schema("Field 'End' is not supported", "/States/C")),
                    validate("{'StartAt':'C','States':{'C':{'Type':'Choice','End':true,'Default':'D',"
                            + "'Choices':[{'Variable':'$.a','IsPresent':true,'Next':'D'}]},'D':{'Type':'Succeed'}}}"));
        }

        @Test
        void fieldTypesAreChecked() {
            assertEquals(List.of(schema("Expected value of type [BOOLEAN]", "/States/S/End")),
                    validate(single("{'Type':'Pass','End':'true'}")));
            assertEquals(List.of(schema("Expected value of type [INTEGER]", "/States/S/Seconds")),
                    validate(single("{'Type':'Wait','Seconds':1.5,'End':true}")));
        }

        @Test
        void stateNameAtMost80Characters() {
            String name = "N".repeat(81);
            assertEquals(List.of(error("INVALID_STATE_NAME", "State name '" + name + "' is longer than 80 characters",
                    "/States/" + name)),
                    validate("{'StartAt':'" + name + "','States':{'" + name + "':{'Type':'Succeed'}}}"));
        }

        @Test
        void stateNamesAreUniqueAcrossNestedMachines() {
            String definition = "{'StartAt':'P','States':{'P':{'Type':'Parallel','Next':'A','Branches':["
                    + "{'StartAt':'A','States':{'A':{'Type':'Succeed'}}}]},'A':{'Type':'Succeed'}}}";
            assertEquals(List.of(error("DUPLICATE_STATE_NAME", "Duplicate State name: A", "/States/A")),
                    validate(definition));
        }

        @Test
        void aNameWrittenTwiceInOneStatesObjectIsADuplicate() {
            String definition = "{'StartAt':'M','States':{'M':{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'A',"
                    + "'States':{'A':{'Type':'Succeed'},'A':{'Type':'Succeed'}}}},"
                    + "'X':{'Type':'Pass','End':true,'Parameters':{'States':{'k':1,'k':2}}}}}";
            assertEquals(List.of(error("MISSING_TRANSITION_TARGET", "State \"X\" is not reachable.", "/States/X"),
                    error("DUPLICATE_STATE_NAME", "Duplicate State name: A", "/States/M/ItemProcessor/States/A")),
                    validate(definition));
        }
    }

    @Nested
    class Transitions {

        @Test
        void everyTargetMustExistAndIsReportedAsNext() {
            String definition = "{'StartAt':'C','States':{"
                    + "'C':{'Type':'Choice','Choices':[{'Variable':'$.a','IsNull':true,'Next':'X1'}],'Default':'T'},"
                    + "'T':{'Type':'Task','Resource':'r','Catch':[{'ErrorEquals':['States.ALL'],'Next':'X2'}],"
                    + "'Next':'X3'},"
                    + "'D':{'Type':'Choice','Choices':[{'Variable':'$.a','IsNull':true,'Next':'T'}],'Default':'X4'},"
                    + "'E':{'Type':'Succeed'}}}";
            assertEquals(List.of(
                    error("MISSING_TRANSITION_TARGET", "Missing 'Next' target: X1", "/States/C/Choices[0]/Next"),
                    error("MISSING_TRANSITION_TARGET", "Missing 'Next' target: X3", "/States/T/Next"),
                    error("MISSING_TRANSITION_TARGET", "Missing 'Next' target: X2", "/States/T/Catch[0]/Next"),
                    error("MISSING_TRANSITION_TARGET", "Missing 'Next' target: X4", "/States/D/Default"),
                    error("MISSING_TRANSITION_TARGET", "State \"D\" is not reachable.", "/States/D"),
                    error("MISSING_TRANSITION_TARGET", "State \"E\" is not reachable.", "/States/E")),
                    validate(definition));
        }

        @Test
        void startAtMustNameAState() {
            assertEquals(List.of(error("MISSING_TRANSITION_TARGET", "Missing 'Next' target: Nope", "/StartAt"),
                    error("MISSING_TRANSITION_TARGET", "State \"S\" is not reachable.", "/States/S")),
                    validate("{'StartAt':'Nope','States':{'S':{'Type':'Succeed'}}}"));
        }

        @Test
        void targetsStayInsideTheirBranch() {
            String definition = "{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':["
                    + "{'StartAt':'B','States':{'B':{'Type':'Pass','Next':'P'}}}]}}}";
            assertEquals(List.of(error("MISSING_TRANSITION_TARGET", "Missing 'Next' target: P",
                    "/States/P/Branches[0]/States/B/Next")), validate(definition));
        }

        @Test
        void machineWithoutTerminalStateReportsOnlyThat() {
            String loop = "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'},"
                    + "'C':{'Type':'Pass','Next':'A'}}}";
            assertEquals(List.of(error("MISSING_END_STATE", "Workflow has no terminal state", null)), validate(loop));
        }
    }

    @Nested
    class QueryLanguages {

        @Test
        void jsonataMachineCannotHoldJsonPathStateAndOnlyThatIsReported() {
            assertEquals(List.of(schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state "
                    + "machine", "/States/S")),
                    validate("{'QueryLanguage':'JSONata','StartAt':'S','States':{'S':{'Type':'Pass',"
                            + "'QueryLanguage':'JSONPath','InputPath':'$.a','End':true}}}"));
        }

        @Test
        void jsonPathFieldsAreErrorsInJsonataStates() {
            assertEquals(List.of(
                    schema("The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the "
                            + "'JSONPath' QueryLanguage", "/States/S"),
                    schema("The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the "
                            + "'JSONPath' QueryLanguage", "/States/S")),
                    validate(single("{'Type':'Task','QueryLanguage':'JSONata','Resource':'r','InputPath':'$',"
                            + "'Parameters':{},'End':true}")));
        }

        @Test
        void jsonataFieldsAreErrorsInJsonPathStates() {
            assertEquals(List.of(
                    schema("The QueryLanguage is set to 'JSONPath', but field 'Arguments' is only supported for the "
                            + "'JSONata' QueryLanguage", "/States/S"),
                    schema("The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the "
                            + "'JSONata' QueryLanguage", "/States/S")),
                    validate(single("{'Type':'Task','Resource':'r','Arguments':{},'Output':{},'End':true}")));
        }

        @Test
        void nestedStatesInheritTheMachinesLanguageNotTheMaps() {
            String definition = "{'StartAt':'M','States':{'M':{'Type':'Map','QueryLanguage':'JSONata',"
                    + "'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','Output':1,'End':true}}},"
                    + "'End':true}}}";
            assertEquals(List.of(schema("The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported "
                    + "for the 'JSONata' QueryLanguage", "/States/M/ItemProcessor/States/P")), validate(definition));
        }

        @Test
        void itemProcessorDeclaresNoQueryLanguage() {
            String definition = "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'QueryLanguage':'JSONata',"
                    + "'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}}}";
            assertEquals(List.of(schema("Field 'QueryLanguage' is not supported", "/States/M/ItemProcessor")),
                    validate(definition));
        }

        @Test
        void jsonataDelimiters() {
            assertEquals(List.of(
                    schema("A JSONata expression must start with '{%' and end with '%}'", "/States/S/Output/a"),
                    schema("The JSONata expression must not be empty", "/States/S/Output/b[0]")),
                    validate(single("{'Type':'Pass','QueryLanguage':'JSONata','End':true,"
                            + "'Output':{'a':'{% $states.input','b':['{%  %}']}}")));
        }

        /**
         * JSONata has no .$ suffix ("you will not use .$ on JSON object key names",
         * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html): such a key is a key like any
         * other, its value checked as every JSONata value is. AWS's language service checks .$ keys only in JSONPath
         * Parameters and ResultSelector (github.com/aws/amazon-states-language-service,
         * src/validation/validateStates.ts).
         */
        @Test
        void jsonataKeysEndingInDollarAreLiteralKeys() {
            assertEquals(List.of(), validate(single("{'Type':'Task','Resource':'r','QueryLanguage':'JSONata',"
                    + "'End':true,'Arguments':{'a.$':'$.x','n':[{'b.$':'{% $states.input %}'}]},"
                    + "'Output':{'c.$':1,'d':{'e.$':null}}}")));
            assertEquals(List.of(schema("The JSONata expression must not be empty", "/States/S/Output/c.$")),
                    validate(single("{'Type':'Pass','QueryLanguage':'JSONata','End':true,'Output':{'c.$':'{% %}'}}")));
        }

        @Test
        void aJsonataVariableNameKeepsItsDollarSuffixSoIsInvalid() {
            assertEquals(List.of(schema("The variable name 'v.$' is not valid", "/States/S/Assign/v.$")),
                    validate(single("{'Type':'Pass','QueryLanguage':'JSONata','End':true,'Assign':{'v.$':1}}")));
        }

        @Test
        void jsonataExpressionsMayStandInForNumbers() {
            assertEquals(List.of(), validate(single("{'Type':'Wait','QueryLanguage':'JSONata',"
                    + "'Seconds':'{% $states.input.n %}','End':true}")));
        }
    }

    @Nested
    class ErrorHandling {

        @Test
        void retrierNumbersAreInRange() {
            assertEquals(List.of(
                    schema("The value for the field 'IntervalSeconds' must be greater than or equal to 1",
                            "/States/S/Retry[0]/IntervalSeconds"),
                    schema("The value for the field 'MaxAttempts' must be greater than or equal to 0",
                            "/States/S/Retry[0]/MaxAttempts"),
                    schema("The value for the field 'BackoffRate' must be greater than or equal to 1",
                            "/States/S/Retry[0]/BackoffRate"),
                    schema("The value for the field 'MaxDelaySeconds' must be greater than or equal to 1",
                            "/States/S/Retry[0]/MaxDelaySeconds"),
                    schema("Value should be one of the following: [FULL, NONE]", "/States/S/Retry[0]/JitterStrategy")),
                    validate(single("{'Type':'Task','Resource':'r','End':true,'Retry':[{'ErrorEquals':['E'],"
                            + "'IntervalSeconds':0,'MaxAttempts':-1,'BackoffRate':0.5,'MaxDelaySeconds':0,"
                            + "'JitterStrategy':'HALF'}]}")));
        }

        @Test
        void retrierFieldsAreTyped() {
            assertEquals(List.of(schema("These fields are required: [ErrorEquals]", "/States/S/Retry[0]"),
                    schema("Expected value of type [INTEGER]", "/States/S/Retry[0]/IntervalSeconds")),
                    validate(single("{'Type':'Task','Resource':'r','End':true,'Retry':[{'IntervalSeconds':1.5}]}")));
        }

        @Test
        void statesAllStandsAloneInTheLastEntry() {
            assertEquals(List.of(
                    schema("'States.ALL' must appear alone in 'ErrorEquals'", "/States/S/Retry[0]/ErrorEquals"),
                    schema("A 'Retry' entry with 'States.ALL' must be the last one", "/States/S/Retry[0]/ErrorEquals"),
                    schema("A 'Catch' entry with 'States.ALL' must be the last one", "/States/S/Catch[0]/ErrorEquals")),
                    validate("{'StartAt':'S','States':{'S':{'Type':'Task','Resource':'r','End':true,"
                            + "'Retry':[{'ErrorEquals':['E','States.ALL']},{'ErrorEquals':['F']}],"
                            + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'F'},{'ErrorEquals':['X'],'Next':'F'}]},"
                            + "'F':{'Type':'Fail'}}}"));
        }

        @Test
        void catcherNeedsNextAndNonEmptyErrorEquals() {
            assertEquals(List.of(schema("These fields are required: [Next]", "/States/S/Catch[0]"),
                    schema("The field 'ErrorEquals' must not be empty", "/States/S/Catch[0]/ErrorEquals")),
                    validate(single("{'Type':'Task','Resource':'r','End':true,'Catch':[{'ErrorEquals':[]}]}")));
        }
    }

    @Nested
    class StateTypes {

        @Test
        void waitNeedsExactlyOneWayToWait() {
            String expected = schema("Exactly one of these fields must be set: [Seconds, SecondsPath, Timestamp, "
                    + "TimestampPath]", "/States/S");
            assertEquals(List.of(expected), validate(single("{'Type':'Wait','End':true}")));
            assertEquals(List.of(expected), validate(single("{'Type':'Wait','Seconds':1,'SecondsPath':'$.s','End':true}")));
        }

        @Test
        void waitTimestampIsRfc3339() {
            String expected = schema("String does not match RFC3339 timestamp", "/States/S/Timestamp");
            for (String bad : List.of("2016-13-05T21:29:29Z", "2016-12-05T21:29:29", "2016-12-05 21:29:29Z",
                    "2016-02-30T00:00:00Z", "2016-12-05T24:00:00+01:00")) {
                assertEquals(List.of(expected), validate(single("{'Type':'Wait','Timestamp':'" + bad + "','End':true}")),
                        bad);
            }
            for (String good : List.of("2016-03-14T01:59:00Z", "2016-03-05T21:29:29.243167252Z",
                    "2016-03-14T01:59:00+05:30", "2016-02-29t01:59:00z")) {
                assertEquals(List.of(), validate(single("{'Type':'Wait','Timestamp':'" + good + "','End':true}")), good);
            }
        }

        @Test
        void failHasAtMostOneErrorAndOneCause() {
            assertEquals(List.of(schema("At most one of these fields may be set: [Error, ErrorPath]", "/States/S/Error"),
                    schema("At most one of these fields may be set: [Cause, CausePath]", "/States/S/Cause")),
                    validate(single("{'Type':'Fail','Error':'E','ErrorPath':'$.e','Cause':'C','CausePath':'$.c'}")));
        }

        @Test
        void mapConcurrencyAndToleratedFailures() {
            String processor = "'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true";
            assertEquals(List.of(
                    schema("At most one of these fields may be set: [MaxConcurrency, MaxConcurrencyPath]",
                            "/States/S/MaxConcurrency"),
                    schema("The value for the field 'MaxConcurrency' must be greater than or equal to 0",
                            "/States/S/MaxConcurrency"),
                    schema("The value for the field 'ToleratedFailurePercentage' must be less than or equal to 100",
                            "/States/S/ToleratedFailurePercentage"),
                    schema("The value for the field 'ToleratedFailureCount' must be greater than or equal to 0",
                            "/States/S/ToleratedFailureCount")),
                    validate(single("{'Type':'Map','MaxConcurrency':-1,'MaxConcurrencyPath':'$.n',"
                            + "'ToleratedFailurePercentage':101,'ToleratedFailureCount':-2," + processor + "}")));
        }

        /**
         * AWS documents each of these pairs as one or the other (ReaderConfig MaxItems or MaxItemsPath; ItemBatcher
         * MaxItemsPerBatch or MaxItemsPerBatchPath, MaxInputBytesPerBatch or MaxInputBytesPerBatchPath):
         * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html and
         * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
         */
        @Test
        void itemReaderAndItemBatcherTakeEachLimitOneWay() {
            String processor = "'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true";
            assertEquals(List.of(
                    schema("At most one of these fields may be set: [MaxItems, MaxItemsPath]",
                            "/States/S/ItemReader/ReaderConfig/MaxItems"),
                    schema("At most one of these fields may be set: [MaxItemsPerBatch, MaxItemsPerBatchPath]",
                            "/States/S/ItemBatcher/MaxItemsPerBatch"),
                    schema("At most one of these fields may be set: [MaxInputBytesPerBatch, MaxInputBytesPerBatchPath]",
                            "/States/S/ItemBatcher/MaxInputBytesPerBatch")),
                    validate(single("{'Type':'Map','ItemReader':{'Resource':'direct:items','ReaderConfig':"
                            + "{'InputType':'JSON','MaxItems':2,'MaxItemsPath':'$.n'}},'ItemBatcher':{"
                            + "'MaxItemsPerBatch':2,'MaxItemsPerBatchPath':'$.b','MaxInputBytesPerBatch':100,"
                            + "'MaxInputBytesPerBatchPath':'$.c'}," + processor + "}")));
            assertEquals(List.of(), validate(single("{'Type':'Map','ItemReader':{'Resource':'direct:items',"
                    + "'ReaderConfig':{'InputType':'JSON','MaxItemsPath':'$.n'}},'ItemBatcher':{"
                    + "'MaxItemsPerBatch':2,'MaxInputBytesPerBatchPath':'$.c'}," + processor + "}")));
        }

        /**
         * The literal limits the run reads are refused where the run would fail on them: AWS's language service
         * types ReaderConfig's MaxItems an integer of at least 0 and ItemBatcher's MaxItemsPerBatch and
         * MaxInputBytesPerBatch integers of at least 1 (github.com/aws/amazon-states-language-service,
         * src/json-schema/partial/map_state.json), and none past a long, which the run cannot read. A JSONata
         * expression is checked when it runs.
         */
        @Test
        void literalReaderAndBatcherLimitsAreIntegersInAwsRange() {
            String processor = "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                    + "'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true";
            assertEquals(List.of(
                    schema("The value for the field 'MaxItems' must be greater than or equal to 0",
                            "/States/S/ItemReader/ReaderConfig/MaxItems"),
                    schema("The value for the field 'MaxItemsPerBatch' must be greater than or equal to 1",
                            "/States/S/ItemBatcher/MaxItemsPerBatch"),
                    schema("The value for the field 'MaxInputBytesPerBatch' must be greater than or equal to 1",
                            "/States/S/ItemBatcher/MaxInputBytesPerBatch")),
                    validate(single("{'Type':'Map','ItemReader':{'Resource':'direct:items','ReaderConfig':"
                            + "{'InputType':'JSON','MaxItems':-1}},'ItemBatcher':{'MaxItemsPerBatch':0,"
                            + "'MaxInputBytesPerBatch':-5}," + processor + "}")));
            // the run reads a limit up to a long's largest: 2^63 would fail it ("must be an integer")
            assertEquals(List.of(schema("The value for the field 'MaxItems' must be less than or equal to "
                            + "9223372036854775807", "/States/S/ItemReader/ReaderConfig/MaxItems")),
                    validate(single("{'Type':'Map','ItemReader':{'Resource':'direct:items','ReaderConfig':"
                            + "{'InputType':'JSON','MaxItems':9223372036854775808}}," + processor + "}")));
            assertEquals(List.of(schema("Expected value of type [INTEGER]",
                            "/States/S/ItemReader/ReaderConfig/MaxItems")),
                    validate(single("{'Type':'Map','ItemReader':{'Resource':'direct:items','ReaderConfig':"
                            + "{'InputType':'JSON','MaxItems':'2'}}," + processor + "}")));
            assertEquals(List.of(), validate("{'QueryLanguage':'JSONata','StartAt':'S','States':{'S':{'Type':'Map',"
                    + "'ItemReader':{'Resource':'direct:items','ReaderConfig':{'InputType':'JSON',"
                    + "'MaxItems':'{% $max %}'}},'ItemBatcher':{'MaxItemsPerBatch':'{% 2 %}'}," + processor + "}}}"));
        }

        @Test
        void mapProcessorConfig() {
            assertEquals(List.of(schema("Value should be one of the following: [INLINE, DISTRIBUTED]",
                    "/States/S/ItemProcessor/ProcessorConfig/Mode")),
                    validate(single("{'Type':'Map','End':true,'ItemProcessor':{'ProcessorConfig':{'Mode':'inline'},"
                            + "'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}}")));
        }

        @Test
        void taskTimeouts() {
            assertEquals(List.of(
                    schema("At most one of these fields may be set: [TimeoutSeconds, TimeoutSecondsPath]",
                            "/States/S/TimeoutSeconds"),
                    schema("The value for the field 'HeartbeatSeconds' must be less than the value for the field "
                            + "'TimeoutSeconds'", "/States/S/HeartbeatSeconds")),
                    validate(single("{'Type':'Task','Resource':'r','TimeoutSeconds':10,'TimeoutSecondsPath':'$.t',"
                            + "'HeartbeatSeconds':10,'End':true}")));
        }

        @Test
        void credentialsNeedARoleArn() {
            assertEquals(List.of(schema("The field 'RoleArn' is required but was missing", "/States/S/Credentials")),
                    validate(single("{'Type':'Task','Resource':'r','Credentials':{'Other':1},'End':true}")));
            assertEquals(List.of(), validate(single("{'Type':'Task','Resource':'r','Credentials':{'RoleArn.$':'$.r'},"
                    + "'End':true}")));
        }
    }

    @Nested
    class Choices {

        private List<String> rule(String rule) {
            return validate("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[" + rule + "],'Default':'D'},"
                    + "'D':{'Type':'Succeed'}}}");
        }

        @Test
        void comparisonNeedsVariableAndExactlyOneOperatorOfTheRightType() {
            assertEquals(List.of(schema("These fields are required: [Variable]", "/States/C/Choices[0]")),
                    rule("{'NumericEquals':1,'Next':'D'}"));
            assertEquals(List.of(schema("A choice rule must have exactly one comparison operator, or one of 'And', "
                    + "'Or' and 'Not'", "/States/C/Choices[0]")),
                    rule("{'Variable':'$.a','NumericEquals':1,'StringEquals':'x','Next':'D'}"));
            assertEquals(List.of(schema("Expected value of type [NUMBER]", "/States/C/Choices[0]/NumericEquals")),
                    rule("{'Variable':'$.a','NumericEquals':'1','Next':'D'}"));
            assertEquals(List.of(schema("The value for the field 'StringEqualsPath' must be a valid reference path",
                    "/States/C/Choices[0]/StringEqualsPath")),
                    rule("{'Variable':'$.a','StringEqualsPath':'$.b[*]','Next':'D'}"));
            assertEquals(List.of(schema("Field 'Foo' is not supported", "/States/C/Choices[0]")),
                    rule("{'Variable':'$.a','IsNull':true,'Foo':1,'Next':'D'}"));
        }

        @Test
        void booleanCombinations() {
            assertEquals(List.of(schema("The field 'And' must not be empty", "/States/C/Choices[0]/And"),
                    schema("A choice rule must have exactly one comparison operator, or one of 'And', 'Or' and 'Not'",
                            "/States/C/Choices[0]")),
                    rule("{'And':[],'Not':{'Variable':'$.a','IsNull':true},'Next':'D'}"));
            assertEquals(List.of(schema("Field 'Next' is not supported", "/States/C/Choices[0]/Or[0]")),
                    rule("{'Or':[{'Variable':'$.a','IsNull':true,'Next':'D'}],'Next':'D'}"));
            assertEquals(List.of(schema("Expected value of type [OBJECT]", "/States/C/Choices[0]/Not")),
                    rule("{'Not':[],'Next':'D'}"));
        }

        @Test
        void topLevelRuleNeedsNextAndChoicesMustNotBeEmpty() {
            assertEquals(List.of(schema("These fields are required: [Next]", "/States/C/Choices[0]")),
                    rule("{'Variable':'$.a','IsNull':true}"));
            assertEquals(List.of(schema("The field 'Choices' must not be empty", "/States/C/Choices")), rule(""));
        }

        @Test
        void jsonataRulesUseCondition() {
            assertEquals(List.of(schema("These fields are required: [Condition]", "/States/C/Choices[0]"),
                    schema("Field 'Variable' is not supported", "/States/C/Choices[0]")),
                    validate("{'QueryLanguage':'JSONata','StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
                            + "{'Variable':'$.a','Next':'D'}],'Default':'D'},'D':{'Type':'Succeed'}}}"));
        }
    }

    @Nested
    class DataFlow {

        @Test
        void pathFieldsMustBeValidJsonPath() {
            assertEquals(List.of(schema("The value for the field 'InputPath' must be a valid JSONPath",
                    "/States/S/InputPath"),
                    schema("The value for the field 'ResultPath' must be a valid reference path", "/States/S/ResultPath")),
                    validate(single("{'Type':'Pass','InputPath':'$.a b','ResultPath':'$.items[*]','End':true}")));
        }

        @Test
        void resultPathsMustBeStepsTheEngineCanWrite() {
            // found by fuzzing: Jayway reads these as definite paths, but no result can be written there
            for (String path : List.of("$['odd key']'x.y']", "$.list[-1]")) {
                assertEquals(List.of(schema("The value for the field 'ResultPath' must be a valid reference path",
                        "/States/S/ResultPath")),
                        validate(single("{'Type':'Pass','ResultPath':'" + path.replace("'", "\\'") + "','End':true}")),
                        path);
            }
        }

        @Test
        void contextPathsVariablesAndNullAreValidPaths() {
            assertEquals(List.of(), validate(single("{'Type':'Pass','InputPath':'$$.Execution.Input',"
                    + "'OutputPath':null,'ResultPath':null,'Parameters':{'a.$':'$myVar.x','b.$':'$$.Map.Item.Value'},"
                    + "'End':true}")));
        }

        @Test
        void dollarKeysNeedPathOrIntrinsicAndAreLocatedAtTheirObject() {
            assertEquals(List.of(
                    schema("The value for the field 'bad.$' must be a valid JSONPath or a valid intrinsic function "
                            + "call", "/States/S/Parameters/nested"),
                    schema("The value for the field 'escape.$' must be a valid JSONPath or a valid intrinsic function "
                            + "call", "/States/S/Parameters")),
                    validate(single("{'Type':'Pass','End':true,'Parameters':{'nested':{'bad.$':'a.b'},"
                            + "'ok.$':'States.Format(\\'{}\\', $.a)','escape.$':'States.Format(\\'\\\\\\\"\\')'}}")));
        }

        /**
         * Parameters, ResultSelector, ItemSelector (and Map's older Parameters) and BatchInput may be any JSON value;
         * AWS's language service types them number/string/boolean/object/array/null
         * (github.com/aws/amazon-states-language-service, src/json-schema/partial/common.json $defs/parameters,
         * map_state.json ItemSelector, BatchInput).
         */
        @Test
        void payloadTemplatesMayBeAnyJsonValue() {
            for (String value : List.of("[{'a.$':'$.x'},[{'b.$':'$$.State.Name'}],1]", "'text'", "7", "false",
                    "null")) {
                assertEquals(List.of(), validate(single("{'Type':'Pass','End':true,'Parameters':" + value + "}")));
                assertEquals(List.of(), validate(single("{'Type':'Task','Resource':'r','End':true,'Parameters':"
                        + value + ",'ResultSelector':" + value + "}")));
                assertEquals(List.of(), validate(single("{'Type':'Parallel','End':true,'Parameters':" + value
                        + ",'ResultSelector':" + value + ",'Branches':[{'StartAt':'B','States':{'B':{'Type':'Pass',"
                        + "'End':true}}}]}")));
                for (String selector : List.of("ItemSelector", "Parameters")) {
                    assertEquals(List.of(), validate(single("{'Type':'Map','End':true,'" + selector + "':" + value
                            + ",'ResultSelector':" + value + ",'ItemProcessor':{'StartAt':'B','States':{'B':"
                            + "{'Type':'Pass','End':true}}}}")));
                }
                assertEquals(List.of(), validate(single("{'Type':'Map','End':true,'ItemReader':{'Resource':'r'},"
                        + "'ItemBatcher':{'BatchInput':" + value + "},'ItemProcessor':{'StartAt':'B','States':{'B':"
                        + "{'Type':'Pass','End':true}}}}")));
                assertEquals(List.of(), validate(single("{'Type':'Map','QueryLanguage':'JSONata','End':true,"
                        + "'ItemSelector':" + value + ",'ItemProcessor':{'StartAt':'B','States':{'B':"
                        + "{'Type':'Pass','End':true}}}}")));
            }
        }

        @Test
        void dollarKeysInsideArraysAreCheckedAtTheirObject() {
            assertEquals(List.of(
                    schema("The value for the field 'bad.$' must be a valid JSONPath or a valid intrinsic function "
                            + "call", "/States/S/Parameters[1][0]"),
                    schema("The value for the field 'worse.$' must be a valid JSONPath or a valid intrinsic function "
                            + "call", "/States/S/ItemBatcher/BatchInput[0]")),
                    validate(single("{'Type':'Map','End':true,'Parameters':[1,[{'bad.$':'a.b'}]],"
                            + "'ItemReader':{'Resource':'r'},'ItemBatcher':{'BatchInput':[{'worse.$':3}]},"
                            + "'ItemProcessor':{'StartAt':'B','States':{'B':{'Type':'Pass','End':true}}}}")));
        }

        /** Where AWS's language service types the field an object, it stays one. */
        @Test
        void argumentsReaderAndWriterParametersAssignAndCredentialsStayObjects() {
            String expected = "Expected value of type [OBJECT]";
            assertEquals(List.of(schema(expected, "/States/S/Arguments")), validate(single(
                    "{'Type':'Task','Resource':'r','QueryLanguage':'JSONata','End':true,'Arguments':[1]}")));
            assertEquals(List.of(schema(expected, "/States/S/Assign"), schema(expected, "/States/S/Credentials")),
                    validate(single("{'Type':'Task','Resource':'r','End':true,'Assign':[1],'Credentials':'x'}")));
            assertEquals(List.of(schema(expected, "/States/S/ItemReader/Parameters"),
                    schema(expected, "/States/S/ResultWriter/Parameters")),
                    validate(single("{'Type':'Map','End':true,'ItemReader':{'Resource':'r','Parameters':[1]},"
                            + "'ResultWriter':{'Resource':'r','Parameters':'p'},"
                            + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED'},"
                            + "'StartAt':'B','States':{'B':{'Type':'Pass','End':true}}}}")));
        }

        @Test
        void resultIsStaticSoItsDollarKeysAreNotPaths() {
            assertEquals(List.of(), validate(single("{'Type':'Pass','Result':{'x.$':'not a path'},'End':true}")));
        }

        @Test
        void failPathsMayBeIntrinsicCalls() {
            assertEquals(List.of(), validate(single("{'Type':'Fail','ErrorPath':'$.e',"
                    + "'CausePath':'States.Format(\\'{}\\', $.c)'}")));
            assertEquals(List.of(schema("The value for the field 'CausePath' must be a valid reference path or a valid "
                    + "intrinsic function call", "/States/S/CausePath")),
                    validate(single("{'Type':'Fail','CausePath':'cause'}")));
        }

        @Test
        void variableNamesInAssign() {
            assertEquals(List.of(schema("The variable name 'my-var' is not valid", "/States/S/Assign/my-var.$")),
                    validate(single("{'Type':'Pass','Assign':{'my-var.$':'$.a','ok':1},'End':true}")));
        }
    }

    @Nested
    class Resources {

        private static final ValidationOptions EXPRESS = new ValidationOptions("EXPRESS", r -> true);

        @Test
        void expressMachinesRefuseCallbacksJobsAndActivities() {
            assertEquals(List.of(schema("Express state machine does not support '.sync' service integration",
                    "/States/S/Resource")),
                    validate(single("{'Type':'Task','Resource':'arn:aws:states:::states:startExecution.sync:2',"
                            + "'End':true}"), EXPRESS));
            assertEquals(List.of(schema("Express state machine does not support '.waitForTaskToken' service "
                    + "integration ", "/States/S/Resource")),
                    validate(single("{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',"
                            + "'End':true}"), EXPRESS));
            assertEquals(List.of(schema("Express state machine does not support Activity ARN", "/States/S/Resource")),
                    validate(single("{'Type':'Task','Resource':'arn:aws:states:us-east-1:111111111111:activity:a',"
                            + "'End':true}"), EXPRESS));
        }

        @Test
        void standardMachinesAcceptThem() {
            assertEquals(List.of(), validate(single("{'Type':'Task',"
                    + "'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken','End':true}")));
        }

        /**
         * A Lambda ARN AWS would not recognise is refused with AWS's words for an unrecognised Resource (validation
         * case services_test_dynamodb_task_service.TestTaskServiceDynamoDB.test_invalid_integration__exception), even
         * when something here would run it (a resource mapping): AWS Lambda's FunctionArn pattern, regions, 12-digit
         * accounts, names of 1 to 64 characters and $LATEST, version or alias qualifiers
         * (https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html).
         */
        @Test
        void lambdaArnsAwsWouldNotRecogniseAreRefused() {
            ValidationOptions anythingRuns = new ValidationOptions("STANDARD", r -> true);
            String name65 = "f".repeat(65);
            for (String arn : List.of("arn:aws:lambda:moon-1:123456789012:function:f",
                    "arn:aws:lambda:US-EAST-1:123456789012:function:f", "arn:aws:lambda:us-east:123456789012:function:f",
                    "arn:aws:lambda:us-east-1:12345678901:function:f", "arn:aws:lambda::123456789012:function:f",
                    "arn:aws:lambda:us-east-1:123456789012:function:f:$latest",
                    "arn:aws:lambda:us-east-1:123456789012:function:f:v1.0",
                    "arn:aws:lambda:us-east-1:123456789012:function:f:", "arn:aws:lambda:us-east-1:123456789012:f",
                    "arn:aws:lambda:us-east-1:123456789012:function:" + name65,
                    "arn:gcp:lambda:us-east-1:123456789012:function:f")) {
                assertEquals(List.of(schema("The resource provided " + arn + " is not recognized. The value is not a "
                        + "valid resource ARN, or the resource is not available in this region.", "/States/S/Resource")),
                        validate(single("{'Type':'Task','Resource':'" + arn + "','End':true}"), anythingRuns), arn);
            }
            for (String arn : List.of("arn:aws:lambda:us-east-1:123456789012:function:f",
                    "arn:aws:lambda:eu-central-2:123456789012:function:my_fn-2:$LATEST",
                    "arn:aws:lambda:us-east-1:123456789012:function:f:42",
                    "arn:aws:lambda:us-east-1:123456789012:function:f:prod-1",
                    "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f",
                    "arn:aws-cn:lambda:cn-north-1:123456789012:function:f",
                    "arn:aws-iso-b:lambda:us-isob-east-1:123456789012:function:f")) {
                assertEquals(List.of(), validate(single("{'Type':'Task','Resource':'" + arn + "','End':true}"),
                        anythingRuns), arn);
            }
        }

        @Test
        void unsupportedResourceIsNamed() {
            ValidationOptions options = new ValidationOptions("STANDARD", r -> !r.contains("dynamodb:query"));
            assertEquals(List.of(schema("The resource provided arn:aws:states:::dynamodb:query is not recognized. The "
                    + "value is not a valid resource ARN, or the resource is not available in this region.",
                    "/States/S/Resource")),
                    validate(single("{'Type':'Task','Resource':'arn:aws:states:::dynamodb:query','End':true}"), options));
        }
    }

    @Test
    void everyProblemIsCollected() {
        String definition = "{'StartAt':'A','Bogus':1,'States':{"
                + "'A':{'Type':'Pass','Next':'Missing','Retry':[]},"
                + "'B':{'Type':'Wait','Seconds':-1,'End':true}}}";
        assertEquals(List.of(schema("Field 'Bogus' is not supported", "/"),
                schema("Field 'Retry' is not supported", "/States/A"),
                schema("The value for the field 'Seconds' must be greater than or equal to 0", "/States/B/Seconds"),
                error("MISSING_TRANSITION_TARGET", "Missing 'Next' target: Missing", "/States/A/Next"),
                error("MISSING_TRANSITION_TARGET", "State \"B\" is not reachable.", "/States/B")),
                validate(definition));
    }
}
