"""Gunicorn's settings, one place for the image, compose and `make load`:
`gunicorn -c config/gunicorn.py config.wsgi`. Options on the command line or in
GUNICORN_CMD_ARGS still win (the image's bind and access log are there).

Threads, not sync workers: a request that waits (an upload being stored, a page image
drawn in a child, the database) holds one thread, not a whole worker, so readers are not
queued behind a few slow uploads. A page's own work is short and mostly the database's
or the template's; threads share the process's memos (comparisons/queries/common.py).
"""

from __future__ import annotations

import os

worker_class = "gthread"
workers = int(os.getenv("WEB_CONCURRENCY", "").strip() or 4)
threads = int(os.getenv("WEB_THREADS", "").strip() or 4)
# a picture is drawn by a worker, never here; a page image's child stops after 20 s
timeout = 30
