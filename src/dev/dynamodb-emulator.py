#!/usr/bin/env python3
"""Local DynamoDB for `./mvnw quarkus:dev` and `./mvnw verify`: moto's server (Apache-2.0), serialized.

moto serves each request on its own thread and its conditional writes are not atomic under
concurrency (two concurrent `attribute_not_exists` writes of one key can both win). DynamoDB
applies conditional writes atomically per item, and our exactly-once guarantees rest on that,
so this launcher serves moto behind one process-wide lock: one request at a time, like a
single DynamoDB partition, which is what the concurrency tests need to prove anything.

Usage: dynamodb-emulator.py [--host 127.0.0.1] [--port 0] [--check]
  --port 0 picks a free port. The first line on stdout is `listening <url>`; errors go to
  stderr as one line. The server ends when its standard input closes (the JVM that started it
  ended, however it ended), on SIGTERM/SIGINT, or when --parent-pid is gone.
  --check only verifies that moto's server is importable (exit 0) or prints the install line
  (exit 3).
"""
import argparse
import logging
import os
import sys
import threading
import time

INSTALL = "python3 -m pip install 'moto[server]'"


def fail(message, code=3):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
    sys.exit(code)


def load_moto():
    try:
        from moto.server import DomainDispatcherApplication, create_backend_app  # noqa: WPS433
        from werkzeug.serving import make_server  # noqa: WPS433
    except ImportError as missing:
        fail(f"The local DynamoDB emulator needs moto's server ({missing.name} is missing): run {INSTALL}")
    return DomainDispatcherApplication, create_backend_app, make_server


class Serialized:
    """WSGI wrapper: the whole request, body included, under one lock."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            body = self.app(environ, start_response)
            try:
                return [b"".join(body)]
            finally:
                close = getattr(body, "close", None)
                if close:
                    close()


def watch_stdin():
    """The JVM that started us holds our stdin; when it ends (even killed), stdin reaches EOF."""
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except (OSError, ValueError):
        pass
    os._exit(0)


def watch_parent(pid):
    while True:
        time.sleep(1)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass


def main():
    parser = argparse.ArgumentParser(description="moto's DynamoDB server, one request at a time")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--parent-pid", type=int, default=0)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()

    dispatcher, backend_app, make_server = load_moto()
    if args.check:
        return

    import signal  # noqa: WPS433
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, lambda *_: os._exit(0))
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    app = Serialized(dispatcher(backend_app))
    try:
        server = make_server(args.host, args.port, app, threaded=True)
    except OSError as busy:
        fail(f"The local DynamoDB emulator cannot listen on {args.host}:{args.port}: {busy.strerror}", code=4)
    print(f"listening http://{args.host}:{server.server_port}", flush=True)

    threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()
    if args.parent_pid:
        threading.Thread(target=watch_parent, args=(args.parent_pid,), name="parent-watch", daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
