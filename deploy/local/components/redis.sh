# Redis from Debian's redis-server: BullMQ's store. AOF on, so an accepted job survives a
# restart; noeviction, so Redis refuses writes rather than silently dropping queue keys.

redis_health() { redis-cli -p "$REDIS_PORT" ping | grep -qx PONG; }

redis_up() {
  command -v redis-server >/dev/null || {
    echo "error: redis-server is missing; install it with: apt-get install -y redis-server" >&2; exit 1; }
  mkdir -p "$DATA_DIR/redis"
  ensure_process redis redis_health 30 -- redis-server \
    --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes --daemonize no \
    --dir "$DATA_DIR/redis" --appendonly yes --appendfsync everysec --save "" \
    --maxmemory 1gb --maxmemory-policy noeviction
}
