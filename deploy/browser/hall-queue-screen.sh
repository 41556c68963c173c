#!/usr/bin/env bash
# Starts Chromium full screen on a Hall Queue page, and starts it again if it ever exits.
#   hall-queue-screen.sh kiosk URL    touch kiosk: touch on, no pinch zoom, no swipe-back
#   hall-queue-screen.sh board URL    hall / window board or wall monitor on a TV
# Without URL it reads HALLQ_SCREEN_URL from /etc/hall-queue/screen.env. Both modes: no error
# dialogs or crash bubbles, no translation bar, sound plays without a tap (voice calls).
# HALLQ_SCREEN_DRY_RUN=1 prints the browser's command line (one argument a line) and exits.
set -euo pipefail

mode="${1:-}"
url="${2:-}"
if [ -z "$url" ] && [ -r /etc/hall-queue/screen.env ]; then
  # shellcheck disable=SC1091
  . /etc/hall-queue/screen.env
  url="${HALLQ_SCREEN_URL:-}"
fi
case "$mode" in kiosk|board) ;; *) echo "usage: $0 kiosk|board URL" >&2; exit 2 ;; esac
[ -n "$url" ] || { echo "$0: no URL (argument or HALLQ_SCREEN_URL in /etc/hall-queue/screen.env)" >&2; exit 2; }

browser="${HALLQ_BROWSER:-}"
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$candidate" >/dev/null 2>&1; then browser="$(command -v "$candidate")"; break; fi
  done
fi
[ -n "$browser" ] || { echo "$0: install chromium (apt-get install chromium)" >&2; exit 2; }

profile="${HALLQ_SCREEN_PROFILE:-$HOME/.config/hall-queue-$mode}"
args=(
  --kiosk
  --noerrdialogs
  --disable-infobars
  --disable-session-crashed-bubble
  --hide-crash-restore-bubble
  --no-first-run
  --no-default-browser-check
  --disable-translate
  --disable-features=Translate,TranslateUI,OverscrollHistoryNavigation
  --autoplay-policy=no-user-gesture-required
  --check-for-update-interval=31536000
  --password-store=basic
  --lang=zh-CN
  "--user-data-dir=$profile"
)
if [ "$mode" = kiosk ]; then
  args+=(--touch-events=enabled --disable-pinch --overscroll-history-navigation=0 --pull-to-refresh=0)
fi

if [ "${HALLQ_SCREEN_DRY_RUN:-}" = 1 ]; then
  printf '%s\n' "$browser" "${args[@]}" "$url"
  exit 0
fi

# A screen in a public hall must never go dark or show a screensaver.
if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null 2>&1; then
  xset s off || true; xset s noblank || true; xset -dpms || true
fi

mkdir -p "$profile"
while true; do
  # a crash or a power cut leaves "exited_cleanly": false behind, which would show a restore bubble
  if [ -f "$profile/Default/Preferences" ]; then
    sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"[^"]*"/"exit_type":"Normal"/' "$profile/Default/Preferences" || true
  fi
  "$browser" "${args[@]}" "$url" || true
  sleep 3
done
