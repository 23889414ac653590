"""PyTorch's side of `npm run bench`: matmul GFLOP/s and the reference encoder layer.

Reads one JSON request on stdin (shapes, the encoder's config, its initial weights,
input and target as flat float lists), answers one JSON object on stdout. One thread,
like every other contender. Run by server/bench/torch-peer.ts with /usr/bin/python3.
"""
import json
import re
import statistics
import sys
import time

import torch


def measure_ms(fn, samples=7, min_sample_ms=25.0, warmup=3):
    """Median ms per call over samples, each long enough to be well above timer resolution."""
    estimate = float("inf")
    for _ in range(warmup):
        t0 = time.perf_counter()
        fn()
        estimate = min(estimate, (time.perf_counter() - t0) * 1000)
    calls = max(1, int(min_sample_ms / max(estimate, 1e-3)) + 1)
    per_call = []
    for _ in range(samples):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        per_call.append((time.perf_counter() - t0) * 1000 / calls)
    return statistics.median(per_call)


def blas_name():
    """The BLAS torch was built against ("generic" on Debian: whichever libblas.so.3 is installed)."""
    found = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    return found.group(1) if found else "unknown"


def loaded_blas_library():
    """The BLAS shared object actually mapped into this process (Debian switches it with update-alternatives)."""
    try:
        with open("/proc/self/maps") as maps:
            names = {line.split()[-1] for line in maps if "blas" in line.lower()}
        return ", ".join(sorted(n for n in names if n.startswith("/"))) or "none found"
    except OSError:
        return "unknown"


def matmul_gflops(m, k, n):
    g = torch.Generator().manual_seed(1)
    a = torch.rand(m, k, generator=g) * 2 - 1
    b = torch.rand(k, n, generator=g) * 2 - 1
    out = torch.empty(m, n)
    end = time.perf_counter() + 0.3
    while time.perf_counter() < end:
        torch.matmul(a, b, out=out)
    ms = measure_ms(lambda: torch.matmul(a, b, out=out))
    return 2 * m * k * n / (ms * 1e6)


def encoder_run(request):
    cfg = request["encoder"]
    b, t, d = cfg["batch"], cfg["seq"], cfg["dModel"]
    layer = torch.nn.TransformerEncoderLayer(
        d, cfg["heads"], dim_feedforward=cfg["dFf"], dropout=0.0, activation="relu",
        layer_norm_eps=cfg["layerNormEps"], batch_first=True, norm_first=False,
    )
    state = {name: torch.tensor(w["data"], dtype=torch.float32).reshape(w["shape"]) for name, w in request["weights"].items()}
    layer.load_state_dict(state)
    x = torch.tensor(request["input"], dtype=torch.float32).reshape(b, t, d)
    target = torch.tensor(request["target"], dtype=torch.float32).reshape(b, t, d)
    optimizer = torch.optim.Adam(layer.parameters(), lr=cfg["learningRate"])
    # Training mode throughout (dropout is 0): eval mode would take the fused
    # inference fast path, which our layer and tfjs do not have.
    layer.train()

    def forward():
        with torch.no_grad():
            return layer(x)

    def train_step():
        loss = torch.nn.functional.mse_loss(layer(x), target)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        return loss.item()

    first_output = forward().reshape(-1).tolist()
    first_losses = [train_step() for _ in range(cfg["checkSteps"])]
    return {
        "forwardMs": measure_ms(lambda: forward()),
        "trainStepMs": measure_ms(train_step),
        "firstOutput": first_output,
        "firstLosses": first_losses,
    }


def main():
    torch.set_num_threads(1)
    request = json.load(sys.stdin)
    answer = {
        "version": torch.__version__,
        "blas": blas_name(),
        "blasLibrary": loaded_blas_library(),
        "threads": torch.get_num_threads(),
    }
    if request.get("matmul"):
        answer["matmul"] = [matmul_gflops(s["m"], s["k"], s["n"]) for s in request["matmul"]]
    if request.get("encoder"):
        answer["encoder"] = encoder_run(request)
    json.dump(answer, sys.stdout)


main()
