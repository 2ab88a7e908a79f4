#!/usr/bin/env bash
# Registry read load: GET /schemas/ids/{id} over 1,000 distinct schemas with 100 concurrent connections, client
# (wrk) and server (broker + registry in one JVM) on this machine, 127.0.0.1 only. Prints requests/s, p50, p99.
#
#   bench/registry-load.sh [DURATION_SECONDS=30] [CONNECTIONS=100] [SCHEMAS=1000]
#
# Environment: REGISTRY_PORT (default 18081), WRK_THREADS (default 2), JAVA_OPTS for the server JVM,
# SKIP_BUILD=1 to reuse bench/target.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${1:-30}"
connections="${2:-100}"
schemas="${3:-1000}"
port="${REGISTRY_PORT:-18081}"
threads="${WRK_THREADS:-2}"
work="$(mktemp -d)"

if ! command -v wrk > /dev/null; then
  echo "installing wrk (Debian package)..." >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk > "$work/apt.log" 2>&1 || { apt-get update -qq && apt-get install -y wrk > "$work/apt.log" 2>&1; }
  else sudo apt-get install -y wrk > "$work/apt.log" 2>&1; fi
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building bench..." >&2
  (cd "$root" && ./mvnw -B -q -pl bench -am package -DskipTests) > "$work/build.log" 2>&1 \
    || { echo "build failed; see $work/build.log" >&2; exit 1; }
fi

echo "starting broker + registry, registering $schemas schemas..." >&2
java ${JAVA_OPTS:-} -cp "$root/bench/target/avrogate-bench.jar:$root/bench/target/lib/*" \
  io.avrogate.bench.RegistryLoadServer "$port" "$schemas" "$work/ids.txt" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do
  grep -q '^READY ' "$work/server.log" && break
  kill -0 $server 2>/dev/null || { echo "server died:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
grep -q '^READY ' "$work/server.log" || { echo "server not ready after 120 s" >&2; exit 1; }
url="http://127.0.0.1:$port"

echo "warm-up: 10 s of ids, 5 s of baseline" >&2
wrk -t"$threads" -c"$connections" -d10s -s "$root/bench/registry-load.lua" "$url" -- "$work/ids.txt" > /dev/null
wrk -t"$threads" -c"$connections" -d5s -s "$root/bench/registry-load-baseline.lua" "$url/" > /dev/null
echo "measuring: ${duration} s, $connections connections, $threads wrk threads, $schemas ids; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
ids_result="$(wrk -t"$threads" -c"$connections" -d"${duration}s" -s "$root/bench/registry-load.lua" "$url" -- "$work/ids.txt" | grep '^RESULT')"
echo "baseline GET / for ${duration} s (same server, same connections)" >&2
base_result="$(wrk -t"$threads" -c"$connections" -d"${duration}s" -s "$root/bench/registry-load-baseline.lua" "$url/" | grep '^RESULT')"
echo "GET /schemas/ids/{id}: ${ids_result#RESULT }"
echo "GET / (baseline):      ${base_result#RESULT }"
awk -v a="${ids_result#*rps=}" -v b="${base_result#*rps=}" 'BEGIN { printf "ids/baseline throughput ratio: %.2f\n", a / b }'
