#!/usr/bin/env python3
"""Stall probe: N sequential GETs of /q/health/live on ONE keep-alive connection per port, counting answers slower
than 1 s. Separates a stall of a service's HTTP layer from gateway overhead. Prints one JSON object."""
import http.client, json, sys, time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
out = {}
for name, port in (("gateway", 8080), ("honors-service", 8081), ("welfare-service", 8082)):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    lat, failed = [], 0
    for _ in range(n):
        s = time.perf_counter()
        try:
            c.request("GET", "/q/health/live")
            r = c.getresponse()
            r.read()
            lat.append(time.perf_counter() - s)
        except Exception:
            failed += 1
            c.close()
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            if failed >= 3:
                break
    c.close()
    if not lat:
        out[name] = {"requests": n, "failed": failed, "over1s": 0, "slowSeconds": [], "p50Ms": -1, "maxMs": -1}
        continue
    n_ok = len(lat)
    slow = [round(x, 3) for x in lat if x >= 1.0]
    lat.sort()
    out[name] = {"requests": n, "failed": failed, "over1s": len(slow), "slowSeconds": slow[:10],
                 "p50Ms": round(lat[n_ok // 2] * 1000, 3), "maxMs": round(lat[-1] * 1000, 3)}
print(json.dumps(out))
