#!/usr/bin/env bash
# Runs a benchmark ahead of everything else on the machine: in a session of its own (Linux
# schedules each session as a group, so `nice` alone does not reach across sessions) whose
# group, and every process it starts, has priority -15. On a machine shared with test runs this
# approximates a machine of its own; it needs root (a negative priority), and says so otherwise.
#   setsid bench/with-priority.sh npm run bench
set -euo pipefail
if [ -w /proc/self/autogroup ]; then echo -15 > /proc/self/autogroup; else echo "with-priority: no scheduling group to raise (not root, or autogroup off)" >&2; fi
exec nice -n -15 "$@"
