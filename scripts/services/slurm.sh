#!/usr/bin/env bash
# A real one-node SLURM cluster on loopback, with munge and an sshd for the cluster's
# login, for the SLURM backend's integration tests (and for trying the backend by hand).
#
# Usage (as root, on Debian 12, no systemd needed):
#   scripts/services/slurm.sh [up]     install, configure and start everything (idempotent), then
#                                      print `export PRIMAGE_SLURM_...` lines on stdout (all other
#                                      output goes to stderr), e.g. eval "$(scripts/services/slurm.sh up)"
#   scripts/services/slurm.sh env      print the same `export` lines again
#   scripts/services/slurm.sh status   show the daemons and the node state
#   scripts/services/slurm.sh restart-sshd
#                                      stop sshd and every open session, start it again
#                                      (the connection-drop test uses this)
#   scripts/services/slurm.sh stop     stop sshd, slurmd, slurmctld and munged
#
# Daemons are stopped through their pid files only, never by process name: other work on
# the same machine may run processes with the same names.
#
# Environment:
#   PRIMAGE_SLURM_SKIP_RUNNER=1   do not (re)publish the kernel runner
#   PRIMAGE_SLURM_SSH_PORT        sshd port (default 2222)

set -euo pipefail

readonly REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly HELPERS="$REPO_ROOT/scripts/services/slurm"

readonly SLURM_USER_NAME=primage
readonly SSH_PORT="${PRIMAGE_SLURM_SSH_PORT:-2222}"
readonly PARTITION=debug

readonly ETC_PRIMAGE=/etc/primage
readonly ENV_FILE=$ETC_PRIMAGE/slurm-test.env
readonly CLIENT_KEY=$ETC_PRIMAGE/slurm-test-key
readonly SSHD_CONFIG=$ETC_PRIMAGE/sshd_config
readonly SSHD_PID=/run/primage-sshd.pid
readonly HOST_KEY=$ETC_PRIMAGE/ssh_host_ed25519_key

readonly SLURM_CONF=/etc/slurm/slurm.conf
readonly SLURMCTLD_PID=/run/slurmctld.pid
readonly SLURMD_PID=/run/slurmd.pid
readonly MUNGED_PID=/run/munge/munged.pid
readonly JOBCOMP=/var/log/slurm/jobcomp.txt

readonly RUNNER_DIR=/opt/primage/runner
readonly RUNNER_CMD=/opt/primage/bin/primage-kernel
readonly WORKDIR_REL=primage-work

log() { printf '[slurm.sh %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# True when the pid file names a live process (zombies count as dead: PID 1 here does not
# reap daemons we stopped, so a stopped daemon may linger as a zombie).
pid_alive() {
  local file=$1 pid state
  [[ -s $file ]] || return 1
  pid=$(tr -dc '0-9' <"$file")
  [[ -n $pid ]] || return 1
  state=$(ps -o stat= -p "$pid" 2>/dev/null | tr -d ' ') || return 1
  [[ -n $state && $state != Z* ]]
}

# Stops the daemon named by a pid file: TERM, wait up to 10 s, then KILL.
stop_by_pidfile() {
  local file=$1 what=$2 pid i
  if ! pid_alive "$file"; then
    rm -f "$file"
    return 0
  fi
  pid=$(tr -dc '0-9' <"$file")
  log "stopping $what (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    pid_alive "$file" || break
    sleep 0.1
  done
  if pid_alive "$file"; then
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  rm -f "$file"
}

install_packages() {
  local missing=()
  command -v slurmctld >/dev/null || missing+=(slurm-wlm)
  command -v munged >/dev/null || missing+=(munge)
  [[ -x /usr/sbin/sshd ]] || missing+=(openssh-server)
  command -v ssh-keygen >/dev/null || missing+=(openssh-client)
  if ((${#missing[@]} == 0)); then
    log "packages already installed"
    return
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d keeps the packages' init scripts from starting daemons with their own
  # configuration; this script starts them itself.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 0755 "$policy"
    created_policy=1
  fi
  apt-get install -y -qq --no-install-recommends slurm-wlm munge openssh-server openssh-client >/dev/null
  ((created_policy)) && rm -f "$policy"
  return 0
}

node_name() { hostname -s; }

ensure_hosts_entry() {
  local node
  node=$(node_name)
  if ! getent hosts "$node" >/dev/null; then
    log "adding $node to /etc/hosts"
    printf '127.0.0.1 %s\n' "$node" >>/etc/hosts
  fi
}

ensure_munge() {
  if [[ ! -s /etc/munge/munge.key ]]; then
    log "creating the munge key"
    if command -v mungekey >/dev/null; then
      mungekey --create --keyfile=/etc/munge/munge.key
    else
      dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
    fi
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 0400 /etc/munge/munge.key
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
  if pid_alive "$MUNGED_PID"; then
    return
  fi
  rm -f /run/munge/munge.socket.2 /run/munge/munge.socket.2.lock
  log "starting munged"
  # Daemons get no inherited stdout/stderr: the caller reads this script's output to its end.
  su -s /bin/sh munge -c "/usr/sbin/munged --pid-file=$MUNGED_PID" </dev/null >/dev/null 2>&1
  local i
  for i in $(seq 1 50); do
    munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && return
    sleep 0.1
  done
  die "munged did not answer"
}

write_slurm_conf() {
  local node cpus mem_detected real_mem tmp
  node=$(node_name)
  cpus=$(nproc)
  # RealMemory a little under what slurmd detects, or the node is drained as
  # "Low RealMemory" when the detected value moves by a few MB.
  mem_detected=$(slurmd -C | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' | head -n1)
  [[ -n $mem_detected ]] || die "slurmd -C reported no RealMemory"
  real_mem=$((mem_detected * 9 / 10))
  install -d -o slurm -g slurm -m 0755 /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
  install -d -m 0755 /etc/slurm
  tmp=$(mktemp)
  sed -e "s/@NODE@/$node/g" -e "s/@CPUS@/$cpus/g" -e "s/@REAL_MEMORY@/$real_mem/g" \
    -e "s/@PARTITION@/$PARTITION/g" -e "s#@JOBCOMP@#$JOBCOMP#g" \
    -e "s#@SLURMCTLD_PID@#$SLURMCTLD_PID#g" -e "s#@SLURMD_PID@#$SLURMD_PID#g" \
    "$HELPERS/slurm.conf.in" >"$tmp"
  if [[ -f $SLURM_CONF ]] && cmp -s "$tmp" "$SLURM_CONF"; then
    rm -f "$tmp"
    return
  fi
  SLURM_CONF_CHANGED=1
  log "writing $SLURM_CONF (node $node, $cpus CPUs, RealMemory $real_mem MB)"
  install -m 0644 "$tmp" "$SLURM_CONF"
  rm -f "$tmp"
}

ensure_slurm() {
  SLURM_CONF_CHANGED=0
  write_slurm_conf
  if ((SLURM_CONF_CHANGED)); then
    stop_by_pidfile "$SLURMD_PID" slurmd
    stop_by_pidfile "$SLURMCTLD_PID" slurmctld
  fi
  touch "$JOBCOMP"
  chown slurm:slurm "$JOBCOMP"
  if ! pid_alive "$SLURMCTLD_PID"; then
    log "starting slurmctld"
    slurmctld </dev/null >/dev/null 2>&1
  fi
  if ! pid_alive "$SLURMD_PID"; then
    log "starting slurmd"
    slurmd </dev/null >/dev/null 2>&1
  fi
  wait_node_idle
  # slurmctld resets the job-completion file to 0644 at start and on reconfigure; the
  # cluster user reads it through `sacct -c` (and needs write access to open it).
  chgrp "$SLURM_USER_NAME" "$JOBCOMP"
  chmod 0664 "$JOBCOMP"
}

wait_node_idle() {
  local node state i
  node=$(node_name)
  for i in $(seq 1 300); do
    state=$(sinfo -h -n "$node" -o '%T' 2>/dev/null | head -n1 || true)
    case $state in
      idle | mixed | allocated | completing)
        log "node $node is $state"
        return
        ;;
      down* | drain* | fail*)
        # ReturnToService=2 brings a registered node back; resume it in case it was set
        # down before (e.g. by an earlier stop with jobs on it).
        scontrol update nodename="$node" state=resume >/dev/null 2>&1 || true
        ;;
    esac
    sleep 0.1
  done
  sinfo -N -l >&2 || true
  die "node $node did not become idle"
}

ensure_user() {
  if ! id "$SLURM_USER_NAME" >/dev/null 2>&1; then
    log "creating user $SLURM_USER_NAME"
    useradd -m -s /bin/bash "$SLURM_USER_NAME"
  fi
  # useradd leaves the account locked ("!"), and sshd refuses even a key for a locked
  # account; "*" allows no password but is not locked.
  usermod -p '*' "$SLURM_USER_NAME"
  local home
  home=$(getent passwd "$SLURM_USER_NAME" | cut -d: -f6)
  install -d -o "$SLURM_USER_NAME" -g "$SLURM_USER_NAME" -m 0700 "$home/.ssh"
  install -d -o "$SLURM_USER_NAME" -g "$SLURM_USER_NAME" -m 0755 "$home/$WORKDIR_REL"
  install -d -m 0755 "$ETC_PRIMAGE"
  if [[ ! -s $CLIENT_KEY ]]; then
    log "creating the client key pair"
    rm -f "$CLIENT_KEY" "$CLIENT_KEY.pub"
    ssh-keygen -q -t ed25519 -N '' -C "primage-slurm-test" -f "$CLIENT_KEY"
  fi
  chmod 0600 "$CLIENT_KEY"
  install -o "$SLURM_USER_NAME" -g "$SLURM_USER_NAME" -m 0600 "$CLIENT_KEY.pub" "$home/.ssh/authorized_keys"
}

start_sshd() {
  install -d -m 0755 /run/sshd
  /usr/sbin/sshd -f "$SSHD_CONFIG" </dev/null >/dev/null 2>&1
  local i
  for i in $(seq 1 50); do
    pid_alive "$SSHD_PID" && return
    sleep 0.1
  done
  die "sshd did not start"
}

ensure_sshd() {
  if [[ ! -s $HOST_KEY ]]; then
    log "creating the sshd host key"
    rm -f "$HOST_KEY" "$HOST_KEY.pub"
    ssh-keygen -q -t ed25519 -N '' -C "primage-slurm-host" -f "$HOST_KEY"
  fi
  local tmp changed=0
  tmp=$(mktemp)
  sed -e "s/@PORT@/$SSH_PORT/g" -e "s#@HOST_KEY@#$HOST_KEY#g" -e "s#@PID_FILE@#$SSHD_PID#g" \
    -e "s/@USER@/$SLURM_USER_NAME/g" "$HELPERS/sshd_config.in" >"$tmp"
  if ! [[ -f $SSHD_CONFIG ]] || ! cmp -s "$tmp" "$SSHD_CONFIG"; then
    install -m 0600 "$tmp" "$SSHD_CONFIG"
    changed=1
  fi
  rm -f "$tmp"
  install -d -m 0755 /run/sshd
  /usr/sbin/sshd -t -f "$SSHD_CONFIG"
  if ((changed)); then
    stop_by_pidfile "$SSHD_PID" sshd
  fi
  if ! pid_alive "$SSHD_PID"; then
    log "starting sshd on 127.0.0.1:$SSH_PORT"
    start_sshd
  fi
}

# Stops the listening sshd and every session process it forked (each connection has its
# own sshd process, which outlives the listener), then starts the listener again: every
# open connection is cut.
restart_sshd() {
  if pid_alive "$SSHD_PID"; then
    local listener children
    listener=$(tr -dc '0-9' <"$SSHD_PID")
    children=$(ps -o pid= --ppid "$listener" 2>/dev/null | tr -s ' \n' ' ' || true)
    stop_by_pidfile "$SSHD_PID" sshd
    if [[ -n ${children// /} ]]; then
      log "closing sshd sessions $children"
      # shellcheck disable=SC2086
      kill -TERM $children 2>/dev/null || true
    fi
  fi
  start_sshd
  log "sshd restarted"
}

publish_runner() {
  if [[ ${PRIMAGE_SLURM_SKIP_RUNNER:-0} == 1 && -x $RUNNER_CMD ]]; then
    log "runner publish skipped"
    return
  fi
  command -v dotnet >/dev/null || die "dotnet is needed to publish the kernel runner"
  log "publishing the kernel runner to $RUNNER_DIR"
  local out
  out=$(mktemp -d)
  dotnet publish "$REPO_ROOT/src/Primage.Kernels.Runner/Primage.Kernels.Runner.csproj" \
    -c Release -o "$out" --nologo -v quiet -p:UseAppHost=false >&2
  install -d -m 0755 "$RUNNER_DIR" /opt/primage/bin
  rm -rf "$RUNNER_DIR"
  mv "$out" "$RUNNER_DIR"
  chmod -R a+rX "$RUNNER_DIR"
  local dotnet_bin
  dotnet_bin=$(readlink -f "$(command -v dotnet)")
  sed -e "s#@DOTNET@#$dotnet_bin#g" -e "s#@RUNNER_DIR@#$RUNNER_DIR#g" \
    "$HELPERS/primage-kernel.in" >"$RUNNER_CMD.tmp"
  chmod 0755 "$RUNNER_CMD.tmp"
  mv "$RUNNER_CMD.tmp" "$RUNNER_CMD"
  # The cluster user must reach the runtime: the runner is framework-dependent.
  su -s /bin/sh "$SLURM_USER_NAME" -c "test -x '$dotnet_bin'" || die "$SLURM_USER_NAME cannot run $dotnet_bin"
}

host_fingerprint() {
  ssh-keygen -lf "$HOST_KEY.pub" | awk '{print $2}' | sed 's/^SHA256://'
}

write_env_file() {
  local home tmp
  home=$(getent passwd "$SLURM_USER_NAME" | cut -d: -f6)
  tmp=$(mktemp)
  cat >"$tmp" <<EOF
# Written by scripts/services/slurm.sh: where the SLURM integration tests find the cluster.
PRIMAGE_SLURM_HOST=127.0.0.1
PRIMAGE_SLURM_PORT=$SSH_PORT
PRIMAGE_SLURM_USER=$SLURM_USER_NAME
PRIMAGE_SLURM_KEY=$CLIENT_KEY
PRIMAGE_SLURM_HOST_FINGERPRINT=$(host_fingerprint)
PRIMAGE_SLURM_PARTITION=$PARTITION
PRIMAGE_SLURM_RUNNER=$RUNNER_CMD
PRIMAGE_SLURM_WORKDIR=$home/$WORKDIR_REL
PRIMAGE_SLURM_CONTROL=$REPO_ROOT/scripts/services/slurm.sh
EOF
  install -m 0644 "$tmp" "$ENV_FILE"
  rm -f "$tmp"
}

print_env() {
  [[ -f $ENV_FILE ]] || die "$ENV_FILE is missing: run '$0 up' first"
  local key value
  while IFS='=' read -r key value; do
    [[ $key == PRIMAGE_* ]] && printf 'export %s=%q\n' "$key" "$value"
  done <"$ENV_FILE"
  return 0
}

cmd_up() {
  local started=$SECONDS
  [[ $(id -u) == 0 ]] || die "run as root"
  # stdout carries only the `export` lines (.ci/run evaluates them); everything else goes to stderr.
  exec 3>&1 1>&2
  install_packages
  ensure_hosts_entry
  ensure_munge
  ensure_user
  ensure_slurm
  ensure_sshd
  publish_runner
  write_env_file
  log "cluster ready in $((SECONDS - started)) s; environment in $ENV_FILE"
  print_env >&3
}

cmd_stop() {
  stop_by_pidfile "$SSHD_PID" sshd
  stop_by_pidfile "$SLURMD_PID" slurmd
  stop_by_pidfile "$SLURMCTLD_PID" slurmctld
  stop_by_pidfile "$MUNGED_PID" munged
}

cmd_status() {
  local f
  for f in "$MUNGED_PID" "$SLURMCTLD_PID" "$SLURMD_PID" "$SSHD_PID"; do
    if pid_alive "$f"; then echo "$f: running ($(cat "$f"))"; else echo "$f: stopped"; fi
  done
  sinfo -N -l 2>/dev/null || true
}

case ${1:-up} in
  up) cmd_up ;;
  env) print_env ;;
  stop) cmd_stop ;;
  restart-sshd) restart_sshd ;;
  status) cmd_status ;;
  *) die "unknown command '$1' (up | env | status | restart-sshd | stop)" ;;
esac
