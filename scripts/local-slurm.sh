#!/usr/bin/env bash
# A private one-node Slurm cluster on this machine, for the cluster tests
# (property-tests/cluster-slurm.test.ts) and for trying the generated job
# files by hand:
#
#   bash scripts/local-slurm.sh start DIR   # prints the line SLURM_CONF=DIR/slurm.conf
#   SLURM_CONF=DIR/slurm.conf sbatch ...     # use it
#   bash scripts/local-slurm.sh stop DIR    # stops its daemons (by the pids it recorded)
#
# Everything lives in DIR: slurm.conf, munge's key and socket, the daemons'
# state, spool, pid and log files. Nothing is written to /etc/slurm or
# /etc/munge, so a machine's own Slurm configuration is never touched; the
# daemons listen on free ports picked at start (not 6817/6818), so they do not
# collide with a real Slurm either. Needs root (slurmd runs jobs as their
# user) and Debian's slurm-wlm and munge packages (scripts/ensure-deps.sh --slurm).
#
# The node is this machine (`hostname -s`, at 127.0.0.1) with its core count
# and memory; SelectType=select/cons_tres, ProctrackType=proctrack/linuxproc,
# TaskPlugin=task/none (no cgroups needed), no accounting.
set -euo pipefail

action="${1:-}"
dir="${2:-}"
if [ -z "$action" ] || [ -z "$dir" ]; then
  echo "usage: bash scripts/local-slurm.sh start|stop DIR" >&2
  exit 2
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

stop_pidfile() {
  # Ends the process recorded in a pid file we wrote, and waits up to 10 s for it.
  local file="$1" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

case "$action" in
  stop)
    stop_pidfile "$dir/slurmd.pid"
    stop_pidfile "$dir/slurmctld.pid"
    stop_pidfile "$dir/munge/munged.pid"
    exit 0
    ;;
  start) ;;
  *) echo "local-slurm: unknown action $action (expected start or stop)" >&2; exit 2 ;;
esac

if [ "$(id -u)" != 0 ]; then echo "local-slurm: needs root (slurmd runs jobs as their submitting user)" >&2; exit 3; fi
for tool in munged slurmctld slurmd sinfo; do
  command -v "$tool" >/dev/null 2>&1 || { echo "local-slurm: $tool is not installed (bash scripts/ensure-deps.sh --slurm installs slurm-wlm and munge)" >&2; exit 3; }
done

# A previous start in the same folder: stop its daemons first.
bash "$0" stop "$dir"

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

host="$(hostname -s)"
cpus="$(nproc)"
mem_mb="$(awk '/^MemTotal:/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)"
ctld_port="$(free_port)"
slurmd_port="$(free_port)"
while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port="$(free_port)"; done

mkdir -p "$dir/munge" "$dir/state" "$dir/spool"
chmod 0700 "$dir/munge"
# munged refuses a key that others can read, and a socket folder others can write.
if [ ! -f "$dir/munge/munge.key" ]; then
  head -c 1024 /dev/urandom >"$dir/munge/munge.key"
fi
chmod 0400 "$dir/munge/munge.key"
munged --force \
  --key-file="$dir/munge/munge.key" \
  --socket="$dir/munge/munge.socket" \
  --pid-file="$dir/munge/munged.pid" \
  --log-file="$dir/munge/munged.log" \
  --seed-file="$dir/munge/munged.seed"

cat >"$dir/slurm.conf" <<EOF
# Written by scripts/local-slurm.sh: a private one-node cluster (SLURM_CONF=$dir/slurm.conf).
ClusterName=aggregathor-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

export SLURM_CONF="$dir/slurm.conf"
slurmctld -i
slurmd

# Ready when the node reports idle (slurmd registered with slurmctld).
for _ in $(seq 1 300); do
  state="$(sinfo -h -n "$host" -o %T 2>/dev/null || true)"
  if [ "$state" = "idle" ]; then
    echo "SLURM_CONF=$dir/slurm.conf"
    exit 0
  fi
  sleep 0.1
done
echo "local-slurm: the node did not become idle within 30 s (state: ${state:-none}); logs: $dir/slurmctld.log, $dir/slurmd.log" >&2
bash "$0" stop "$dir"
exit 1
