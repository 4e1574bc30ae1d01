#!/usr/bin/env bash
# Load benchmark of the tracker: HostApp in Release under wrk on loopback.
#
#   bench/load/run.sh [sqlite|postgresql]
#
# Two HostApp processes run side by side on 127.0.0.1 (Kestrel on port 0): one with tracking enabled,
# one with UsageTracking:Enabled=false. Each round measures, in this order,
#   disabled   GET /ping            on the app with tracking disabled,
#   untracked  GET /ping-untracked  on the tracking app (excluded endpoint: the middleware's fast path),
#   tracked    GET /ping            on the tracking app (recorded, written by the background writer),
# so every round is one off/on pair. For every run it reads requests/s and p50/p99 latency from wrk,
# server CPU (utime+stime from /proc of the app process plus every database server process) from just
# before the load until the writer has drained its queue, and the rows the run added to the database.
# On PostgreSQL, autovacuum is off and every run ends with an explicit VACUUM and CHECKPOINT whose CPU is
# measured on its own (the "maint" column): the maintenance a run's rows cause is charged to that run
# instead of to whichever run the autovacuum daemon or the checkpoint timer happened to wake up in.
# See bench/README.md for how to read the table.
#
# Environment: ROUNDS (default 3), DURATION seconds per run (10), WARMUP seconds before each run (2), FIRST_WARMUP
# seconds of each kind of run before the first round (15),
# CONNECTIONS (64), THREADS of wrk (2), CLIENT (browser: every request carries a desktop browser's User-Agent and
# Accept-Language, as a site's visitors' do, so that describing them is part of the tracked cost; bare: wrk's own requests,
# which send neither), KEEP=1 keeps the work directory, PG_OPTIONS more server options for PostgreSQL
# (for instance "-c huge_pages=on"), APP_OPTIONS more command-line settings for both apps (for instance
# "--UsageTracking:BatchSize=1000").
set -euo pipefail

provider="${1:-sqlite}"
case "$provider" in
  sqlite|postgresql) ;;
  *) echo "usage: $0 [sqlite|postgresql]" >&2; exit 2 ;;
esac

rounds="${ROUNDS:-3}"
duration="${DURATION:-10}"
warmup="${WARMUP:-2}"
first_warmup="${FIRST_WARMUP:-15}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
client="${CLIENT:-browser}"
case "$client" in
  browser)
    wrk_headers=(
      -H "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
      -H "Accept-Language: en-GB,en;q=0.9")
    ;;
  bare) wrk_headers=() ;;
  *) echo "CLIENT must be browser or bare" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/usage-bench-XXXXXX)"
chmod 755 "$work"
declare -a app_pids=()
pg_bin=""
pg_data=""

cleanup() {
  local pid
  for pid in "${app_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${app_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "${SQLS_PID:-}" ]; then
    exec {SQLS[1]}>&- 2>/dev/null || true
    wait "$SQLS_PID" 2>/dev/null || true
  fi
  if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ "${KEEP:-0}" = "1" ]; then
    echo "work directory kept: $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT INT TERM

log() { printf '[bench] %s\n' "$*" >&2; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

for tool in wrk sqlite3 dotnet; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool is required (Debian: apt-get install wrk sqlite3; dotnet from the machine image)" >&2
    exit 2
  fi
done

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# --- database ---------------------------------------------------------------------------------------
if [ "$provider" = "sqlite" ]; then
  db_file="$work/usage.db"
  connection_string="Data Source=$db_file"
  provider_key="Sqlite"
  sql() { sqlite3 "$db_file" "$1"; }
else
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 2; }
  command -v psql >/dev/null || { echo "psql is required (apt-get install postgresql-client)" >&2; exit 2; }
  pg_data="$work/pg/data"
  pg_socket="$work/pg/socket"
  pg_port="$(free_port)"
  mkdir -p "$pg_socket"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$work/pg"
  log "initdb (PostgreSQL in $pg_bin, port $pg_port)"
  as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --locale=C --no-instructions >"$work/initdb.log" 2>&1
  # Server defaults (fsync, synchronous_commit) stay on: the figures are for a real server. Autovacuum is
  # off only so that its work is done, and measured, at a fixed point of every run (see measure).
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/server.log" -w \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_socket -c autovacuum=off ${PG_OPTIONS:-}" start >/dev/null
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qAtc "CREATE DATABASE usage_bench" >/dev/null
  connection_string="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=usage_bench"
  provider_key="PostgreSql"
  # One long-lived session for every query of the script: a psql per query would start (and bill) a
  # new server backend each time, more often in a run whose drain takes longer.
  coproc SQLS { exec psql -h 127.0.0.1 -p "$pg_port" -U postgres -d usage_bench -qAtX 2>&1; }
  sql() {
    local line out=""
    printf '%s;\n\\echo __end__\n' "$1" >&"${SQLS[1]}"
    while IFS= read -r line <&"${SQLS[0]}"; do
      [ "$line" = "__end__" ] && break
      out="${out:+$out$'\n'}$line"
    done
    printf '%s\n' "$out"
  }
fi

# --- HostApp ----------------------------------------------------------------------------------------
log "building HostApp (Release)"
if ! dotnet build "$root/samples/HostApp/HostApp.csproj" -c Release -v q -nologo -clp:ErrorsOnly >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  exit 1
fi
app_dir="$root/samples/HostApp/bin/Release/net10.0"

# start_app NAME ENABLED -> sets app_port_<NAME>, app_pid_<NAME>
start_app() {
  local name="$1" enabled="$2" out="$work/$1.log" port="" i
  (
    cd "$app_dir"
    export ASPNETCORE_ENVIRONMENT=Production
    exec dotnet HostApp.dll \
      --urls "http://127.0.0.1:0" \
      --ConnectionStrings:Usage="$connection_string" \
      --UsageTracking:Storage:Provider="$provider_key" \
      --UsageTracking:Enabled="$enabled" \
      --UsageTracking:ApplicationName="bench-$name" \
      --Logging:LogLevel:Default=Warning \
      --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information \
      ${APP_OPTIONS:-}
  ) >"$out" 2>&1 </dev/null &
  local pid=$!
  app_pids+=("$pid")
  for i in $(seq 1 300); do
    port="$(sed -n 's#.*Now listening on: http://127\.0\.0\.1:\([0-9]*\).*#\1#p' "$out" | head -n 1)"
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; echo "HostApp ($name) exited" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$out" >&2; echo "HostApp ($name) did not start" >&2; exit 1; }
  printf -v "app_port_$name" '%s' "$port"
  printf -v "app_pid_$name" '%s' "$pid"
  log "HostApp $name (tracking enabled=$enabled) pid $pid on port $port"
}

start_app on true
start_app off false

# The tracking app created the schema at startup (MigrateOnStartup); the disabled one writes nothing.
# Progress marks: SQLite's id is the rowid, one index probe; PostgreSQL's newest date (ids there come from
# per-connection caches and are not a progress mark), read once per run outside its measured window.
# Drain marks, polled inside the window, must cost the server nothing: SQLite's rowid again; on PostgreSQL
# the WAL insert position, which only writes move (autovacuum is off, and a SELECT writes no WAL), where
# a MAX over the table would read every row of it without a b-tree on the date.
if [ "$provider" = "sqlite" ]; then
  max_id() { sql "SELECT COALESCE(MAX(id), 0) FROM usage_records"; }
  count_since() { sql "SELECT COUNT(*) FROM usage_records WHERE id > $1 AND path = '/ping'"; }
  drain_mark() { max_id; }
else
  max_id() { sql "SELECT COALESCE(MAX(date), '-infinity') FROM usage_records"; }
  count_since() { sql "SELECT COUNT(*) FROM usage_records WHERE date > '$1' AND path = '/ping'"; }
  drain_mark() { sql "SELECT pg_current_wal_insert_lsn()"; }
fi

# Maintenance a run's writes leave behind, done at the end of the run so it can be measured there.
maintain() {
  [ -n "$pg_data" ] || return 0
  sql "VACUUM" >/dev/null
  sql "CHECKPOINT" >/dev/null
}

# --- CPU accounting ---------------------------------------------------------------------------------
# Clock ticks of one process: utime+stime (fields 14, 15), plus cutime+cstime (16, 17) when asked, so
# that backends which exited during the run are still counted through their parent, the postmaster.
ticks_of() {
  local pid="$1" with_children="${2:-0}" stat
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || { echo 0; return; }
  stat="${stat##*) }"
  awk -v c="$with_children" '{ print $12 + $13 + (c ? $14 + $15 : 0) }' <<<"$stat"
}

server_ticks() {
  local total app
  app="$(ticks_of "$1")"
  total="$app"
  if [ -n "$pg_data" ]; then
    local postmaster
    postmaster="$(head -n 1 "$pg_data/postmaster.pid")"
    total=$(( total + $(ticks_of "$postmaster" 1) ))
    # Every live child of the postmaster: backends, writer, checkpointer, WAL writer, autovacuum.
    total=$(( total + $(cat /proc/[0-9]*/stat 2>/dev/null | awk -v pm="$postmaster" '
      { s = $0; sub(/.*\) /, "", s); split(s, f, " "); if (f[2] == pm) t += f[12] + f[13] }
      END { print t + 0 }') ))
  fi
  echo "$total"
}
clk_tck="$(getconf CLK_TCK)"

# Waits until the drain mark stops moving: the writer has drained its queue.
wait_drained() {
  local last now stable=0 i
  last="$(drain_mark)"
  for i in $(seq 1 600); do
    sleep 0.1
    now="$(drain_mark)"
    if [ "$now" = "$last" ]; then
      stable=$(( stable + 1 ))
      [ "$stable" -ge 5 ] && return 0
    else
      stable=0
      last="$now"
    fi
  done
  log "warning: rows still growing after 60 s"
}

# Latency from wrk ("1.23ms", "850.00us", "1.02s") in microseconds.
to_us() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) m = 1; else if (v ~ /ms$/) m = 1000; else if (v ~ /s$/) m = 1000000; else m = 1
    printf "%.0f", n * m }'
}

results="$work/results.tsv"
: >"$results"

# measure KIND NAME PATH
measure() {
  local kind="$1" name="$2" path="$3" pid port url before_id cpu0 cpu1 out requests rps p50 p99 rows errors
  pid="$(eval echo "\$app_pid_$name")"
  port="$(eval echo "\$app_port_$name")"
  url="http://127.0.0.1:$port$path"

  wrk "${wrk_headers[@]}" -t"$threads" -c"$connections" -d"${warmup}s" "$url" >/dev/null
  wait_drained
  # Start clean: the warm-up's rows vacuumed, statistics current, no dirty buffers (not measured).
  [ -n "$pg_data" ] && sql "VACUUM ANALYZE" >/dev/null && sql "CHECKPOINT" >/dev/null
  before_id="$(max_id)"
  cpu0="$(server_ticks "$pid")"
  app0="$(ticks_of "$pid")"
  out="$(wrk "${wrk_headers[@]}" -t"$threads" -c"$connections" -d"${duration}s" --latency "$url")"
  wait_drained
  cpu1="$(server_ticks "$pid")"
  app1="$(ticks_of "$pid")"
  maintain
  cpu2="$(server_ticks "$pid")"

  requests="$(awk '/requests in/ { print $1 }' <<<"$out")"
  rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
  p50="$(to_us "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
  p99="$(to_us "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
  errors="$(awk '/Non-2xx|Socket errors/ { $1 = $1; printf "%s; ", $0 }' <<<"$out")"
  rows="$(count_since "$before_id")"
  [ -n "$errors" ] && log "$kind: $errors"

  # CPU microseconds per completed request, app plus database server: until drained, and the maintenance.
  local cpu_us maint_us db_us
  cpu_us="$(awk -v t=$(( cpu1 - cpu0 )) -v hz="$clk_tck" -v n="$requests" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }')"
  db_us="$(awk -v t=$(( cpu1 - cpu0 - app1 + app0 )) -v hz="$clk_tck" -v n="$requests" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }')"
  maint_us="$(awk -v t=$(( cpu2 - cpu1 )) -v hz="$clk_tck" -v n="$requests" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }')"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$kind" "$rps" "$p50" "$p99" "$requests" "$rows" "$cpu_us" "$maint_us" "$db_us" >>"$results"
  log "round $round $kind: $rps req/s, p50 ${p50} us, p99 ${p99} us, $requests requests, $rows rows, $cpu_us us CPU/request (of which database $db_us; + $maint_us maintenance)"
}

# One unmeasured run of each kind first: the writer's per-batch code runs a few times a second, so the runtime's
# tiered JIT promotes it to optimized code only after several seconds of tracked load (and the database server fills
# its caches); without this the first round measured start-up rather than the steady state.
log "warming up for ${first_warmup}s per run"
wrk "${wrk_headers[@]}" -t"$threads" -c"$connections" -d"${first_warmup}s" "http://127.0.0.1:$app_port_off/ping" >/dev/null
wrk "${wrk_headers[@]}" -t"$threads" -c"$connections" -d"${first_warmup}s" "http://127.0.0.1:$app_port_on/ping-untracked" >/dev/null
wrk "${wrk_headers[@]}" -t"$threads" -c"$connections" -d"${first_warmup}s" "http://127.0.0.1:$app_port_on/ping" >/dev/null
wait_drained
maintain

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
log "$rounds rounds of ${duration}s runs, wrk -t$threads -c$connections, provider $provider"
for round in $(seq 1 "$rounds"); do
  measure disabled off /ping
  measure untracked on /ping-untracked
  measure tracked on /ping
done

# --- report -----------------------------------------------------------------------------------------
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
echo "Load benchmark: provider $provider, $(nproc) cores (load average before: $load_before), wrk -t$threads -c$connections -d${duration}s, $client client, $rounds rounds, commit $commit${APP_OPTIONS:+, app options $APP_OPTIONS}"
echo
awk -F'\t' '
  BEGIN {
    printf "%-5s  %-9s  %12s  %9s  %9s  %10s  %10s  %6s  %11s  %9s  %9s\n", "round", "run", "requests/s", "p50 us", "p99 us", "requests", "rows", "lost", "CPU us/req", "of it db", "maint us"
  }
  {
    lost = ($2 == "tracked" && $6 > $7) ? $6 - $7 : 0
    extra = ($2 == "tracked" && $7 > $6) ? $7 - $6 : 0
    printf "%-5s  %-9s  %12.0f  %9d  %9d  %10d  %10d  %6d  %11.2f  %9.2f  %9.2f\n", $1, $2, $3, $4, $5, $6, $7, lost, $8, $10, $9
  }' "$results"

awk -F'\t' '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { v[$1, $2, "rps"] = $3; v[$1, $2, "cpu"] = $8; v[$1, $2, "maint"] = $9; v[$1, $2, "db"] = $10; v[$1, $2, "p50"] = $4; v[$1, $2, "p99"] = $5
    if ($2 == "tracked") { req += $6; rows += $7; if ($6 > $7) lost += $6 - $7 }
    if ($1 > rounds) rounds = $1 }
  END {
    for (r = 1; r <= rounds; r++) {
      ratio[r] = v[r, "tracked", "rps"] / v[r, "untracked", "rps"]
      vsoff[r] = v[r, "tracked", "rps"] / v[r, "disabled", "rps"]
      added[r] = v[r, "tracked", "cpu"] - v[r, "untracked", "cpu"]
      maint[r] = added[r] + v[r, "tracked", "maint"] - v[r, "untracked", "maint"]
      line1 = line1 sprintf(" %.3f", ratio[r]); line2 = line2 sprintf(" %.3f", vsoff[r]); line3 = line3 sprintf(" %.2f", added[r])
      line4 = line4 sprintf(" %.2f", maint[r])
      dbadd[r] = v[r, "tracked", "db"] - v[r, "untracked", "db"]; line5 = line5 sprintf(" %.2f", dbadd[r])
      for (k = 1; k <= 3; k++) { kind = (k == 1) ? "disabled" : (k == 2) ? "untracked" : "tracked"
        p50[kind, r] = v[r, kind, "p50"]; p99[kind, r] = v[r, kind, "p99"]; rps[kind, r] = v[r, kind, "rps"] }
    }
    print ""
    printf "tracked/untracked requests/s (per round:%s)  median %.3f   target >= 0.80\n", line1, median(ratio, rounds)
    printf "tracked/disabled  requests/s (per round:%s)  median %.3f\n", line2, median(vsoff, rounds)
    printf "added server CPU per tracked request, us (per round:%s)  median %.2f   target <= 6\n", line3, median(added, rounds)
    printf "  of which in the database processes, us (per round:%s)  median %.2f\n", line5, median(dbadd, rounds)
    printf "  the same plus the maintenance it causes (vacuum, checkpoint), us (per round:%s)  median %.2f\n", line4, median(maint, rounds)
    for (k = 1; k <= 3; k++) { kind = (k == 1) ? "disabled" : (k == 2) ? "untracked" : "tracked"
      for (r = 1; r <= rounds; r++) { a[r] = p50[kind, r]; b[r] = p99[kind, r]; c[r] = rps[kind, r] }
      printf "%-9s median requests/s %9.0f   p50 %6d us   p99 %6d us\n", kind, median(c, rounds), median(a, rounds), median(b, rounds)
    }
    printf "tracked requests completed %d, rows written %d, lost %d (rows above requests are requests still in flight when wrk stopped)\n", req, rows, lost
  }' "$results"
