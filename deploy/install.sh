#!/bin/sh
# Installs smart-kiosk on Raspberry Pi OS (Debian bookworm) as a systemd service.
# Idempotent: running it again gives the same result (an upgrade when the app changed).
#
#   sudo deploy/install.sh                 install from this checkout (built: npm ci && npm run build)
#   deploy/install.sh --root /tmp/r        install into a directory tree (DESTDIR; no apt, no systemctl start)
#   deploy/install.sh --dry-run            print what would be done, change nothing
#
# Layout: app /opt/smart-kiosk/releases/<version> (current, previous symlinks), config /etc/smart-kiosk (root:smart-kiosk 0750), data
# /var/lib/smart-kiosk (smart-kiosk 0750), unit /etc/systemd/system/smart-kiosk.service,
# udev rules /etc/udev/rules.d/99-smart-kiosk.rules, logs in journald (journalctl -u smart-kiosk).
set -eu

ROOT=""
DRY_RUN=0
APT=1
START=1
NODESOURCE=0
SRC=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
USER_NAME=smart-kiosk
NODE_MAJOR_MIN=20

usage() {
  cat <<USAGE
usage: install.sh [--root DIR] [--dry-run] [--src DIR] [--no-apt] [--no-start] [--nodesource]
  --root DIR     install into DIR instead of / (for images and tests; implies --no-apt --no-start)
  --dry-run      only print the steps
  --src DIR      built app to install (default: this checkout, $SRC)
  --no-apt       do not install Debian packages
  --no-start     enable the service but do not (re)start it
  --nodesource   when the distribution's Node is older than $NODE_MAJOR_MIN, add NodeSource's apt repository
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --root) ROOT=${2:?--root needs a directory}; shift 2 ;;
    --root=*) ROOT=${1#--root=}; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    --src) SRC=${2:?--src needs a directory}; shift 2 ;;
    --no-apt) APT=0; shift ;;
    --no-start) START=0; shift ;;
    --nodesource) NODESOURCE=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

if [ -n "$ROOT" ]; then
  [ -d "$ROOT" ] || { echo "install.sh: --root $ROOT is not a directory" >&2; exit 2; }
  ROOT=$(CDPATH= cd -- "$ROOT" && pwd)
  [ "$ROOT" = "/" ] && ROOT=""
fi
if [ -n "$ROOT" ]; then APT=0; START=0; fi

say() { printf '%s\n' "install: $*"; }
run() {
  if [ "$DRY_RUN" = 1 ]; then printf '%s\n' "+ $*"; else "$@"; fi
}
IS_ROOT=0
[ "$(id -u)" = 0 ] && IS_ROOT=1

[ -f "$SRC/package.json" ] || { echo "install.sh: $SRC has no package.json (use --src)" >&2; exit 2; }
[ -f "$SRC/dist/bin/kiosk.js" ] || {
  echo "install.sh: $SRC is not built (dist/bin/kiosk.js missing); run: npm ci && npm run build" >&2
  exit 2
}
if [ "$DRY_RUN" = 0 ] && [ "$IS_ROOT" = 0 ] && [ -z "$ROOT" ]; then
  echo "install.sh: run as root (sudo), or use --root DIR / --dry-run" >&2
  exit 2
fi

# 1. Debian packages (Node >= 20, espeak-ng for the voice, alsa-utils for aplay/arecord,
#    sqlite3 for inspecting the database, gpiod for checking GPIO lines).
if [ "$APT" = 1 ]; then
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  pkgs="espeak-ng alsa-utils sqlite3 gpiod ca-certificates"
  if [ "$node_major" -lt "$NODE_MAJOR_MIN" ]; then
    candidate=$(apt-cache policy nodejs 2>/dev/null | sed -n 's/ *Candidate: \([0-9]*\).*/\1/p')
    if [ "${candidate:-0}" -lt "$NODE_MAJOR_MIN" ] && [ "$NODESOURCE" = 1 ]; then
      say "adding NodeSource apt repository for Node $NODE_MAJOR_MIN"
      run sh -c "curl -fsSL https://deb.nodesource.com/setup_${NODE_MAJOR_MIN}.x | bash -"
    elif [ "${candidate:-0}" -lt "$NODE_MAJOR_MIN" ]; then
      echo "install.sh: the distribution offers Node ${candidate:-none}; smart-kiosk needs >= $NODE_MAJOR_MIN. Re-run with --nodesource." >&2
      exit 1
    fi
    pkgs="nodejs $pkgs"
  fi
  say "apt packages: $pkgs"
  run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $pkgs
fi

# 2. The service user and hardware groups (systemd-sysusers is idempotent and supports --root).
say "user $USER_NAME and groups"
run install -D -m 0644 "$SRC/deploy/smart-kiosk.sysusers" "$ROOT/usr/lib/sysusers.d/smart-kiosk.conf"
run mkdir -p "$ROOT/etc"
if [ -n "$ROOT" ]; then
  run systemd-sysusers --root="$ROOT" "$ROOT/usr/lib/sysusers.d/smart-kiosk.conf"
else
  run systemd-sysusers /usr/lib/sysusers.d/smart-kiosk.conf
fi
id_in_root() { # $1 = passwd|group, $2 = name -> numeric id from the target's database
  awk -F: -v n="$2" '$1 == n { print $3 }' "$ROOT/etc/$1" 2>/dev/null || true
}

# 3. The app as a release: /opt/smart-kiosk/releases/<version>/, with `current` (what the unit
#    runs) and `previous` (the known-good release the update guard runs from) as relative
#    symlinks replaced by rename(2). An old single-tree install (/opt/smart-kiosk/dist) becomes
#    the release of its own version first. At most three releases are kept.
APP="$ROOT/opt/smart-kiosk"
version_of() { # $1 = package.json -> its "version"
  sed -n 's/.*"version" *: *"\([^"]*\)".*/\1/p' "$1" | head -n 1
}
point() { # $1 = current|previous, $2 = version: atomic symlink swap
  run ln -sfn "releases/$2" "$APP/.$1.tmp"
  run mv -T "$APP/.$1.tmp" "$APP/$1"
}
VERSION=$(version_of "$SRC/package.json")
case "$VERSION" in
  [0-9]*.[0-9]*.[0-9]*) ;;
  *) echo "install.sh: $SRC/package.json has no release version (got '$VERSION')" >&2; exit 2 ;;
esac
if [ -d "$APP.single" ] && [ ! -e "$APP/releases" ]; then
  # a migration cut short: the old tree is waiting beside the new layout
  OLD=$(version_of "$APP.single/package.json"); OLD=${OLD:-0.0.0}
  run mkdir -p "$APP/releases"
  run mv "$APP.single" "$APP/releases/$OLD"
  point current "$OLD"
  point previous "$OLD"
elif [ -d "$APP/dist" ] && [ ! -L "$APP/current" ]; then
  OLD=$(version_of "$APP/package.json"); OLD=${OLD:-0.0.0}
  say "moving the single-tree install ($OLD) to $APP/releases/$OLD"
  run mv "$APP" "$APP.single"
  run mkdir -p "$APP/releases"
  run mv "$APP.single" "$APP/releases/$OLD"
  point current "$OLD"
  point previous "$OLD"
fi
say "app $VERSION -> /opt/smart-kiosk/releases/$VERSION"
REL="$APP/releases/$VERSION"
INCOMING="$APP/releases/.incoming-$VERSION"
run mkdir -p "$APP/releases"
run rm -rf "$INCOMING" "$APP/releases/.old-$VERSION"
run mkdir -p "$INCOMING"
for item in package.json package-lock.json dist node_modules data docs deploy LICENSE README.md; do
  if [ -e "$SRC/$item" ]; then run cp -a "$SRC/$item" "$INCOMING/"; fi
done
if [ -d "$INCOMING/node_modules" ] && [ "$DRY_RUN" = 0 ] && command -v npm >/dev/null 2>&1 && [ -f "$INCOMING/package-lock.json" ]; then
  # Dev tools (TypeScript, vitest, eslint) are not needed on the kiosk.
  (cd "$INCOMING" && npm prune --omit=dev --no-audit --no-fund >/dev/null 2>&1) || say "npm prune failed; keeping all modules"
fi
run chmod -R u=rwX,go=rX "$INCOMING"
if [ -d "$REL" ]; then run mv "$REL" "$APP/releases/.old-$VERSION"; fi
run mv "$INCOMING" "$REL"
run rm -rf "$APP/releases/.old-$VERSION"
WAS=$(readlink "$APP/current" 2>/dev/null || true); WAS=${WAS#releases/}
if [ -n "$WAS" ] && [ "$WAS" != "$VERSION" ] && [ -d "$APP/releases/$WAS" ]; then point previous "$WAS"; fi
[ -L "$APP/previous" ] || point previous "$VERSION"
point current "$VERSION"
# installed by hand = known good; a failed version installed again is no longer blocked
run install -m 0644 /dev/stdin "$APP/release-state.json" <<STATE
{
  "phase": "committed",
  "committed": "$VERSION",
  "blocked": []
}
STATE
KEEP=$( (readlink "$APP/current"; readlink "$APP/previous") 2>/dev/null | sed 's#^releases/##' | sort -u)
COUNT=$(ls "$APP/releases" 2>/dev/null | grep -c '^[0-9]' || true)
for old in $(ls "$APP/releases" 2>/dev/null | grep '^[0-9]' | sort -V); do
  [ "$COUNT" -le 3 ] && break
  if ! printf '%s\n' "$KEEP" | grep -qx "$old"; then
    say "removing old release $old"
    run rm -rf "$APP/releases/$old"
    COUNT=$((COUNT - 1))
  fi
done
run install -D -m 0755 /dev/stdin "$ROOT/usr/local/bin/kiosk" <<'WRAPPER'
#!/bin/sh
# smart-kiosk CLI (provision, doctor, config check, run, release) of the current release.
exec /usr/bin/node /opt/smart-kiosk/current/dist/bin/kiosk.js "$@"
WRAPPER

# 4. Config (readable, not writable, by the service) and data (the only writable place).
say "config /etc/smart-kiosk, data /var/lib/smart-kiosk"
run install -d -m 0750 "$ROOT/etc/smart-kiosk" "$ROOT/etc/smart-kiosk/tls"
run install -d -m 0750 "$ROOT/var/lib/smart-kiosk"
run install -m 0644 "$SRC/deploy/config.example.yaml" "$ROOT/etc/smart-kiosk/config.example.yaml"
if [ "$IS_ROOT" = 1 ]; then
  uid=$(id_in_root passwd "$USER_NAME"); gid=$(id_in_root group "$USER_NAME")
  if [ -n "$uid" ] && [ -n "$gid" ]; then
    run chown "0:$gid" "$ROOT/etc/smart-kiosk" "$ROOT/etc/smart-kiosk/tls" "$ROOT/etc/smart-kiosk/config.example.yaml"
    if [ -f "$ROOT/etc/smart-kiosk/config.yaml" ]; then
      run chown "0:$gid" "$ROOT/etc/smart-kiosk/config.yaml"
      run chmod 0640 "$ROOT/etc/smart-kiosk/config.yaml"
    fi
    run chown -R "$uid:$gid" "$ROOT/var/lib/smart-kiosk"
    # the service installs releases and switches the symlinks itself (fleet updates)
    run chown -R -h "$uid:$gid" "$APP"
  else
    echo "install.sh: user $USER_NAME not found in $ROOT/etc/passwd" >&2; [ "$DRY_RUN" = 1 ] || exit 1
  fi
else
  say "not root: leaving file owners unchanged"
fi

# 5. systemd unit, udev rules, journald size limit (SD cards are small).
say "systemd unit, udev rules, journald limits"
run install -D -m 0644 "$SRC/deploy/smart-kiosk.service" "$ROOT/etc/systemd/system/smart-kiosk.service"
run install -D -m 0644 "$SRC/deploy/99-smart-kiosk.rules" "$ROOT/etc/udev/rules.d/99-smart-kiosk.rules"
run install -D -m 0644 "$SRC/deploy/journald-smart-kiosk.conf" "$ROOT/etc/systemd/journald.conf.d/smart-kiosk.conf"
if [ -n "$ROOT" ]; then
  run systemctl --root="$ROOT" enable smart-kiosk.service >/dev/null 2>&1 ||
    run ln -sf /etc/systemd/system/smart-kiosk.service "$ROOT/etc/systemd/system/multi-user.target.wants/smart-kiosk.service"
else
  run systemctl daemon-reload
  run udevadm control --reload
  run udevadm trigger --action=add --subsystem-match=tty --subsystem-match=usbmisc --subsystem-match=input --subsystem-match=gpio --subsystem-match=graphics || true
  run systemctl enable smart-kiosk.service
  if [ "$START" = 1 ] && [ -f /etc/smart-kiosk/config.yaml ]; then run systemctl restart smart-kiosk.service; fi
fi

say "done."
if [ ! -f "$ROOT/etc/smart-kiosk/config.yaml" ]; then
  say "next: sudo kiosk provision    (or put kiosk-provision.json on the boot partition and reboot)"
else
  say "next: sudo kiosk doctor --config /etc/smart-kiosk/config.yaml"
fi
