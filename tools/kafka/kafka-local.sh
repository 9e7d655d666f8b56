#!/usr/bin/env bash
# kafka-local.sh - run a real single-node Apache Kafka (KRaft, broker+controller) on 127.0.0.1
# without Docker, assembled from the official Maven Central jars.
#
# Usage: tools/kafka/kafka-local.sh <command>
#   fetch     download the broker jars (+ logging backend) into the cache
#   start     fetch if needed, format storage if needed, start in background, wait until ready
#             (idempotent: exits 0 if a broker is already running and reachable)
#   stop      SIGTERM the broker, SIGKILL after KAFKA_STOP_TIMEOUT seconds
#   status    print the state; exit 0 only if running and reachable
#   wait      wait until the broker is ready (KAFKA_WAIT_TIMEOUT seconds)
#   restart   stop + start
#   reset     stop and wipe the state dir (data, logs, config)
#   logs      print the last lines of the broker log (LINES=40)
#   info      print the resolved settings
#
# Environment (all optional):
#   KAFKA_VERSION          Kafka version (default 4.4.0)
#   HOUQIN_KAFKA_HOME      jar cache root (default <repo>/.cache/kafka); jars in $HOUQIN_KAFKA_HOME/<version>/libs
#   KAFKA_STATE_DIR        data/logs/pid/config (default $HOUQIN_KAFKA_HOME/run)
#   KAFKA_PORT             client port (default 9092); KAFKA_CONTROLLER_PORT (default 9093)
#   KAFKA_HEAP_OPTS        default "-Xms256m -Xmx768m"; KAFKA_JVM_OPTS extra JVM flags
#   KAFKA_WAIT_TIMEOUT     readiness timeout in seconds (default 90)
#   KAFKA_STOP_TIMEOUT     seconds between SIGTERM and SIGKILL (default 20)
#   KAFKA_EXTRA_CONFIG     extra server.properties lines (newline separated), appended last
#   LOG4J_VERSION          log4j2 backend for Kafka 4.x (default 2.26.1)
#   JAVA_HOME / JAVA       Java runtime (17+ for Kafka 4.x)
#   MVN                    Maven command (default mvn); MAVEN_OPTS is honoured (e.g. -Dmaven.repo.local=...)
#
# KAFKA_VERSION=3.9.x also works (logging backend switches to slf4j-reload4j + reload4j).
# Readiness uses tools/kafka/wait-for-kafka.mjs (kafkajs from node_modules) when installed,
# else only the TCP port (which the broker opens once it is unfenced).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(git -C "$SCRIPT_DIR" rev-parse --show-toplevel 2>/dev/null || (cd "$SCRIPT_DIR/../.." && pwd))"

KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
SCALA_VERSION="${SCALA_VERSION:-2.13}"
LOG4J_VERSION="${LOG4J_VERSION:-2.26.1}"          # Kafka 4.x backend (log4j2 + SLF4J 1.x binding)
SLF4J_VERSION="${SLF4J_VERSION:-1.7.36}"          # Kafka 3.9.x backend: slf4j-reload4j + reload4j
RELOAD4J_VERSION="${RELOAD4J_VERSION:-1.2.27}"
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

HOUQIN_KAFKA_HOME="${HOUQIN_KAFKA_HOME:-$REPO_ROOT/.cache/kafka}"
VERSION_DIR="$HOUQIN_KAFKA_HOME/$KAFKA_VERSION"
LIBS_DIR="$VERSION_DIR/libs"
KAFKA_STATE_DIR="${KAFKA_STATE_DIR:-$HOUQIN_KAFKA_HOME/run}"
DATA_DIR="$KAFKA_STATE_DIR/data"
LOG_DIR="$KAFKA_STATE_DIR/logs"
PID_FILE="$KAFKA_STATE_DIR/kafka.pid"
CONFIG_FILE="$KAFKA_STATE_DIR/server.properties"
FORMATTED_FILE="$KAFKA_STATE_DIR/formatted-by"
BROKER_LOG="$LOG_DIR/server.log"
CONSOLE_LOG="$LOG_DIR/kafka.out"

KAFKA_HOST="127.0.0.1"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:-}"
KAFKA_WAIT_TIMEOUT="${KAFKA_WAIT_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-20}"
KAFKA_EXTRA_CONFIG="${KAFKA_EXTRA_CONFIG:-}"
MVN="${MVN:-mvn}"

KAFKA_MAJOR="${KAFKA_VERSION%%.*}"
# Marker on the java command line, identifying the broker that belongs to this state dir.
PROCESS_MARKER="-Dhouqin.kafka.state=$KAFKA_STATE_DIR"

log() { printf 'kafka-local: %s\n' "$*"; }
err() { printf 'kafka-local: ERROR: %s\n' "$*" >&2; }
die() { err "$*"; exit 1; }

now() { date +%s; }

java_bin() {
  if [[ -n "${JAVA:-}" ]]; then echo "$JAVA"
  elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then command -v java
  else die "java not found (install OpenJDK 17+, e.g. apt-get install -y openjdk-17-jre-headless, or set JAVA_HOME)"
  fi
}

check_java() {
  local java ver major
  java="$(java_bin)"
  ver="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)"
  major="${ver#1.}"; major="${major%%.*}"
  if [[ "$KAFKA_MAJOR" -ge 4 && "${major:-0}" -lt 17 ]]; then
    die "Kafka $KAFKA_VERSION needs Java 17+, found Java ${ver:-unknown} at $java"
  fi
}

# ---------------------------------------------------------------------------------------------
# fetch
# ---------------------------------------------------------------------------------------------
libs_complete() {
  [[ -f "$LIBS_DIR/.complete" && -f "$LIBS_DIR/kafka_${SCALA_VERSION}-${KAFKA_VERSION}.jar" ]]
}

write_pom() {
  local pom="$1" backend
  if [[ "$KAFKA_MAJOR" -ge 4 ]]; then
    backend="
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-api</artifactId><version>$LOG4J_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>$LOG4J_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>$LOG4J_VERSION</version></dependency>"
  else
    backend="
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>$SLF4J_VERSION</version></dependency>
    <dependency><groupId>ch.qos.reload4j</groupId><artifactId>reload4j</artifactId><version>$RELOAD4J_VERSION</version></dependency>"
  fi
  cat >"$pom" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by tools/kafka/kafka-local.sh: the jars of a Kafka $KAFKA_VERSION broker. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>houqin.local</groupId>
  <artifactId>kafka-broker-libs</artifactId>
  <version>$KAFKA_VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_$SCALA_VERSION</artifactId><version>$KAFKA_VERSION</version></dependency>$backend
  </dependencies>
</project>
EOF
}

cmd_fetch() {
  if libs_complete; then
    log "Kafka $KAFKA_VERSION jars already in $LIBS_DIR"
    return 0
  fi
  command -v "$MVN" >/dev/null 2>&1 || die "Maven ('$MVN') not found (apt-get install -y maven)"
  mkdir -p "$VERSION_DIR"
  exec 8>"$VERSION_DIR/.fetch.lock"
  flock -w 600 8 || die "timed out waiting for another fetch of Kafka $KAFKA_VERSION"
  if libs_complete; then
    log "Kafka $KAFKA_VERSION jars already in $LIBS_DIR"
    exec 8>&-
    return 0
  fi
  local t0 tmp
  t0="$(now)"
  tmp="$VERSION_DIR/libs.tmp.$$"
  rm -rf "$tmp"
  write_pom "$VERSION_DIR/pom.xml"
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIBS_DIR ..."
  if ! (cd "$VERSION_DIR" && "$MVN" -B -q -Dstyle.color=never -f "$VERSION_DIR/pom.xml" \
        "$DEPENDENCY_PLUGIN:copy-dependencies" -DincludeScope=runtime -DoutputDirectory="$tmp") \
        >"$VERSION_DIR/fetch.log" 2>&1 </dev/null; then
    tail -n 40 "$VERSION_DIR/fetch.log" >&2
    rm -rf "$tmp"
    die "Maven could not resolve org.apache.kafka:kafka_$SCALA_VERSION:$KAFKA_VERSION (full output: $VERSION_DIR/fetch.log)"
  fi
  [[ -f "$tmp/kafka_${SCALA_VERSION}-${KAFKA_VERSION}.jar" ]] || { rm -rf "$tmp"; die "kafka_${SCALA_VERSION}-${KAFKA_VERSION}.jar missing after fetch"; }
  touch "$tmp/.complete"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  exec 8>&-
  log "fetched $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars ($(du -sh "$LIBS_DIR" | cut -f1)) in $(( $(now) - t0 ))s"
}

# ---------------------------------------------------------------------------------------------
# process helpers
# ---------------------------------------------------------------------------------------------
# true if process $1 has our marker on its command line (no fork: runs over every pid in /proc)
has_marker() {
  local arg args=()
  mapfile -d '' -t args 2>/dev/null <"/proc/$1/cmdline" || return 1
  for arg in "${args[@]}"; do
    [[ "$arg" == "$PROCESS_MARKER" ]] && return 0
  done
  return 1
}

# true if $1 is a live process that is the broker of this state dir
is_our_broker() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ -d /proc/self ]] || return 0   # no procfs: trust kill -0
  has_marker "$pid"
}

read_pid() { [[ -f "$PID_FILE" ]] && tr -dc '0-9' <"$PID_FILE" || true; }

# pid of the running broker of this state dir (via pid file, else by scanning for the marker)
running_pid() {
  local pid p
  pid="$(read_pid)"
  if [[ -n "$pid" ]] && is_our_broker "$pid"; then echo "$pid"; return 0; fi
  if [[ -d /proc ]]; then
    for p in /proc/[0-9]*; do
      p="${p#/proc/}"
      [[ "$p" == "$$" ]] && continue
      if has_marker "$p"; then
        echo "$p"; return 0
      fi
    done
  fi
  return 1
}

clean_stale_pid() {
  local pid
  pid="$(read_pid)"
  if [[ -f "$PID_FILE" ]] && ! { [[ -n "$pid" ]] && is_our_broker "$pid"; }; then
    log "removing stale pid file (pid ${pid:-?} is not a running broker)"
    rm -f "$PID_FILE"
  fi
}

port_open() {  # host port
  (exec 3<>"/dev/tcp/$1/$2") >/dev/null 2>&1
}

port_owner() {  # port -> description of the listening process, if ss/lsof can tell
  local port="$1" out=""
  if command -v ss >/dev/null 2>&1; then
    out="$(ss -Hltnp "sport = :$port" 2>/dev/null | head -n3)"
  fi
  if [[ -z "$out" ]] && command -v lsof >/dev/null 2>&1; then
    out="$(lsof -nP -iTCP:"$port" -sTCP:LISTEN 2>/dev/null | tail -n +2 | head -n3)"
  fi
  echo "${out:-unknown process}"
}

show_log_tail() {
  local n="${1:-40}" f
  for f in "$BROKER_LOG" "$CONSOLE_LOG"; do
    if [[ -s "$f" ]]; then
      printf -- '----- last %s lines of %s -----\n' "$n" "$f" >&2
      tail -n "$n" "$f" >&2
    fi
  done
  printf -- '----- end of log -----\n' >&2
}

have_node_client() {
  command -v node >/dev/null 2>&1 && [[ -f "$REPO_ROOT/node_modules/kafkajs/package.json" ]]
}

# ---------------------------------------------------------------------------------------------
# config + storage
# ---------------------------------------------------------------------------------------------
write_config() {
  mkdir -p "$DATA_DIR" "$LOG_DIR"
  cat >"$CONFIG_FILE" <<EOF
# Generated by tools/kafka/kafka-local.sh on every start; edits are overwritten.
# Use KAFKA_EXTRA_CONFIG to add or override settings.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR

# Single node: replication factor 1 everywhere.
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
auto.create.topics.enable=true
delete.topic.enable=true
group.initial.rebalance.delay.ms=0

# Light footprint for dev/CI machines.
num.network.threads=2
num.io.threads=4
background.threads=4
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=33554432
num.recovery.threads.per.data.dir=1
log.retention.hours=24
EOF
  if [[ "$KAFKA_MAJOR" -ge 4 ]]; then
    cat >>"$CONFIG_FILE" <<EOF
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=3
EOF
  fi
  if [[ -n "$KAFKA_EXTRA_CONFIG" ]]; then
    printf '\n# KAFKA_EXTRA_CONFIG\n%s\n' "$KAFKA_EXTRA_CONFIG" >>"$CONFIG_FILE"
  fi
}

write_logging_config() {
  if [[ "$KAFKA_MAJOR" -ge 4 ]]; then
    cat >"$KAFKA_STATE_DIR/log4j2.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by tools/kafka/kafka-local.sh -->
<Configuration status="WARN">
  <Appenders>
    <RollingFile name="server" fileName="$BROKER_LOG" filePattern="$LOG_DIR/server.log.%i">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy max="3"/>
    </RollingFile>
  </Appenders>
  <Loggers>
    <Root level="INFO"><AppenderRef ref="server"/></Root>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="kafka.log.LogCleaner" level="WARN"/>
    <Logger name="org.apache.kafka.storage.internals.log" level="WARN"/>
    <Logger name="kafka.log" level="WARN"/>
    <Logger name="org.apache.kafka.common.config.AbstractConfig" level="WARN"/>
    <Logger name="org.apache.kafka.common.utils.AppInfoParser" level="WARN"/>
    <Logger name="state.change.logger" level="WARN"/>
    <Logger name="kafka.controller" level="INFO"/>
  </Loggers>
</Configuration>
EOF
  else
    cat >"$KAFKA_STATE_DIR/log4j.properties" <<EOF
# Generated by tools/kafka/kafka-local.sh
log4j.rootLogger=INFO, server
log4j.appender.server=org.apache.log4j.RollingFileAppender
log4j.appender.server.File=$BROKER_LOG
log4j.appender.server.MaxFileSize=20MB
log4j.appender.server.MaxBackupIndex=3
log4j.appender.server.layout=org.apache.log4j.PatternLayout
log4j.appender.server.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.kafka.log=WARN
log4j.logger.org.apache.kafka.storage.internals.log=WARN
log4j.logger.org.apache.kafka.common.config.AbstractConfig=WARN
log4j.logger.org.apache.kafka.common.utils.AppInfoParser=WARN
log4j.logger.state.change.logger=WARN
EOF
  fi
}

logging_jvm_opts() {
  if [[ "$KAFKA_MAJOR" -ge 4 ]]; then
    echo "-Dlog4j2.configurationFile=$KAFKA_STATE_DIR/log4j2.xml"
  else
    echo "-Dlog4j.configuration=file:$KAFKA_STATE_DIR/log4j.properties"
  fi
}

random_cluster_id() {  # 16 random bytes, base64url without padding (what `kafka-storage random-uuid` prints)
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" == -* ]] || { echo "$id"; return; }
  done
}

format_if_needed() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    local by
    by="$(cat "$FORMATTED_FILE" 2>/dev/null || echo unknown)"
    if [[ "$by" != "unknown" && "${by%%.*}" -gt "$KAFKA_MAJOR" ]]; then
      die "state dir was formatted by Kafka $by and cannot be used by $KAFKA_VERSION; run: $0 reset"
    fi
    return 0
  fi
  local cid java
  cid="$(random_cluster_id)"
  java="$(java_bin)"
  log "formatting storage in $DATA_DIR (cluster id $cid)"
  mkdir -p "$DATA_DIR"
  # shellcheck disable=SC2046
  if ! "$java" -Xmx256m $(logging_jvm_opts) -cp "$LIBS_DIR/*" kafka.tools.StorageTool \
        format -t "$cid" -c "$CONFIG_FILE" >"$LOG_DIR/format.out" 2>&1; then
    cat "$LOG_DIR/format.out" >&2
    die "formatting storage failed"
  fi
  echo "$KAFKA_VERSION" >"$FORMATTED_FILE"
}

# ---------------------------------------------------------------------------------------------
# readiness
# ---------------------------------------------------------------------------------------------
# wait_ready [pid]: waits until the client port answers (the broker opens it only once unfenced)
# and, if kafkajs is installed, until describeCluster succeeds; then warms the group coordinator
# and producer-id manager (see wait-for-kafka.mjs). Fails early if the broker process dies.
wait_ready() {
  local pid="${1:-}" deadline rc remaining
  deadline=$(( $(now) + KAFKA_WAIT_TIMEOUT ))
  [[ -n "$pid" ]] || pid="$(running_pid || true)"
  while ! port_open "$KAFKA_HOST" "$KAFKA_PORT"; do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      err "broker process $pid exited before becoming ready"
      show_log_tail 40
      return 1
    fi
    if (( $(now) >= deadline )); then
      err "broker not reachable on $KAFKA_HOST:$KAFKA_PORT after ${KAFKA_WAIT_TIMEOUT}s (log: $BROKER_LOG)"
      show_log_tail 40
      return 1
    fi
    sleep 0.5
  done
  if have_node_client; then
    remaining=$(( deadline - $(now) )); (( remaining > 5 )) || remaining=5
    rc=0
    KAFKAJS_NO_PARTITIONER_WARNING=1 node "$SCRIPT_DIR/wait-for-kafka.mjs" \
      --brokers "$KAFKA_HOST:$KAFKA_PORT" --timeout "$remaining" --warm || rc=$?
    if [[ "$rc" -ne 0 ]]; then
      err "broker on $KAFKA_HOST:$KAFKA_PORT did not answer describeCluster (log: $BROKER_LOG)"
      show_log_tail 40
      return 1
    fi
  else
    log "kafka ready: port $KAFKA_HOST:$KAFKA_PORT open (kafkajs not installed; skipped describeCluster)"
  fi
}

# ---------------------------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------------------------
lock_state() {
  mkdir -p "$KAFKA_STATE_DIR"
  exec 9>"$KAFKA_STATE_DIR/.lock"
  flock -w 180 9 || die "timed out waiting for another kafka-local.sh on $KAFKA_STATE_DIR"
}

cmd_start() {
  lock_state
  local pid
  if pid="$(running_pid)"; then
    echo "$pid" >"$PID_FILE"
    if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      log "already running (pid $pid) on $KAFKA_HOST:$KAFKA_PORT"
      return 0
    fi
    log "broker (pid $pid) is running but not reachable yet; waiting"
    wait_ready "$pid"
    return
  fi
  clean_stale_pid
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open "$KAFKA_HOST" "$p"; then
      die "port $KAFKA_HOST:$p is already in use by something else: $(port_owner "$p")
  (stop it, or choose other ports: KAFKA_PORT=... KAFKA_CONTROLLER_PORT=... $0 start)"
    fi
  done
  check_java
  cmd_fetch
  write_config
  write_logging_config
  format_if_needed

  local java t0
  java="$(java_bin)"
  t0="$(now)"
  : >"$CONSOLE_LOG"
  log "starting Kafka $KAFKA_VERSION on $KAFKA_HOST:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT, state $KAFKA_STATE_DIR)"
  local setsid_cmd=()
  command -v setsid >/dev/null 2>&1 && setsid_cmd=(setsid)
  # fds 8/9 hold our flock locks: the broker must not inherit them.
  # shellcheck disable=SC2086,SC2046
  nohup "${setsid_cmd[@]}" "$java" $KAFKA_HEAP_OPTS \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    $KAFKA_JVM_OPTS \
    "-Dkafka.logs.dir=$LOG_DIR" $(logging_jvm_opts) "$PROCESS_MARKER" \
    -cp "$LIBS_DIR/*" kafka.Kafka "$CONFIG_FILE" >>"$CONSOLE_LOG" 2>&1 </dev/null 8>&- 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"
  log "broker pid $pid; waiting up to ${KAFKA_WAIT_TIMEOUT}s for readiness (log: $BROKER_LOG)"
  if ! wait_ready "$pid"; then
    err "start failed; stopping the half-started broker"
    stop_pid "$pid" >/dev/null 2>&1 || true
    rm -f "$PID_FILE"
    exit 1
  fi
  log "started in $(( $(now) - t0 ))s (pid $pid)"
}

stop_pid() {
  local pid="$1" deadline
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$(( $(now) + KAFKA_STOP_TIMEOUT ))
  while kill -0 "$pid" 2>/dev/null; do
    if (( $(now) >= deadline )); then
      log "broker (pid $pid) still running after ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.3
  done
}

cmd_stop() {
  lock_state
  local pid t0
  if ! pid="$(running_pid)"; then
    clean_stale_pid
    log "not running"
    return 0
  fi
  t0="$(now)"
  log "stopping broker (pid $pid)"
  stop_pid "$pid"
  if kill -0 "$pid" 2>/dev/null; then die "could not stop pid $pid"; fi
  rm -f "$PID_FILE"
  log "stopped in $(( $(now) - t0 ))s"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      local rss
      rss="$(awk '/^VmRSS/ {printf "%d MiB", $2/1024}' "/proc/$pid/status" 2>/dev/null || true)"
      log "running (pid $pid, Kafka $KAFKA_VERSION, ${rss:-rss ?}) and reachable on $KAFKA_HOST:$KAFKA_PORT"
      return 0
    fi
    log "running (pid $pid) but not reachable on $KAFKA_HOST:$KAFKA_PORT (starting, or stuck: see $BROKER_LOG)"
    return 1
  fi
  if [[ -f "$PID_FILE" ]]; then
    log "not running (stale pid file $PID_FILE, pid $(read_pid))"
  else
    log "not running"
  fi
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    log "note: $KAFKA_HOST:$KAFKA_PORT is in use by another process: $(port_owner "$KAFKA_PORT")"
  fi
  return 1
}

cmd_wait() {
  local pid
  if ! pid="$(running_pid)"; then
    # a broker started some other way may still be listening
    if ! port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      local deadline=$(( $(now) + KAFKA_WAIT_TIMEOUT ))
      log "no broker process for $KAFKA_STATE_DIR; waiting for $KAFKA_HOST:$KAFKA_PORT"
      while ! port_open "$KAFKA_HOST" "$KAFKA_PORT"; do
        (( $(now) < deadline )) || die "nothing listening on $KAFKA_HOST:$KAFKA_PORT after ${KAFKA_WAIT_TIMEOUT}s (start it: $0 start)"
        sleep 1
      done
    fi
    pid=""
  fi
  wait_ready "$pid"
}

cmd_reset() {
  cmd_stop
  lock_state
  log "wiping state in $KAFKA_STATE_DIR"
  rm -rf "$DATA_DIR" "$LOG_DIR"
  rm -f "$PID_FILE" "$CONFIG_FILE" "$FORMATTED_FILE" "$KAFKA_STATE_DIR/log4j2.xml" "$KAFKA_STATE_DIR/log4j.properties"
}

cmd_logs() {
  local f
  for f in "$BROKER_LOG" "$CONSOLE_LOG"; do
    [[ -s "$f" ]] && { echo "==> $f <=="; tail -n "${LINES:-40}" "$f"; }
  done
  return 0
}

cmd_info() {
  cat <<EOF
KAFKA_VERSION=$KAFKA_VERSION
HOUQIN_KAFKA_HOME=$HOUQIN_KAFKA_HOME
LIBS_DIR=$LIBS_DIR ($(libs_complete && echo present || echo missing))
KAFKA_STATE_DIR=$KAFKA_STATE_DIR
BROKERS=$KAFKA_HOST:$KAFKA_PORT
CONTROLLER=$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
KAFKA_HEAP_OPTS=$KAFKA_HEAP_OPTS
BROKER_LOG=$BROKER_LOG
EOF
}

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
  fetch)   cmd_fetch ;;
  start)   cmd_start ;;
  stop)    cmd_stop ;;
  status)  cmd_status ;;
  wait)    cmd_wait ;;
  restart) (cmd_stop); cmd_start ;;
  reset)   cmd_reset ;;
  logs)    cmd_logs ;;
  info)    cmd_info ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
