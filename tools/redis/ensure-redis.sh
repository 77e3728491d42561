#!/usr/bin/env bash
# Makes sure redis-server is installed (Debian/Ubuntu package redis-server), for CI and for a user's machine.
# As root it installs it with apt-get when missing; otherwise it says what to run. The project never needs a
# running system Redis: tests and benchmarks start their own on a free loopback port (tools/redis/local-redis.mjs).
set -euo pipefail
if command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]; then
  echo "redis: $( (command -v redis-server || echo /usr/bin/redis-server) ) ($(redis-server --version | cut -d' ' -f3))"
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "redis: redis-server missing; installing Debian's redis-server package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  # The package starts a system service on some images; the project does not use it.
  (service redis-server stop || true) >/dev/null 2>&1
  echo "redis: installed $(redis-server --version | cut -d' ' -f3)"
  exit 0
fi
echo "redis: redis-server is not installed and this is not root with apt-get: run 'sudo apt-get install -y redis-server'" >&2
echo "redis: (the queue tests then skip with a warning)" >&2
exit 0
