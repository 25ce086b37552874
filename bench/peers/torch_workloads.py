#!/usr/bin/python3
"""The PyTorch side of `./jgrad bench peers`: one workload, one thread count, one process.

The same workloads, shapes and hyper-parameters as the Java classes in
bench/src/main/java/org/jgrad/bench/peers/ (the ids below are theirs), timed by the same protocol:
warm-up for --warmup seconds, then --samples samples of at least --sample-time seconds each. Random
data pools are built before timing and cycled through; the seeds are the same numbers as on the Java
side (the generators differ, so the data has the same distribution, not the same bits).

    /usr/bin/python3 torch_workloads.py info --threads 1          # versions, BLAS library, torch.mm GFLOP/s
    /usr/bin/python3 torch_workloads.py run --workload mlp784-b10 --threads 2
    /usr/bin/python3 torch_workloads.py list

Each command prints one line `PEER-RESULT {json}` that the Java runner (PeersCommand) reads.
Run it with Debian's /usr/bin/python3 (the `python3` on PATH may be another interpreter without torch),
and set OMP_NUM_THREADS / OPENBLAS_NUM_THREADS as the runner does: OpenBLAS reads them at load time.
"""
import argparse
import json
import math
import os
import re
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 0
POOL_BATCHES = 16   # batches per data pool, cycled through (as PeerData.POOL_BATCHES on the Java side)


# ------------------------------------------------------------------------------------------ models

def mlp5000():
    """5000-128-64-(64x5)-1 with ReLU (MlpWide.java)."""
    layers = [nn.Linear(5000, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU()]
    for _ in range(5):
        layers += [nn.Linear(64, 64), nn.ReLU()]
    layers.append(nn.Linear(64, 1))
    return nn.Sequential(*layers)


class CharGpt(nn.Module):
    """Token + position embeddings, 2 pre-LN blocks (GELU, dropout 0.1), final LayerNorm, head (CharGpt.java)."""

    def __init__(self, vocab=96, d=128, heads=4, ff=512, t=64, blocks=2):
        super().__init__()
        self.tok = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(t, d)
        self.blocks = nn.ModuleList([nn.TransformerEncoderLayer(d, heads, ff, dropout=0.1, activation="gelu",
                                                                batch_first=True, norm_first=True)
                                     for _ in range(blocks)])
        self.norm = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab)
        # torch 1.13 has no is_causal: a float mask with -inf above the diagonal.
        self.register_buffer("mask", torch.triu(torch.full((t, t), float("-inf")), diagonal=1))
        self.register_buffer("positions", torch.arange(t))

    def forward(self, idx):
        h = self.tok(idx) + self.pos(self.positions)
        for block in self.blocks:
            h = block(h, src_mask=self.mask)
        return self.head(self.norm(h))


class Recommender(nn.Module):
    """Collaborative branch (embeddings -> MLP with dropout), content branch (MLP with BatchNorm1d),
    mixed by a learnable sigmoid weight (Recommender.java)."""

    def __init__(self, users=507, items=211, dim=64, features=34):
        super().__init__()
        self.user = nn.Embedding(users, dim)
        self.item = nn.Embedding(items, dim)
        self.collab = nn.Sequential(
            nn.Linear(2 * dim, 128), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(128, 64), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(64, 32), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(32, 1))
        self.content = nn.Sequential(
            nn.Linear(features, 128), nn.BatchNorm1d(128), nn.ReLU(),
            nn.Linear(128, 64), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Linear(64, 32), nn.BatchNorm1d(32), nn.ReLU(),
            nn.Linear(32, 1))
        self.alpha = nn.Parameter(torch.zeros(1))

    def forward(self, users, items, features):
        a = torch.sigmoid(self.alpha)
        collab = self.collab(torch.cat([self.user(users), self.item(items)], dim=1))
        return a * collab + (1 - a) * self.content(features)


# ------------------------------------------------------------------------------------------ workloads
# Each factory returns (step, work_per_step, unit, latency); step() does one unit of work and returns a tensor.

def cycle(batches):
    state = {"i": 0}

    def nxt():
        b = batches[state["i"] % len(batches)]
        state["i"] += 1
        return b
    return nxt


def sparse_pool(batch, g):
    return [((torch.rand(batch, 5000, generator=g) < 0.02).float(), torch.randn(batch, 1, generator=g))
            for _ in range(POOL_BATCHES)]


def training_step(opt, batches, loss_of):
    """One optimizer step per call: the next batch from batches(), loss_of(*batch), backward, update."""
    def step():
        batch = batches()
        opt.zero_grad(set_to_none=True)
        loss = loss_of(*batch)
        loss.backward()
        opt.step()
        return loss
    return step


def train_mlp5000():
    g = torch.Generator().manual_seed(SEED)
    torch.manual_seed(SEED)
    model = mlp5000()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    nxt = cycle(sparse_pool(64, g))

    step = training_step(opt, nxt, lambda x, y: F.mse_loss(model(x), y))
    return step, 1.0, "steps/s", False


def train_mlp784(batch):
    def make():
        g = torch.Generator().manual_seed(SEED)
        torch.manual_seed(SEED)
        model = nn.Sequential(nn.Linear(784, 30), nn.Sigmoid(), nn.Linear(30, 10), nn.Sigmoid())
        opt = torch.optim.SGD(model.parameters(), lr=3.0)
        pool = []
        for _ in range(POOL_BATCHES):
            x = torch.rand(batch, 784, generator=g)
            y = F.one_hot(torch.randint(0, 10, (batch,), generator=g), 10).float()
            pool.append((x, y))
        nxt = cycle(pool)

        # the quadratic cost 1/(2n) sum ||a - y||^2 (Nielsen's network.py)
        step = training_step(opt, nxt, lambda x, y: (model(x) - y).pow(2).sum() / (2 * batch))
        return step, 1.0, "steps/s", False
    return make


def train_gpt():
    g = torch.Generator().manual_seed(SEED)
    torch.manual_seed(SEED)
    batch, t, vocab = 16, 64, 96
    model = CharGpt(vocab=vocab, t=t)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.01)
    pool = []
    for _ in range(POOL_BATCHES):
        seq = torch.randint(0, vocab, (batch, t + 1), generator=g)
        pool.append((seq[:, :t].contiguous(), seq[:, 1:].contiguous()))
    nxt = cycle(pool)

    step = training_step(opt, nxt, lambda x, y: F.cross_entropy(model(x).reshape(-1, vocab), y.reshape(-1)))
    return step, float(batch * t), "tokens/s", False


def train_recommender():
    g = torch.Generator().manual_seed(SEED)
    torch.manual_seed(SEED)
    batch = 256
    model = Recommender()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    pool = []
    for _ in range(POOL_BATCHES):
        pool.append((torch.randint(0, 507, (batch,), generator=g), torch.randint(0, 211, (batch,), generator=g),
                     torch.randn(batch, 34, generator=g), 1 + 4 * torch.rand(batch, 1, generator=g)))
    nxt = cycle(pool)

    step = training_step(opt, nxt, lambda u, i, f, r: F.mse_loss(model(u, i, f), r))
    return step, 1.0, "steps/s", False


def small_cnn():
    """The product-search image encoder (SmallCnn.java)."""
    return nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(32 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 10))


def train_cnn():
    g = torch.Generator().manual_seed(SEED)
    torch.manual_seed(SEED)
    batch = 64
    model = small_cnn()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    pool = [(torch.rand(batch, 1, 28, 28, generator=g), torch.randint(0, 10, (batch,), generator=g))
            for _ in range(POOL_BATCHES)]
    nxt = cycle(pool)

    step = training_step(opt, nxt, lambda x, y: F.cross_entropy(model(x), y))
    return step, 1.0, "steps/s", False


def infer_mlp5000(batch):
    def make():
        g = torch.Generator().manual_seed(SEED)
        torch.manual_seed(SEED)
        model = mlp5000().eval()
        nxt = cycle([x for x, _ in sparse_pool(batch, g)])

        def step():
            with torch.no_grad():
                return model(nxt())
        if batch == 1:
            return step, 1.0, "us", True
        return step, float(batch), "samples/s", False
    return make


def matmul(m, k, n, transposed):
    """[m, k] @ [k, n]; transposed: the right operand is a weight [n, k] used as W^T (a view, no copy)."""
    def make():
        g = torch.Generator().manual_seed(SEED)
        a = torch.randn(m, k, generator=g)
        b = torch.randn(n, k, generator=g) if transposed else torch.randn(k, n, generator=g)

        def step():
            return torch.mm(a, b.t() if transposed else b)
        return step, 2.0 * m * k * n / 1e9, "GFLOP/s", False
    return make


ADD_N = 16 * 1024 * 1024


def add(in_place):
    def make():
        g = torch.Generator().manual_seed(SEED)
        a = torch.randn(ADD_N, generator=g)
        b = torch.randn(ADD_N, generator=g)

        def step():
            return a.add_(b) if in_place else torch.add(a, b)
        # bytes moved: read a and b, write a (or the new result)
        return step, 3.0 * 4 * ADD_N / 1e9, "GB/s", False
    return make


WORKLOADS = {
    "mlp5000-train": train_mlp5000,
    "mlp784-b10": train_mlp784(10),
    "mlp784-b64": train_mlp784(64),
    "gpt-train": train_gpt,
    "recommender-train": train_recommender,
    "cnn-train": train_cnn,
    "mlp5000-infer-b1": infer_mlp5000(1),
    "mlp5000-infer-b256": infer_mlp5000(256),
    "matmul-256": matmul(256, 256, 256, False),
    "matmul-512": matmul(512, 512, 512, False),
    "matmul-1024": matmul(1024, 1024, 1024, False),
    "xwt-1x5000x128": matmul(1, 5000, 128, True),
    "xwt-64x5000x128": matmul(64, 5000, 128, True),
    "xwt-256x5000x128": matmul(256, 5000, 128, True),
    "xwt-1024x128x512": matmul(1024, 128, 512, True),
    "xwt-256x128x128": matmul(256, 128, 128, True),
    "add-inplace-16m": add(True),
    "add-alloc-16m": add(False),
}


# ------------------------------------------------------------------------------------------ timing

def measure(step, work, latency, warmup, samples, sample_time, max_steps):
    """Warm-up, then samples; returns (sample values, steps run, last result)."""
    last = None
    steps = 0
    start = time.perf_counter()
    while time.perf_counter() - start < warmup and (max_steps <= 0 or steps < max_steps):
        last = step()
        steps += 1
    values = []
    for _ in range(samples):
        t0 = time.perf_counter()
        prev = t0
        durations = []
        n = 0
        while True:
            last = step()
            now = time.perf_counter()
            durations.append(now - prev)
            prev = now
            n += 1
            if now - t0 >= sample_time or (max_steps > 0 and n >= max_steps):
                break
        steps += n
        values.append(statistics.median(durations) * 1e6 if latency else n * work / (prev - t0))
    return values, steps, last


def blas_libraries():
    """The BLAS/LAPACK/OpenMP shared objects this process has mapped (after a torch.mm)."""
    libs = []
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                name = os.path.basename(path)
                if ("blas" in name or "lapack" in name or "gomp" in name) and path not in libs:
                    libs.append(path)
    except OSError:
        pass
    return libs


def mm_gflops(n=1024, seconds=0.5):
    g = torch.Generator().manual_seed(SEED)
    a = torch.randn(n, n, generator=g)
    b = torch.randn(n, n, generator=g)
    torch.mm(a, b)
    k = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds or k < 2:
        torch.mm(a, b)
        k += 1
    return 2.0 * n ** 3 * k / (time.perf_counter() - t0) / 1e9


def config_value(pattern):
    """A value from torch's build configuration (torch.__config__.show()), or "" when absent."""
    m = re.search(pattern, torch.__config__.show())
    return m.group(1) if m else ""


def emit(obj):
    print("PEER-RESULT " + json.dumps(obj), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    info = sub.add_parser("info", help="versions, BLAS library and torch.mm GFLOP/s at n=1024")
    info.add_argument("--threads", type=int, default=1)
    sub.add_parser("list", help="the workload ids")
    run = sub.add_parser("run", help="time one workload")
    run.add_argument("--workload", required=True, choices=sorted(WORKLOADS))
    run.add_argument("--threads", type=int, default=1)
    run.add_argument("--warmup", type=float, default=1.0, help="warm-up seconds (default 1)")
    run.add_argument("--samples", type=int, default=7, help="samples (default 7)")
    run.add_argument("--sample-time", type=float, default=0.4, help="seconds per sample (default 0.4)")
    run.add_argument("--max-steps", type=int, default=0, help="cap on steps per phase (smoke runs); 0 = none")
    args = p.parse_args()

    if args.command == "list":
        print("\n".join(WORKLOADS))
        return 0
    if args.threads < 1:
        p.error("--threads must be >= 1, got %d" % args.threads)
    torch.set_num_threads(args.threads)
    if args.command == "info":
        gflops = mm_gflops()
        emit({"torch": torch.__version__, "python": sys.version.split()[0], "threads": torch.get_num_threads(),
              "blas": blas_libraries(), "mm1024_gflops": gflops,
              "blas_info": config_value(r"BLAS_INFO=(\w+)"),
              "cpu_capability": config_value(r"CPU capability usage: (\w+)")})
        return 0
    if args.samples < 1 or args.sample_time <= 0 or args.warmup < 0:
        p.error("--samples must be >= 1, --sample-time > 0 and --warmup >= 0")
    step, work, unit, latency = WORKLOADS[args.workload]()
    values, steps, last = measure(step, work, latency, args.warmup, args.samples, args.sample_time, args.max_steps)
    check = float(last.reshape(-1)[0]) if last is not None else float("nan")
    emit({"side": "torch", "workload": args.workload, "threads": torch.get_num_threads(), "unit": unit,
          "latency": latency, "samples": values, "median": statistics.median(values), "steps": steps,
          "check": check if math.isfinite(check) else str(check)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
