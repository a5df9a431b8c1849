#!/usr/bin/env bash
# Takes the README's screenshots from the running console under Xvfb, at 1280×800, light and dark.
# Usage: assets/screenshots/take.sh [DISPLAY]   (default :71; needs Xvfb, ImageMagick and mosquitto-clients)
# Each screen is a fresh start of ./domus on one data folder, on the view its console.properties names.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
display="${1:-:71}"
data="$(mktemp -d)"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
console=""
cleanup() {
    if [[ -n "$console" ]]; then kill "$console" 2>/dev/null || true; fi
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT

start_console() {
    rm -f "$data/mqtt.port"
    DISPLAY="$display" "$root/domus" --data "$data" --demo --mqtt-port 0 >>"$data/console.out" 2>&1 &
    console=$!
    for _ in $(seq 1 120); do [[ -s "$data/mqtt.port" ]] && break; sleep 0.5; done
}

stop_console() {
    kill "$console" 2>/dev/null || true
    wait "$console" 2>/dev/null || true
    console=""
}

# An hour of history for the demo's numeric values, so sparklines and charts have something to show.
backfill() {
    local port
    port="$(cat "$data/mqtt.port")"
    python3 - "$port" <<'PY' | while read -r topic; do
import datetime, math, random, sys
now = datetime.datetime.now(datetime.timezone.utc)
series = {
    "living-room/thermostat/temperature": (20.6, 0.5), "living-room/floor-lamp/watts": (7.0, 1.5),
    "living-room/tv-plug/watts": (65, 25), "living-room/blinds/position": (60, 30),
    "kitchen/co2-sensor/co2": (760, 140), "bedroom/climate-sensor/temperature": (19.8, 0.6),
    "bedroom/climate-sensor/humidity": (46, 4), "bedroom/bedside-lamp/brightness": (70, 0),
}
for path, (mean, swing) in series.items():
    with open(f"/tmp/domus-backfill-{path.replace('/', '_')}", "w") as out:
        for i in range(120, 0, -1):
            ts = (now - datetime.timedelta(seconds=30 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            value = mean + swing * math.sin(i / 14.0) + random.uniform(-swing, swing) * 0.15
            out.write('{"value": %.1f, "ts": "%s"}\n' % (value, ts))
    print(path)
PY
        mosquitto_pub -p "$port" -q 1 -t "domus/demo/$topic" -l <"/tmp/domus-backfill-${topic//\//_}"
        rm -f "/tmp/domus-backfill-${topic//\//_}"
    done
}

# shot NAME VIEW THEME LANGUAGE [SECONDS]: on the data folder with history, devices run by `domus simulate`
shot() {
    write_properties "$@"
    start_console
    "$root/domus" simulate --data "$data" --duration 60s >/dev/null 2>&1 &
    local simulator=$!
    capture "$1" "${5:-22}"
    kill "$simulator" 2>/dev/null || true
    wait "$simulator" 2>/dev/null || true
    stop_console
}

# first_run_shot NAME VIEW THEME LANGUAGE: a first run on a fresh data folder (the console runs the demo itself)
first_run_shot() {
    local kept="$data"
    data="$(mktemp -d)"
    write_properties "$@"
    start_console
    capture "$1" 26
    stop_console
    rm -rf "$data"
    data="$kept"
}

# Rules, reminders and a recipient for the rules, alerts and notifications screens (written while the console is
# stopped; the rule engine reads them when it starts). Two rules fire on the simulated values.
seed_rules() {
    python3 - "$data/domus.db" <<'PY'
import json, sqlite3, sys, time
now = int(time.time() * 1_000_000)
day = 86_400 * 1_000_000
db = sqlite3.connect(sys.argv[1])
def rule(name, enabled, trigger, actions):
    db.execute("INSERT INTO rule (name, house, enabled, definition, updated_at) VALUES (?, 'demo', ?, ?, ?)",
               (name, enabled, json.dumps({"trigger": trigger, "conditions": [], "actions": actions}), now))
rule("Living room too warm", 1,
     {"type": "threshold", "series": "demo/living-room/thermostat/temperature", "direction": "above",
      "limit": 20.0, "hysteresis": 0.5, "for": "0s"},
     [{"type": "alert", "severity": "warning", "message": "Living room above 20 °C"},
      {"type": "notify", "subject": "Living room too warm", "body": "The thermostat reads above 20 °C."}])
rule("Kitchen CO2 high", 1,
     {"type": "threshold", "series": "demo/kitchen/co2-sensor/co2", "direction": "above",
      "limit": 700.0, "hysteresis": 50.0, "for": "0s"},
     [{"type": "alert", "severity": "critical", "message": "Open a kitchen window"},
      {"type": "notify", "subject": "Kitchen CO2 high", "body": "CO2 is above 700 ppm: open a window."}])
rule("Front door left open", 1,
     {"type": "state-change", "series": "demo/hallway/front-door/contact", "to": "open", "for": "10m"},
     [{"type": "alert", "severity": "warning", "message": "The front door is open"}])
rule("Weekly battery report", 0, {"type": "schedule", "cron": "0 9 * * MON"},
     [{"type": "notify", "subject": "Battery report", "body": "Battery levels of every device."}])
db.execute("INSERT INTO reminder (house, device, title, note, every_period, due_at) VALUES (?, ?, ?, ?, ?, ?)",
           ("demo", None, "Replace the ventilation filter", "F7 filter, 592x490", "P90D", now + 12 * day))
db.execute("INSERT INTO reminder (house, device, title, note, every_period, due_at) VALUES (?, ?, ?, ?, ?, ?)",
           ("demo", "kitchen/smoke-alarm", "Test the smoke alarm", "", "P6M", now + 40 * day))
db.execute("INSERT INTO recipient (name, email, webhook, channels, enabled) VALUES (?, ?, ?, ?, 1)",
           ("Ana (homeowner)", "ana@example.com", "", "email"))
db.commit()
PY
}

write_properties() {
    cat >"$data/console.properties" <<PROPS
window.x=0
window.y=0
window.width=1280
window.height=800
view=$2
theme=$3
language=$4
PROPS
}

# capture NAME SECONDS
capture() {
    sleep "$2"
    # The first frames of a fresh window can be black under Xvfb: take it again until it is not.
    for _ in $(seq 1 20); do
        DISPLAY="$display" import -window root "$here/$1.png"
        (( $(stat -c %s "$here/$1.png") > 20000 )) && break
        sleep 2
    done
}

# First run: the store and the demo house are created; then an hour of history.
start_console
sleep 8
backfill
sleep 3
stop_console
seed_rules

shot house-light "house:demo" light en
shot house-dark "house:demo" dark en
shot room-light "room:demo:1" light en
shot room-dark "room:demo:1" dark en
shot device-light "device:demo/living-room/thermostat" light en
shot device-dark "device:demo/living-room/thermostat" dark en
shot devices-light "screen:devices" light en
shot rules-light "screen:rules" light en
shot alerts-light "screen:alerts" light en
shot alerts-dark "screen:alerts" dark en
shot notifications-light "screen:notifications" light en
shot inbox-light "screen:inbox" light en
shot model-light "screen:model" light en
shot model-dark "screen:model" dark en
first_run_shot simulators-light "screen:simulators" light en
first_run_shot simulators-dark "screen:simulators" dark en
shot house-spanish "house:demo" light es
shot device-spanish "device:demo/living-room/floor-lamp" dark es
echo "screenshots in $here"
