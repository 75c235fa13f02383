# Writes N bytes of build and test log text to stdout (compiler lines, test results, paths, hashes, timings), the
# same for every run: the input of build/bench.sh's capture-throughput figure. Usage: python3 build/bench_log.py N
import sys, random
random.seed(7)
total = int(sys.argv[1])
lines = []
for i in range(40000):
    k = i % 12
    n = random.randint(1, 999)
    if k == 0: lines.append(f"  Restored /home/runner/work/app/app/src/App.Module{n}/App.Module{n}.csproj (in {n} ms).")
    elif k == 1: lines.append(f"  App.Module{n} -> /home/runner/work/app/app/src/App.Module{n}/bin/Release/net10.0/App.Module{n}.dll")
    elif k == 2: lines.append(f"/home/runner/work/app/app/src/App.Web/Controllers/OrdersController.cs({n},17): warning CS8618: Non-nullable property 'Name' must contain a non-null value when exiting constructor. [/home/runner/work/app/app/src/App.Web/App.Web.csproj]")
    elif k == 3: lines.append(f"[xUnit.net 00:00:0{n%10}.{n%100:02}]     App.Tests.OrderTests.Total_includes_tax_{n} [PASS]")
    elif k == 4: lines.append(f"  Passed App.Tests.OrderTests.Discount_is_applied_once_{n} [{n} ms]")
    elif k == 5: lines.append(f"tests/test_orders.py::test_refund_flow_{n} PASSED                                  [ {n%100:2}%]")
    elif k == 6: lines.append(f"npm WARN deprecated inflight@1.0.{n%9}: This module is not supported, and leaks memory.")
    elif k == 7: lines.append(f"commit {random.getrandbits(160):040x} Merge pull request #{n} from feature/checkout-{n}")
    elif k == 8: lines.append(f"sha256:{random.getrandbits(256):064x}  dist/app-1.4.{n}.tar.gz")
    elif k == 9: lines.append(f"2026-11-21T19:55:{n%60:02}.123Z INFO  request id={random.getrandbits(128):032x} GET /api/orders/{n} 200 {n}ms")
    elif k == 10: lines.append(f"   at App.Core.Orders.OrderService.PlaceAsync(Order order) in /src/App.Core/Orders/OrderService.cs:line {n}")
    else: lines.append(f"gcc -O2 -Wall -Iinclude -c src/module_{n}.c -o build/module_{n}.o")
block = ("\n".join(lines) + "\n").encode()
out = sys.stdout.buffer
written = 0
while written < total:
    chunk = block[: total - written]
    out.write(chunk)
    written += len(chunk)
