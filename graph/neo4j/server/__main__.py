"""``python -m graph.neo4j.server start|stop|status``: the local server without the CLI.

Exit codes as ``unionkg neo4j``: 0 ok, 3 the server could not start (or, for status,
is not running).
"""

import sys

from graph.neo4j.server import ServerError, start, status, stop


def main(argv: list[str]) -> int:
    command = argv[0] if len(argv) == 1 else ""
    try:
        if command == "start":
            info = start()
            print(f"Neo4j running (pid {info.pid}): {info.bolt_uri}, browser {info.http_uri}/browser/")
        elif command == "stop":
            print("stopped" if stop() else "not running")
        elif command == "status":
            info = status()
            print(f"running (pid {info.pid}): {info.bolt_uri}" if info else "stopped")
            return 0 if info else 3
        else:
            print("usage: python -m graph.neo4j.server start|stop|status", file=sys.stderr)
            return 2
    except ServerError as err:
        print(f"error: {err}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
