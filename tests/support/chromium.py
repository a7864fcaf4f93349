"""Headless Chromium for the tests: one-shot pages (:func:`chromium`, :func:`dom`,
:func:`png_pixels`) and Neo4j Browser driven through the DevTools protocol over a pipe.

Chromium's ``--remote-debugging-pipe`` reads protocol commands from file descriptor 3 and
writes replies and events to descriptor 4, each a JSON message ending in a NUL byte, so
the standard library is enough: no websocket client, no Selenium, no Playwright.
:class:`Chromium` sends commands and waits for conditions in the page;
:func:`open_browser` logs Neo4j Browser in to a server, ready for :meth:`BrowserPage.run`.
``docs/make_screenshots.py`` takes the README's picture with it, and the tests play the
guide in it.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import struct
import subprocess
import tempfile
import time
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

WINDOW = (1400, 900)
REPLY_TIMEOUT = 120  # seconds; a command's reply (a page load, a screenshot) takes far less


class ChromiumError(RuntimeError):
    """Chromium is missing, exited, or the page never reached the awaited state."""


class Chromium:
    """One headless Chromium with one page; commands go to that page."""

    def __init__(self, window: tuple[int, int] = WINDOW):
        binary = shutil.which("chromium")
        if binary is None:
            raise ChromiumError("Debian's chromium is not installed (`make chromium` installs it)")
        self.profile = tempfile.mkdtemp(prefix="unionkg-chromium.")
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()
        # The child reads commands on fd 3 and writes replies on fd 4. The first pipe takes
        # fd 3 if it is free, so moving commands_read there never overwrites replies_write.
        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--mute-audio",
                "--no-first-run",
                "--remote-debugging-pipe",
                f"--user-data-dir={self.profile}",
                f"--window-size={window[0]},{window[1]}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=lambda: (os.dup2(commands_read, 3), os.dup2(replies_write, 4)),
        )
        os.close(commands_read)
        os.close(replies_write)
        self._buffer, self._next_id, self.session = b"", 0, None
        try:
            target = next(t for t in self.send("Target.getTargets")["targetInfos"] if t["type"] == "page")
            self.session = self.send("Target.attachToTarget", targetId=target["targetId"], flatten=True)[
                "sessionId"
            ]
            self.send("Page.enable")
            self.send(
                "Emulation.setDeviceMetricsOverride",
                width=window[0],
                height=window[1],
                deviceScaleFactor=1,
                mobile=False,
            )
        except BaseException:
            self.close()
            raise

    def send(self, method: str, **params) -> dict:
        """Run one protocol command and return its result (events are dropped)."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise ChromiumError(f"{method}: {reply['error'].get('message')}")
                return reply["result"]

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            if not select.select([self._replies], [], [], REPLY_TIMEOUT)[0]:
                raise ChromiumError(f"Chromium did not answer within {REPLY_TIMEOUT} s")
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise ChromiumError(f"Chromium exited (code {self.process.wait()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise ChromiumError(f"{expression[:80]}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait_for(self, expression: str, what: str, timeout: float = 60):
        """Poll ``expression`` until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while not (value := self.evaluate(expression)):
            if time.monotonic() > deadline:
                raise ChromiumError(f"timed out after {timeout:.0f} s waiting for {what}")
            time.sleep(0.25)
        return value

    def navigate(self, url: str) -> None:
        self.send("Page.navigate", url=url)

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        for fd in (self._commands, self._replies):
            os.close(fd)
        try:
            self.process.terminate()
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


class BrowserPage:
    """Neo4j Browser in :class:`Chromium`, logged in to a server."""

    def __init__(self, chromium: Chromium):
        self.chromium = chromium

    def run(self, command: str) -> None:
        """Type ``command`` (Cypher or a ``:`` command) into the editor and run it."""
        self.chromium.evaluate("document.querySelector('.monaco-editor textarea').focus(), 1")
        self.chromium.send("Input.insertText", text=command)
        self._run_editor()

    def run_guide_block(self, index: int) -> None:
        """Click the ``index``-th code block of the guide's slide (it goes into the
        editor, as a user's click puts it) and run it."""
        self.chromium.evaluate(f"document.querySelectorAll('pre.runnable')[{index}].click(), 1")
        self._run_editor()

    def _run_editor(self) -> None:
        self.chromium.evaluate("document.querySelector('[data-testid=editor-Run]').click(), 1")

    def wait_for_frame(self, text: str, timeout: float = 60) -> str:
        """The text of the newest result frame, once it contains ``text``."""
        newest = "(document.querySelector('[data-testid=frame]') || {innerText: ''}).innerText"
        self.chromium.wait_for(f"{newest}.includes({json.dumps(text)})", f"a frame saying {text!r}", timeout)
        return self.chromium.evaluate(newest)


@contextmanager
def open_browser(
    http_uri: str,
    bolt_uri: str,
    user: str,
    password: str,
    *,
    database: str = "neo4j",
    window: tuple[int, int] = WINDOW,
    timeout: float = 90,
) -> Iterator[BrowserPage]:
    """Neo4j Browser of the local server at ``http_uri``, logged in to ``bolt_uri``
    through its form (the password is typed, never put in a URL); once the server's
    post-connect ``:style`` ran, the stream is cleared."""
    chromium = Chromium(window)
    try:
        host = bolt_uri.split("://", 1)[-1]
        chromium.navigate(f"{http_uri}/browser/?dbms=bolt://{user}@{host}&db={database}")
        chromium.wait_for(
            "!!document.querySelector('[data-testid=password]')", "Browser's login form", timeout
        )
        chromium.evaluate("document.querySelector('[data-testid=password]').focus(), 1")
        chromium.send("Input.insertText", text=password)
        chromium.evaluate("document.querySelector('[data-testid=connect]').click(), 1")
        chromium.wait_for(
            "!!document.querySelector('[data-testid=exportGraSSButton]')", "the :style frame", timeout
        )
        page = BrowserPage(chromium)
        page.run(":clear")
        yield page
    finally:
        chromium.close()


# ------------------------------------------------------------ one-shot pages
# A page of our own (``unionkg view``, ``unionkg review``) needs no protocol: Chromium's
# command line dumps its DOM or a screenshot after the scripts ran.


PAGE_WINDOW = (1280, 800)  # the window of one-shot pages (chromium())


def chromium(page: Path, *flags: str, fragment: str = "") -> subprocess.CompletedProcess:
    """Headless Chromium on ``page`` after its scripts ran (virtual time: the layout's
    timers run at once, so the figures do not depend on the machine's speed)."""
    binary = shutil.which("chromium")
    assert binary, "Debian's chromium is not installed: run `make chromium`"
    url = page.resolve().as_uri() + (f"#{quote(fragment)}" if fragment else "")
    return subprocess.run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--mute-audio",
            f"--window-size={PAGE_WINDOW[0]},{PAGE_WINDOW[1]}",
            "--virtual-time-budget=30000",
            *flags,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


def dom(page: Path, fragment: str = "") -> str:
    return chromium(page, "--dump-dom", fragment=fragment).stdout


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) pixels of an 8-bit, non-interlaced PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    channels = 3 if colour == 2 else 4
    raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(
            bytes(line) if channels == 3 else bytes(b for j in range(0, stride, 4) for b in line[j : j + 3])
        )
        previous = line
    return width, height, rows
