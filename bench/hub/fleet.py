#!/usr/bin/env python3
"""bench/run-hub.sh fleet N: N simulated collars (firmware-sim) against one packaged gateway on a broker.

Started by bench/run-hub.sh, which builds the jars and starts the broker. The gateway runs as the hub runs it
(deploy/hub/petwatch-gateway.service's JVM flags: -Xmx64m, serial GC, C1 only), with collars.max = N, its collector
a stub in this process that accepts every upload (the census; a healthy fleet raises no alerts in minutes).

Every POLL seconds the driver reads the simulator's acknowledged batches (its --prometheus endpoint), the gateway's
processed batches and queue (its /status), and the gateway's CPU time and RSS (/proc). After the run's minutes the
simulator is stopped and the gateway given DRAIN seconds to finish what the broker still holds. Then:
  published P = batches the broker acknowledged to the simulator,
  processed Q = batches the gateway's detection took in,
  dropped   D = P - Q - still queued in the gateway at the end (after draining; the queue also holds status
                messages, so a D of 0 with messages queued is an upper bound on those left),
  lag         = for each poll, the time until the gateway had processed as many batches as the broker had
                acknowledged by then (first in, first out across collars): its p99 over the run, in ms, to the
                polling resolution,
  cpu         = the gateway's CPU time over the run's wall time (100% = one core), rss its largest resident set.
The hub keeps up when D is 0 and lag p99 stays under 60 s.
"""
import http.server
import json
import threading
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

POLL = 0.25
DRAIN = 60


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=2) as r:
        return r.read().decode()


def sim_acked(port):
    text = get(f"http://127.0.0.1:{port}/metrics")
    m = re.search(r'^petwatch_sim_batches_settled_total\{status="acknowledged"\} ([0-9.e+]+)$', text, re.M)
    return int(float(m.group(1))) if m else 0


def gateway_status(port):
    return json.loads(get(f"http://127.0.0.1:{port}/status"))


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def p99_lag_ms(acked, processed):
    """acked, processed: lists of (t, count) at the same poll times."""
    lags = []
    j = 0
    for t, a in acked:
        if a == 0:
            continue
        while j < len(processed) and processed[j][1] < a:
            j += 1
        if j == len(processed):
            lags.append(float("inf"))
        else:
            lags.append(max(0.0, processed[j][0] - t))
    if not lags:
        return 0.0
    lags.sort()
    return lags[min(len(lags) - 1, int(0.99 * len(lags)))] * 1000


class StubCollector(http.server.BaseHTTPRequestHandler):
    """Answers every upload (alerts, census) with 200 and an empty body: an empty AlertBatchResult."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    collars, minutes, mode, broker = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
    batch_minutes, speed = {"realtime": (1, "1"), "accelerated": (60, "60")}[mode]
    work = tempfile.mkdtemp(prefix="petwatch-fleet-")
    status_port, sim_port = free_port(), free_port()
    collector = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StubCollector)
    threading.Thread(target=collector.serve_forever, daemon=True).start()
    with open(f"{work}/gateway.properties", "w") as f:
        f.write(f"""petwatch.hub.id=fleet-bench
petwatch.hub.token=fleet-bench-token
petwatch.mqtt.url={broker}
petwatch.mqtt.client-id=fleet-bench-{os.getpid()}
petwatch.collars.max={collars}
petwatch.collector.url=http://127.0.0.1:{collector.server_address[1]}
petwatch.outbox.dir={work}/outbox
petwatch.snapshot.dir={work}/snapshots
petwatch.status.port={status_port}
petwatch.zone=UTC
""")
    gateway = subprocess.Popen(["java", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                                "edge-gateway/target/petwatch-edge-gateway.jar", "--config",
                                f"{work}/gateway.properties"],
                               stdout=open(f"{work}/gateway.log", "w"), stderr=subprocess.STDOUT)
    sim = None
    try:
        for _ in range(120):
            try:
                if gateway_status(status_port)["mqtt_subscribed"]:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            sys.exit(f"fleet: the gateway did not subscribe within 60 s (see {work}/gateway.log)")
        # Simulated time ends now at the run's end (accelerated) or starts now (real time), so the hub clock and
        # the collars' stamps agree as they would in a home: no collar looks silent for want of recent data.
        now = int(time.time() // 60 * 60)
        start_s = now - int(minutes * 60 * float(speed)) if mode == "accelerated" else now
        start_iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start_s))
        sim = subprocess.Popen(["java", "-jar", "firmware-sim/target/petwatch-firmware-sim.jar", "--broker", broker,
                                "--collars", str(collars), "--collar-prefix", "fleet-", "--days", "2",
                                "--start", start_iso,
                                "--scenario", "healthy", "--batch-minutes", str(batch_minutes), "--speed", speed,
                                "--rate", "100000", "--connect-rate", "1000", "--progress", "0",
                                "--prometheus", str(sim_port)],
                               stdout=open(f"{work}/sim.log", "w"), stderr=subprocess.STDOUT)
        for _ in range(240):
            try:
                sim_acked(sim_port)
                break
            except OSError:
                time.sleep(0.5)
        start = time.monotonic()
        cpu0 = cpu_seconds(gateway.pid)
        acked, processed, rss = [], [], 0.0
        end = start + minutes * 60
        while time.monotonic() < end and sim.poll() is None:
            t = time.monotonic() - start
            if gateway.poll() is not None:
                with open(f"{work}/gateway.log") as f:
                    errors = [line.strip() for line in f if " ERROR " in line]
                print(f"fleet {collars} collars: the gateway exited with code {gateway.returncode} after {t:.0f} s"
                      f" ({errors[0] if errors else 'no error logged'}); files in {work}")
                sys.exit(1)
            acked.append((t, sim_acked(sim_port)))
            processed.append((t, gateway_status(status_port)["batches"]))
            rss = max(rss, rss_mib(gateway.pid))
            time.sleep(POLL)
        wall = time.monotonic() - start
        cpu = (cpu_seconds(gateway.pid) - cpu0) / wall * 100
        published = sim_acked(sim_port)
        sim.send_signal(signal.SIGKILL)  # collars stop mid-run: what they published is counted, the rest not sent
        sim.wait()
        acked.append((time.monotonic() - start, published))
        # Drained: the gateway's queue empty and its count unchanged for two seconds (the queue also holds the
        # collars' status messages, the killed collars' wills among them, so it is not compared with batches).
        drained_by, still_since, last = time.monotonic() + DRAIN, time.monotonic(), -1
        while time.monotonic() < drained_by:
            s = gateway_status(status_port)
            processed.append((time.monotonic() - start, s["batches"]))
            if s["batches"] != last or s["queued"] > 0:
                still_since, last = time.monotonic(), s["batches"]
            elif time.monotonic() - still_since >= 2:
                break
            time.sleep(POLL)
        s = gateway_status(status_port)
        q, queued = s["batches"], s["queued"]
        lag = p99_lag_ms(acked, processed)
        with open(f"{work}/series.csv", "w") as f:  # for a look at how the lag came about
            f.write("t_s,series,count\n")
            for name, series in (("acknowledged", acked), ("processed", processed)):
                f.writelines(f"{t:.2f},{name},{n}\n" for t, n in series)
        print(f"  {mode}: {collars} collars, one batch of {batch_minutes} min per collar per minute of wall time"
              f" (speed x{speed}), {wall / 60:.1f} min; gateway state at the end: {s['state']}"
              f" {'; '.join(s['degraded_reasons'])}; files in {work}")
        lag_text = "inf" if lag == float("inf") else f"{lag:.0f}"
        print(f"fleet {collars} collars: published {published}, processed {q}, dropped {published - q - queued},"
              f" lag p99 {lag_text} ms, cpu {cpu:.0f}%, rss {rss:.0f} MiB")
    finally:
        if sim is not None and sim.poll() is None:
            sim.kill()
        gateway.send_signal(signal.SIGTERM)
        try:
            gateway.wait(30)
        except subprocess.TimeoutExpired:
            gateway.kill()


if __name__ == "__main__":
    main()
