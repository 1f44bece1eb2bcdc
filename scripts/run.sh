#!/usr/bin/env bash
# `make run`: migrate, make sure there is an admin, then run the web server and a Celery
# worker (with its beat: the sweep of stuck documents) side by side until Ctrl-C, which
# stops both. The sample corpus goes through the same upload-parse-publish pipeline, once.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
ADDR=127.0.0.1:8000
mkdir -p var/celery/queue var/celery/control var/media

"$BIN/python" manage.py migrate --noinput
login=$("$BIN/python" manage.py ensure_admin)

worker="" web=""
stop() {
    # Ignore a second Ctrl-C while cleaning up, so the cleanup itself is not cut short.
    trap '' INT TERM
    trap - EXIT
    set +e
    # runserver's reloader serves from a child process: stop the child before its parent.
    [ -n "$web" ] && pkill -TERM -P "$web" 2>/dev/null
    kill -TERM $web $worker 2>/dev/null
    wait
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

"$BIN/celery" -A config worker --beat --loglevel INFO --concurrency 2 &
worker=$!
"$BIN/python" manage.py runserver "$ADDR" &
web=$!

for _ in $(seq 100); do
    "$BIN/python" -c "import urllib.request; urllib.request.urlopen('http://$ADDR/healthz')" \
        2>/dev/null && break
    # runserver stopped (its error, such as a port in use, is printed above): stop the worker too.
    kill -0 "$web" 2>/dev/null || exit 1
    sleep 0.3
done
# Through the worker just started; a second start finds them uploaded and does nothing.
"$BIN/python" manage.py load_samples || echo "The samples were not loaded (see above)." >&2

cat <<BANNER

  预决算公开 Budget Disclosures
  Site 网站:   http://$ADDR/
  Upload 上传: http://$ADDR/upload/
  Admin 管理:  http://$ADDR/admin/
  $login
  A reviewer: .venv/bin/python manage.py add_member NAME --role reviewers
  Ctrl-C stops the server and the worker. 按 Ctrl-C 停止。

BANNER

# Whichever stops first (a crash, or Ctrl-C), the trap stops the other.
set +e
wait -n
