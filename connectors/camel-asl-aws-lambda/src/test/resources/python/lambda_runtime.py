"""A stand-in for the AWS Python Lambda runtime, for the Lambda stand-in of the tests.

One process runs every invocation it is sent, each on a thread of its own, as warm execution environments do
(a function's module is loaded once). Requests and answers are JSON lines:
  in:  {"id", "source" (the handler's file), "event" (JSON text, empty for {}), "requestId", "functionName",
        "version", "functionArn", "timeoutSeconds"}
  out: {"id", "payload" (base64 of what the runtime sends back), "failed" (the function raised), "log"}
The payload is what the runtime serialises: bytes as they are, anything else through json.dumps, or on an exception
the runtime's error document {"errorMessage", "errorType", "requestId", "stackTrace"}.
"""
import base64
import io
import json
import sys
import threading
import time
import traceback

HANDLER_FILE = "/var/task/handler.py"

_modules = {}
_modules_lock = threading.Lock()
_answers = sys.stdout
_answers_lock = threading.Lock()
_local = threading.local()


class _InvocationLog(io.TextIOBase):
    """What a handler prints is its invocation's log, as on Lambda."""

    def write(self, text):
        log = getattr(_local, "log", None)
        if log is not None:
            log.append(text)
        else:
            sys.__stderr__.write(text)
        return len(text)


class LambdaContext:
    def __init__(self, request):
        self.aws_request_id = request["requestId"]
        self.function_name = request["functionName"]
        self.function_version = request["version"]
        self.invoked_function_arn = request["functionArn"]
        self.memory_limit_in_mb = "128"
        self.log_group_name = "/aws/lambda/" + request["functionName"]
        self.log_stream_name = "stand-in"
        self.identity = None
        self.client_context = None
        self._deadline = time.time() + float(request["timeoutSeconds"])

    def get_remaining_time_in_millis(self):
        return max(0, int((self._deadline - time.time()) * 1000))


def _load(source_file):
    """The handler's module, run as /var/task/handler.py (where Lambda puts it) so that stack traces name it so."""
    with _modules_lock:
        if source_file not in _modules:
            with open(source_file, encoding="utf-8") as f:
                source = f.read()
            namespace = {"__name__": "handler", "__file__": HANDLER_FILE}
            _modules[source_file] = (namespace, source.splitlines())
            try:
                exec(compile(source, HANDLER_FILE, "exec"), namespace)
            except BaseException:
                del _modules[source_file]
                raise
        return _modules[source_file]


def _stack_trace(error, lines):
    """The user's frames, from the handler's own on, as the runtime reports them."""
    frames = []
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        filename = frame.f_code.co_filename
        if not frames and filename != HANDLER_FILE:
            continue
        line = lines[lineno - 1] if filename == HANDLER_FILE and 0 < lineno <= len(lines) else None
        frames.append(traceback.FrameSummary(filename, lineno, frame.f_code.co_name, line=line,
                                             lookup_line=line is None))
    return traceback.format_list(frames)


def _invoke(request):
    _local.log = []
    lines = []
    try:
        namespace, lines = _load(request["source"])
        raw = request["event"]
        event = json.loads(raw) if raw.strip() else {}
        result = namespace["handler"](event, LambdaContext(request))
        payload = bytes(result) if isinstance(result, (bytes, bytearray)) else json.dumps(result).encode("utf-8")
        failed = False
    except Exception as error:  # noqa: BLE001 - every exception is the function's error
        payload = json.dumps({
            "errorMessage": str(error),
            "errorType": type(error).__name__,
            "requestId": request["requestId"],
            "stackTrace": _stack_trace(error, lines),
        }).encode("utf-8")
        failed = True
    log = "".join(_local.log)
    _local.log = None
    answer = {"id": request["id"], "payload": base64.b64encode(payload).decode("ascii"), "failed": failed,
              "log": log}
    with _answers_lock:
        _answers.write(json.dumps(answer) + "\n")
        _answers.flush()


def main():
    sys.stdout = _InvocationLog()
    for line in sys.stdin:
        if line.strip():
            threading.Thread(target=_invoke, args=(json.loads(line),), daemon=True).start()


if __name__ == "__main__":
    main()
