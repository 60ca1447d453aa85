"""Flood a served copy of the site, and print how long a cached page takes meanwhile.

A script that prints figures and asserts nothing (`uv run python -m tests.flood --help`). It
serves a fresh copy with `manage.py serve` (gunicorn, DEBUG off, SQLite, the file cache), as
the README runs it, and for each flood runs wrk with 256 connections for --duration seconds,
while one visitor, from another address, fetches the cached profile on a new connection
every 0.1 s. It prints the
flood's own rate and answers, and the visitor's p50, p99 and worst wait. Every request goes
to 127.0.0.1, and the whole run takes about 40 s of set-up and 6 x --duration seconds.

--slots 0 turns the limit on uncached work off, for the figures before it.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.serving import SERVE, fetch, free_port, running, site_env

PROFILE = "/occupations/customer-service-representatives/"
CONNECTIONS = 256

# Each flood is a wrk script: a request() that makes each request different where it should be.
FLOODS = {
    "searches": """
request = function()
  return wrk.format("GET", "/search/?q=" .. math.random(1, 1000000000))
end
""",
    "API misses": """
request = function()
  return wrk.format("GET", "/api/v1/occupations/customer-service-representatives/figures/"
    .. "?period=" .. math.random(1900, 2100) .. "&page_size=" .. math.random(1, 100))
end
""",
    "the cached profile": f"""
request = function() return wrk.format("GET", "{PROFILE}") end
""",
    "logins": """
request = function()
  return wrk.format("POST", "/admin/login/?next=/admin/",
    {["Content-Type"] = "application/x-www-form-urlencoded",
     ["Cookie"] = "csrftoken=%(cookie)s", ["Referer"] = "%(base)s/admin/login/"},
    "csrfmiddlewaretoken=%(token)s&password=wrong&username=u" .. math.random(1, 1000000000))
end
""",
}
SUMMARY = """
init = function(args) statuses = {} end
response = function(status) statuses[status] = (statuses[status] or 0) + 1 end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  local parts = {}
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get("statuses")) do
      table.insert(parts, string.format('["%s", %d]', code, n))
    end
  end
  io.write(string.format('\\nRESULT {"requests": %d, "seconds": %f, "statuses": [%s]}\\n',
    summary.requests, summary.duration / 1e6, table.concat(parts, ", ")))
end
"""


def visitor(url, stop, waits, headers):
    """Fetch `url` on a new connection every 0.1 s until `stop` is set; keep each wait.

    From 127.0.0.2, so the site and nginx count the visitor apart from the flood (127.0.0.1),
    as they would a visitor elsewhere.
    """
    parts = urllib.parse.urlsplit(url)
    while not stop.is_set():
        started = time.monotonic()
        connection = http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=15, source_address=("127.0.0.2", 0)
        )
        try:
            connection.request("GET", parts.path, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except OSError:
            status = None
        finally:
            connection.close()
        waits.append((status, time.monotonic() - started))
        stop.wait(0.1)


def flood(wrk, base, script, seconds, headers):
    """Run wrk's flood and the visitor together; return wrk's result and the visitor's waits."""
    waits, stop = [], threading.Event()
    command = [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", script]
    command += [part for name, value in headers.items() for part in ("-H", f"{name}: {value}")]
    process = subprocess.Popen([*command, base], stdout=subprocess.PIPE, text=True)
    time.sleep(1)  # the flood has filled the queues
    thread = threading.Thread(target=visitor, args=(base + PROFILE, stop, waits, headers))
    thread.start()
    output, _ = process.communicate(timeout=seconds + 60)
    stop.set()
    thread.join()
    return json.loads(output.rsplit("RESULT ", 1)[1]), waits


def report(name, result, waits):
    seconds = sorted(wait for _, wait in waits)
    failed = sum(status != 200 for status, _ in waits)
    counts = {}
    for code, count in result["statuses"]:  # one pair per wrk thread
        counts[code] = counts.get(code, 0) + count
    statuses = ", ".join(f"{code}: {count}" for code, count in sorted(counts.items()))
    p99 = seconds[min(len(seconds) - 1, round(0.99 * (len(seconds) - 1)))]
    print(
        f"{name:<28} {result['requests'] / result['seconds']:>7.0f} "
        f"{statistics.median(seconds) * 1000:>7.0f} {p99 * 1000:>7.0f} "
        f"{seconds[-1] * 1000:>7.0f} {len(seconds):>5} {failed:>4}   {statuses}"
    )


def login_form(base, headers):
    """A CSRF cookie and a token for it, from the admin's sign-in page."""
    request = urllib.request.Request(base + "/admin/login/", headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"])[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())
    return {"cookie": cookie, "token": token[1]}


def main():
    parser = argparse.ArgumentParser(prog="python -m tests.flood", description=__doc__)
    parser.add_argument("--duration", type=int, default=6, help="Seconds per flood (3-30; 6).")
    parser.add_argument("--slots", help="CAREERS_UNCACHED_WORK_SLOTS (default: the site's).")
    parser.add_argument("--no-nginx", action="store_true", help="Skip the flood through nginx.")
    parser.add_argument(
        "--outage", action="store_true", help="Then the cached profile's rate with Redis down."
    )
    args = parser.parse_args()
    if not 3 <= args.duration <= 30:
        parser.error(f"--duration must be 3 to 30 seconds, not {args.duration}.")
    wrk = shutil.which("wrk")
    if wrk is None:
        parser.error("wrk is not installed: apt-get install wrk")
    overrides = {"DJANGO_TRUSTED_PROXIES": "127.0.0.1"}
    if args.slots is not None:
        overrides["CAREERS_UNCACHED_WORK_SLOTS"] = args.slots
    with contextlib.ExitStack() as stack:
        var_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        env = site_env(var_dir, DJANGO_ALLOWED_HOSTS="127.0.0.1,careers.example.org", **overrides)
        base = stack.enter_context(running(SERVE, env, var_dir / "serve.log"))
        bases = {"": (base, {})}
        if not args.no_nginx:
            from tests.nginx import HOST, nginx_in_front

            port = int(base.rsplit(":", 1)[1])
            bases[" through nginx"] = (
                stack.enter_context(nginx_in_front(var_dir / "nginx", port)),
                {"Host": HOST},
            )
        print(
            f"{CONNECTIONS} connections for {args.duration} s a flood; the visitor fetches "
            f"{PROFILE} (cached) every 0.1 s on a new connection. "
            f"Slots: {args.slots or 'default'}.\n"
            f"{'flood':<28} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} "
            f"{'n':>5} {'fail':>4}   flood's answers"
        )
        for suffix, (url, headers) in bases.items():
            fetch(url + PROFILE, headers=headers)  # the profile is cached
            for name, script in FLOODS.items():
                if suffix and name not in ("searches", "the cached profile"):
                    continue
                if name == "logins":
                    script = script % {**login_form(url, headers), "base": url}
                path = var_dir / "flood.lua"
                path.write_text(script + SUMMARY)
                result, waits = flood(wrk, url, str(path), args.duration, headers)
                report(name + suffix, result, waits)
                time.sleep(1)  # let the queues drain before the next flood
        if args.outage:
            outage(wrk, env, var_dir, base, args.duration)


def outage(wrk, env, var_dir, healthy, seconds):
    """The cached profile's rate with the shared cache up, and with Redis out of reach."""
    script = var_dir / "plain.lua"
    script.write_text(FLOODS["the cached profile"] + SUMMARY)
    dead_redis = {**env, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}
    print(f"\nThe cached profile, wrk at 64 connections for {seconds} s:")
    with running(SERVE, dead_redis, var_dir / "outage.log") as down:
        for name, url in (("shared cache up", healthy), ("Redis out of reach", down)):
            fetch(url + PROFILE)
            command = [wrk, "-t2", "-c64", f"-d{seconds}s", "-s", str(script), url]
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            result = json.loads(output.rsplit("RESULT ", 1)[1])
            print(f"  {name:<20} {result['requests'] / result['seconds']:>7.0f} req/s")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careers.settings")
    import django

    django.setup()
    main()
