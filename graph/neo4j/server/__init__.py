"""The local Neo4j server for development and tests, run straight from Maven Central jars.

Neo4j 5.26 LTS Community (the last line that runs on Java 17) is fetched once by Maven
into ``.cache/neo4j/lib`` (see ``pom.xml`` beside this file) and started with
``java -cp 'lib/*' org.neo4j.server.CommunityEntryPoint`` on a server home
``.cache/neo4j/home`` (config, data, logs). Bolt and HTTP listen on 127.0.0.1 only,
authentication is on, and the password of user ``neo4j`` is set from ``NEO4J_PASSWORD``
before the first start (``neo4j-admin dbms set-initial-password``). Neo4j Browser is
served from its jar at ``/browser``.

``unionkg neo4j start|stop|status`` and ``python -m graph.neo4j.server start|stop|status``
call :func:`start`, :func:`stop` and :func:`status`.

>>> status(Path("/nonexistent/neo4j-home")) is None
True
>>> conf = server_config(ServerConfig(bolt_port=7688, http_port=7475))
>>> "server.bolt.listen_address=127.0.0.1:7688" in conf.splitlines()
True
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
REPO = PACKAGE.parents[2]
POM = PACKAGE / "pom.xml"
BROWSER_STYLE = REPO / "ontology" / "neo4j_browser.grass"
CACHE = Path(os.environ.get("UNIONKG_NEO4J_CACHE", REPO / ".cache" / "neo4j"))
LIB = CACHE / "lib"
HOME = CACHE / "home"
USER = "neo4j"
MIN_PASSWORD_LENGTH = 8  # Neo4j 5 refuses shorter passwords

# The JVM options of Neo4j's default ``server.jvm.additional`` that the server needs when
# run without the ``neo4j`` launcher: deep reflection into NIO buffers for the page cache
# and Netty, and log4j without JMX.
JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    # C2, the optimising compiler, takes a method after three times as many calls as by
    # default: on a just-started server it spent a quarter of the CPU of a 100k-article
    # load, much of it on the query planner's code. The load's hot loops are compiled all
    # the same: 16.7–17.7k → 18.6–18.7k rows/s (`unionkg load neo4j`, 2 cores, 2 runs each).
    "-XX:Tier4InvocationThreshold=15000",
    "-XX:Tier4CompileThreshold=20000",
    "-XX:Tier4MinInvocationThreshold=1800",
)


class ServerError(RuntimeError):
    """The local server could not be fetched, started or stopped; the message says why."""


@dataclass(frozen=True)
class ServerInfo:
    pid: int
    bolt_uri: str
    http_uri: str


@dataclass(frozen=True)
class ServerConfig:
    """What a local server listens on and how much memory it takes (set explicitly:
    Neo4j's own heuristics would size the page cache from the machine's whole RAM)."""

    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "1g"
    page_cache: str = "1g"
    settings: dict[str, str] = field(default_factory=dict)  # more neo4j.conf settings, these win


def server_config(config: ServerConfig) -> str:
    """The ``neo4j.conf`` of a local server."""
    bolt, http = f"127.0.0.1:{config.bolt_port}", f"127.0.0.1:{config.http_port}"
    settings = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": bolt,
        "server.bolt.advertised_address": bolt,
        "server.http.listen_address": http,
        "server.http.advertised_address": http,
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.memory.heap.initial_size": config.heap,
        "server.memory.heap.max_size": config.heap,
        "server.memory.pagecache.size": config.page_cache,
        "dbms.usage_report.enabled": "false",
        "client.allow_telemetry": "false",
        "db.tx_log.rotation.retention_policy": "100M size",
        # Browser runs this on connecting: the unionkg style, no drag and drop needed
        "browser.post_connect_cmd": "style "
        + json.dumps(browser_style(), ensure_ascii=False, separators=(",", ":")),
        **config.settings,
    }
    return "".join(f"{k}={v}\n" for k, v in settings.items())


def browser_style(path: Path = BROWSER_STYLE) -> dict[str, dict[str, str]]:
    """A GraSS file as the JSON that Browser's ``:style`` command also accepts.

    >>> style = browser_style()
    >>> style["node.Union"]["caption"], style["relationship.MENTIONED_IN"]["caption"]
    ('{name}', '')
    >>> list(style).index("node.Entity") < list(style).index("node.Union")  # the type wins
    True
    """
    rules = re.findall(r'([\w.-]+)\s*\{((?:[^{}"]|"[^"]*")*)\}', path.read_text(encoding="utf-8"))
    return {
        selector: {
            key: value.strip().strip('"')
            for key, value in re.findall(r'([\w-]+)\s*:\s*("[^"]*"|[^;]*);', body)
        }
        for selector, body in rules
    }


# ---------------------------------------------------------------- the jars


def ensure_jars(lib: Path = LIB) -> Path:
    """Fetch the server's jars from Maven Central into ``lib`` unless the jars of the
    current ``pom.xml`` are there already; return ``lib``."""
    stamp = lib / ".pom-sha1"
    wanted = hashlib.sha1(POM.read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text().strip() == wanted:
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError("Maven (mvn) is not installed: it fetches the Neo4j jars from Maven Central")
    print(f"fetching the Neo4j jars from Maven Central into {lib} (once)", file=sys.stderr)
    lib.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".lib.", dir=lib.parent))
    done = subprocess.run(
        [
            mvn,
            "-q",
            "-B",
            "-Dstyle.color=never",
            "-f",
            str(POM),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={fresh}",
        ],
        stdout=sys.stderr,
        stderr=sys.stderr,
    )
    if done.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise ServerError(f"mvn could not fetch the Neo4j jars of {POM} (exit {done.returncode})")
    (fresh / stamp.name).write_text(wanted + "\n")
    shutil.rmtree(lib, ignore_errors=True)  # jars of an older pom.xml
    os.replace(fresh, lib)
    return lib


def java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    found = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not found or not Path(found).exists():
        raise ServerError("Java is not installed (Neo4j 5.26 needs Java 17 or 21)")
    return found


def admin(*args: str, home: Path = HOME, lib: Path = LIB) -> subprocess.CompletedProcess:
    """Run ``neo4j-admin ARGS`` (``org.neo4j.cli.AdminTool``) on the server home ``home``."""
    (home / "conf").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    command = [java(), *JVM_OPTIONS, "-cp", f"{ensure_jars(lib)}/*", "org.neo4j.cli.AdminTool", *args]
    # cwd: neo4j-admin writes its import.report into the working directory
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=home)


# ---------------------------------------------------------------- start, stop, status


def _info_file(home: Path) -> Path:
    return home / "run" / "unionkg-server.json"


def status(home: Path = HOME) -> ServerInfo | None:
    """The running local server of ``home``, or None."""
    try:
        info = ServerInfo(**json.loads(_info_file(home).read_text()))
    except (OSError, ValueError, TypeError):
        return None
    return info if _is_our_server(info.pid, home) else None


def _is_our_server(pid: int, home: Path) -> bool:
    """Whether ``pid`` is a live Neo4j started on ``home`` (not a recycled pid)."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():  # no /proc (macOS): the live pid will do
        return True
    args = cmdline.read_bytes().split(b"\0")
    return b"org.neo4j.server.CommunityEntryPoint" in args and f"--home-dir={home}".encode() in args


def start(
    config: ServerConfig = ServerConfig(),
    *,
    home: Path = HOME,
    lib: Path = LIB,
    password: str | None = None,
    timeout: float = 300,
) -> ServerInfo:
    """Start the local server (or return the one already running on ``home``) and wait
    until Bolt accepts the password. The password defaults to ``NEO4J_PASSWORD``."""
    if (running := status(home)) is not None:
        return running
    password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServerError(
            f"set NEO4J_PASSWORD to the password of user {USER!r} (at least {MIN_PASSWORD_LENGTH} characters)"
        )
    for port in (config.bolt_port, config.http_port):
        if _port_open(port):
            raise ServerError(f"port {port} on 127.0.0.1 is in use by another program (another Neo4j?)")
    ensure_jars(lib)
    for folder in ("conf", "data", "logs", "run"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(server_config(config))
    if not (
        home / "data" / "databases" / "system"
    ).exists():  # the password counts before the first start only
        _set_initial_password(password, home, lib)

    command = [
        java(),
        f"-Xms{config.heap}",
        f"-Xmx{config.heap}",
        *JVM_OPTIONS,
        "-cp",
        f"{lib}/*",
        "org.neo4j.server.CommunityEntryPoint",
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
        "--console-mode",
    ]
    console = home / "logs" / "console.log"
    with open(console, "ab") as out:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )  # a Ctrl-C in the shell does not kill it
    info = ServerInfo(
        process.pid, f"bolt://127.0.0.1:{config.bolt_port}", f"http://127.0.0.1:{config.http_port}"
    )
    _info_file(home).write_text(json.dumps(asdict(info)))
    try:
        _wait_until_ready(process, info, password, timeout, console)
    except BaseException:
        stop(home)
        raise
    return info


def _set_initial_password(password: str, home: Path, lib: Path) -> None:
    # through a picocli @file, so the password is in no process's command line
    fd, path = tempfile.mkstemp(dir=home / "run", prefix=".password.")
    try:
        with os.fdopen(fd, "w") as f:
            # "--" first: a password that begins with "-" is the value, not an option
            f.write('--\n"' + password.replace("\\", "\\\\").replace('"', '\\"') + '"')
        done = admin("dbms", "set-initial-password", f"@{path}", home=home, lib=lib)
    finally:
        os.unlink(path)
    if done.returncode != 0:
        raise ServerError(f"neo4j-admin could not set the initial password: {done.stderr.strip()[-500:]}")


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _wait_until_ready(
    process: subprocess.Popen, info: ServerInfo, password: str, timeout: float, console: Path
) -> None:
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, ServiceUnavailable

    deadline = time.monotonic() + timeout
    with GraphDatabase.driver(info.bolt_uri, auth=(USER, password)) as driver:
        while True:
            if process.poll() is not None:
                tail = console.read_text(errors="replace").splitlines()[-15:]
                raise ServerError(
                    f"Neo4j exited with code {process.returncode}; end of {console}:\n" + "\n".join(tail)
                )
            try:
                driver.verify_connectivity()
                return
            except AuthError:
                raise ServerError(
                    f"the server runs but refuses NEO4J_PASSWORD: its password was set at its first "
                    f"start; delete {console.parent.parent / 'data'} to start afresh"
                ) from None
            except (ServiceUnavailable, OSError):
                if time.monotonic() > deadline:
                    raise ServerError(
                        f"Neo4j did not answer on {info.bolt_uri} within {timeout:.0f} s; see {console}"
                    ) from None
                time.sleep(0.5)


def stop(home: Path = HOME, timeout: float = 120) -> bool:
    """Stop the local server of ``home`` cleanly (SIGTERM, then wait for it to exit);
    False if none was running."""
    info = status(home)
    _info_file(home).unlink(missing_ok=True)
    if info is None:
        return False
    os.kill(info.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(info.pid):
        if time.monotonic() > deadline:
            os.kill(info.pid, signal.SIGKILL)
            raise ServerError(f"Neo4j (pid {info.pid}) did not stop within {timeout:.0f} s and was killed")
        time.sleep(0.2)
    return True


def free_port() -> int:
    """A port nothing listens on (bound once by the OS, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def small_config(settings: dict[str, str] | None = None) -> ServerConfig:
    """A server beside the usual one: free ports, little memory, ``settings`` added to
    its ``neo4j.conf``."""
    return ServerConfig(
        bolt_port=free_port(), http_port=free_port(), heap="512m", page_cache="128m", settings=settings or {}
    )


@contextmanager
def temporary_server(
    home: Path, password: str, config: ServerConfig | None = None, *, lib: Path = LIB
) -> Iterator[ServerInfo]:
    """A second server with its own ``home`` (by default of :func:`small_config`),
    stopped at the end: for tests and screenshots, beside the usual server."""
    info = start(config or small_config(), home=home, lib=lib, password=password)
    try:
        yield info
    finally:
        stop(home)


def _alive(pid: int) -> bool:
    try:  # reap it if it is our child, so it does not linger as a zombie
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[-1][:1]
    except ProcessLookupError:
        return False
    except OSError:  # no /proc (macOS): the signal reached it
        return True
    return state != "Z"  # a zombie has exited already
