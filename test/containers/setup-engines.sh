#!/usr/bin/env bash
# Real container engines for the container tests and CI (Debian 12, root): Podman (with runc), Docker (docker.io) on a
# socket of its own, Debian's docker-registry on 127.0.0.1:5000, and base images made from the Debian mirror apt
# already uses (no image registry is reachable from here). Idempotent: what is installed, built or running is reused.
#
#   bash test/containers/setup-engines.sh            install what is missing, start the daemons, build the images
#   bash test/containers/setup-engines.sh --start    only start daemons of an existing install (exit 3 when absent)
#
# Prints the engines that answer as `KEY=value` lines at the end (also kept in $KFP_ENGINES_DIR/engines.env), which
# test/containers/engines.ts reads. Traps found by trying (see README "Container engines"): crun refuses this hybrid
# cgroup setup (runc works); root lacks CAP_SYS_RESOURCE so Podman's default ulimits are refused; there is no systemd
# (daemons are started here and stopped by pid file); Debian's registry config turns htpasswd on (ours does not);
# only localhost/... and 127.0.0.1:5000/... image references resolve.
set -euo pipefail
DIR=${KFP_ENGINES_DIR:-/var/tmp/kfp-studio-engines}
SOCK=$DIR/docker.sock
REGISTRY=127.0.0.1:5000
BASE=localhost/debian-min:bookworm
PYTHON=localhost/python:bookworm
PACKAGES=(podman runc fuse-overlayfs slirp4netns uidmap debootstrap docker-registry docker.io apache2-utils)
MODE=${1:-install}
T0=$(date +%s)
say() { echo "[engines +$(( $(date +%s) - T0 ))s] $*"; }

[ "$(id -u)" = 0 ] || { echo "setup-engines: needs root (installs Debian packages, starts dockerd)" >&2; exit 2; }
mkdir -p "$DIR"
chmod 0755 "$DIR"

missing=()
for p in "${PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$MODE" = --start ] && { echo "setup-engines: not installed (${missing[*]}); run it without --start" >&2; exit 3; }
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  echo 'man-db man-db/auto-update boolean false' | debconf-set-selections  # the man-db trigger costs ~30 s a run
  apt-get update -qq
  # --no-install-recommends: docker.io would pull in a bridge-utils/cgroupfs-mount set we do not use
  apt-get install -y -q --no-install-recommends "${missing[@]}" iptables ca-certificates curl >/dev/null
fi

# Podman: runc + ulimits root may set here; the local registry speaks plain HTTP on loopback.
mkdir -p /etc/containers/containers.conf.d /etc/containers/registries.conf.d
cat > /etc/containers/containers.conf.d/50-kfp-studio.conf <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
CONF
cat > /etc/containers/registries.conf.d/50-kfp-studio-registry.conf <<'CONF'
[[registry]]
location = "127.0.0.1:5000"
insecure = true
[[registry]]
location = "localhost:5000"
insecure = true
CONF

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Registry on 127.0.0.1:5000 without auth (tests of authenticated push start their own with an htpasswd file).
if ! curl -sf "http://$REGISTRY/v2/" >/dev/null 2>&1; then
  mkdir -p "$DIR/registry/data"
  cat > "$DIR/registry/config.yml" <<CONF
version: 0.1
storage:
  filesystem:
    rootdirectory: $DIR/registry/data
  delete:
    enabled: true
http:
  addr: $REGISTRY
CONF
  alive "$DIR/registry/registry.pid" && kill "$(cat "$DIR/registry/registry.pid")" || true
  say "starting the registry on $REGISTRY"
  setsid nohup docker-registry serve "$DIR/registry/config.yml" >"$DIR/registry/registry.log" 2>&1 < /dev/null &
  echo $! > "$DIR/registry/registry.pid"
  for _ in $(seq 100); do curl -sf "http://$REGISTRY/v2/" >/dev/null 2>&1 && break; sleep 0.2; done
fi

# dockerd on its own socket, with no bridge and no iptables rules: containers get --network=none (or host).
export DOCKER_HOST=unix://$SOCK
if ! docker version >/dev/null 2>&1; then
  alive "$DIR/dockerd.pid" && { kill "$(cat "$DIR/dockerd.pid")"; sleep 2; } || true
  mkdir -p "$DIR/docker-data" "$DIR/docker-exec"
  say "starting dockerd on $SOCK"
  setsid nohup dockerd --data-root "$DIR/docker-data" --exec-root "$DIR/docker-exec" --pidfile "$DIR/dockerd.pid" \
    --bridge=none --iptables=false --ip-forward=false --ip-masq=false -H "$DOCKER_HOST" >"$DIR/dockerd.log" 2>&1 < /dev/null &
  for _ in $(seq 150); do docker version >/dev/null 2>&1 && break; sleep 0.3; done
fi

# Base images: a minimal Debian from the mirror, then python3 on top (apt inside the build uses the same mirror).
if ! podman image exists "$BASE"; then
  [ "$MODE" = --start ] && { echo "setup-engines: no base image; run it without --start" >&2; exit 3; }
  MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  MIRROR=${MIRROR:-http://deb.debian.org/debian}
  if [ ! -x "$DIR/rootfs/bin/sh" ]; then
    say "debootstrap from $MIRROR (the longest part)"
    rm -rf "$DIR/rootfs"
    debootstrap --variant=minbase bookworm "$DIR/rootfs" "$MIRROR" >"$DIR/debootstrap.log" 2>&1
    rm -rf "$DIR"/rootfs/var/cache/apt/archives/*.deb "$DIR"/rootfs/var/lib/apt/lists/*
  fi
  tar -C "$DIR/rootfs" -c . | podman import --change 'CMD ["bash"]' - "$BASE" >/dev/null
fi
if ! podman image exists "$PYTHON"; then
  [ "$MODE" = --start ] && { echo "setup-engines: no python image; run it without --start" >&2; exit 3; }
  MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  MIRROR=${MIRROR:-http://deb.debian.org/debian}
  say "building $PYTHON"
  mkdir -p "$DIR/build-python"
  cat > "$DIR/build-python/Containerfile" <<CONF
FROM $BASE
RUN printf 'deb $MIRROR bookworm main\n' > /etc/apt/sources.list \\
 && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 >/dev/null \\
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
CMD ["python3"]
CONF
  podman build --network=host -q -t "$PYTHON" "$DIR/build-python" >/dev/null
fi

# The same images in Docker's store (Docker cannot see Podman's).
docker_ok=0
if docker version >/dev/null 2>&1; then
  docker_ok=1
  for image in "$BASE" "$PYTHON"; do
    docker image inspect "$image" >/dev/null 2>&1 || { say "loading $image into docker"; podman save "$image" | docker load -q >/dev/null; }
  done
fi

podman_ok=0
podman run --rm --network=none "$BASE" true >/dev/null 2>&1 && podman_ok=1
if [ "$docker_ok" = 1 ]; then docker run --rm --network=none "$BASE" true >/dev/null 2>&1 || docker_ok=0; fi
registry_ok=0
curl -sf "http://$REGISTRY/v2/" >/dev/null 2>&1 && registry_ok=1

{
  echo "KFP_ENGINES_DIR=$DIR"
  echo "PODMAN=$podman_ok"
  echo "DOCKER=$docker_ok"
  echo "DOCKER_HOST=unix://$SOCK"
  echo "REGISTRY=$([ $registry_ok = 1 ] && echo $REGISTRY)"
  echo "BASE_IMAGE=$BASE"
  echo "PYTHON_IMAGE=$PYTHON"
} > "$DIR/engines.env.tmp" && mv "$DIR/engines.env.tmp" "$DIR/engines.env"
say "done: podman=$podman_ok docker=$docker_ok registry=$registry_ok"
cat "$DIR/engines.env"
[ "$podman_ok" = 1 ] || [ "$docker_ok" = 1 ]
