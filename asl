#!/usr/bin/env bash
# asl: validate and run Amazon States Language state machines locally, on Apache Camel.
#
#   ./asl validate DEF [--json] [--type STANDARD|EXPRESS]
#   ./asl run DEF [--input JSON|@FILE] [--name NAME] [--json] [--history] [--resource-map FILE]... [--store DIR]
#   ./asl resume --store DIR
#   ./asl serve [--port 8083] [--host 127.0.0.1] [--store DIR|memory]   # AWS's Step Functions API
#   ./asl executions list|describe|history|stop|redrive [ARN|NAME] [--store DIR] [--json]
#   ./asl graph DEF [--execution ARN|NAME --store DIR] [--format svg|mermaid|dot|json] [--output FILE]
#   ./asl --help
#
# Runs camel-asl-cli/target/camel-asl-cli.jar, building it first (mvn, output on stderr) when it is missing or
# older than the sources of camel-asl-component, camel-asl-graph, camel-asl-server, camel-asl-cli or the connectors. Works from any directory;
# paths given to it are relative to the current directory.
#
# Environment:
#   JAVA_HOME       the Java 17+ to use (default: java on the PATH)
#   JAVA_OPTS       extra JVM options
#   ASL_LOG_LEVEL   Camel/engine log level on stderr: warn (default), info, debug, ...
#   ASL_MVN_FLAGS   extra Maven flags for the build, e.g. -o
#   ASL_NO_BUILD=1  never build; use the jar as it is
#   ASL_STORE       the store folder when --store is not given (executions, resume; run of a STANDARD machine)
set -euo pipefail

# this script's directory, following symlinks (so a link in ~/bin works)
src="${BASH_SOURCE[0]}"
while [ -L "$src" ]; do
  dir="$(cd -P "$(dirname "$src")" && pwd)"
  src="$(readlink "$src")"
  [[ "$src" != /* ]] && src="$dir/$src"
done
root="$(cd -P "$(dirname "$src")" && pwd)"
jar="$root/camel-asl-cli/target/camel-asl-cli.jar"

# true when the jar is missing or a main source or build file is newer (test sources don't go into the jar)
needs_build() {
  [ -f "$jar" ] || return 0
  local newer
  newer="$(find "$root/pom.xml" "$root/camel-asl-component/pom.xml" "$root/camel-asl-cli/pom.xml" \
    "$root/camel-asl-component/src/main" "$root/camel-asl-cli/src/main" "$root/connectors" \
    "$root/camel-asl-server/pom.xml" "$root/camel-asl-server/src/main" \
    "$root/camel-asl-graph/pom.xml" "$root/camel-asl-graph/src/main" \
    -newer "$jar" -type f -not -path '*/target/*' -not -path '*/src/test/*' -print -quit 2>/dev/null || true)"
  [ -n "$newer" ]
}

build() {
  echo "asl: building camel-asl-cli ..." >&2
  # -Dmaven.test.skip: tests are neither compiled nor run; everything Maven prints goes to stderr
  # (Maven 3.8's jansi writes colour resets even in batch mode: strip them)
  (cd "$root" && mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true ${ASL_MVN_FLAGS:-} -pl camel-asl-cli -am install) 2>&1 \
    | sed -e 's/\x1b\[[0-9;]*m//g' 1>&2
}

if [ "${ASL_NO_BUILD:-}" != "1" ] && needs_build; then
  lock="$root/camel-asl-cli/target/.asl-build.lock"
  mkdir -p "$(dirname "$lock")"
  status=0
  if command -v flock >/dev/null 2>&1; then
    # one build at a time; a second ./asl waits, then finds the jar fresh
    exec 9>"$lock"
    flock 9
    if needs_build; then build || status=$?; fi
    flock -u 9
    exec 9>&-
  else
    build || status=$?
  fi
  if [ "$status" -ne 0 ]; then
    if [ -f "$jar" ]; then
      echo "asl: warning: the build failed (see above); running the previous build" >&2
    else
      echo "asl: the build failed (see above)" >&2
      exit 1
    fi
  fi
fi

java="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
fi

jvm_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
if [ -n "${ASL_LOG_LEVEL:-}" ]; then
  jvm_opts+=("-Dorg.slf4j.simpleLogger.defaultLogLevel=$ASL_LOG_LEVEL")
fi

# shellcheck disable=SC2086  # JAVA_OPTS is a list of words
exec "$java" "${jvm_opts[@]}" ${JAVA_OPTS:-} -jar "$jar" "$@"
