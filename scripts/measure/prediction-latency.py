#!/usr/bin/env python3
"""End-to-end latency of a recalibration through the API against the kernel time alone.

Starts nothing: point it at a running service (default http://127.0.0.1:5080, with a bearer token
in PRIMAGE_TOKEN when security is on). For each of N twins it posts ten observations one by one,
waiting for each prediction; for the tenth it records the time from the POST being acknowledged
to the new version being readable, and the kernel's own execute time from the provenance.
Prints the per-twin figures and the median ratio (end-to-end / kernel).
"""
import json, os, statistics, sys, time, urllib.request, uuid

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5080"
twins = int(sys.argv[2]) if len(sys.argv) > 2 else 5
token = os.environ.get("PRIMAGE_TOKEN")

def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None

def wait_version(tid, version):
    while True:
        status, p = call("GET", f"/api/twins/{tid}/prediction")
        if status == 200 and p["version"] >= version and len(p["observationIds"]) == obs_count[tid]:
            return p
        time.sleep(0.01)

rows = []
obs_count = {}
for n in range(twins):
    tid = "lat-" + uuid.uuid4().hex[:8]
    call("PUT", f"/api/twins/{tid}", {"site": "lafe", "diagnosis": "neuroblastoma", "diagnosisDate": "2024-01-01"})
    version = 0
    for k in range(1, 11):
        obs_count[tid] = k
        t0 = time.perf_counter()
        status, _ = call("POST", f"/api/twins/{tid}/observations",
                         {"observationId": f"s{k}", "takenOn": f"2024-{1 + k // 2:02d}-{1 + 14 * (k % 2):02d}", "tumourVolumeMl": 50 * 1.05 ** k})
        assert status == 201, status
        p = wait_version(tid, version + 1)
        t1 = time.perf_counter()
        version = p["version"]
    kernel = p["provenance"]["kernelMilliseconds"]
    rows.append(((t1 - t0) * 1000, kernel))
    print(f"twin {tid}: end-to-end {rows[-1][0]:.0f} ms, kernel {kernel:.0f} ms, ratio {rows[-1][0] / kernel:.3f}")

ratios = [e / k for e, k in rows]
print(f"median end-to-end {statistics.median(e for e, _ in rows):.0f} ms, median kernel {statistics.median(k for _, k in rows):.0f} ms, median ratio {statistics.median(ratios):.3f}")
