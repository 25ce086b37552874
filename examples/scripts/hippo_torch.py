#!/usr/bin/env python3
"""The network of ./jgrad hippo in PyTorch, for comparison: [784, 30, 10], sigmoid, quadratic cost
C = 1/2 ||y - a||^2 averaged over the mini-batch, plain SGD (lr 3.0, mini-batch 10), N(0, 1) weights and
biases, the training data shuffled every epoch, test accuracy after each epoch.

    /usr/bin/python3 examples/scripts/hippo_torch.py [IDX_FOLDER] [EPOCHS] [SEED]
      (default: /usr/share/datasets/fashion-mnist from scripts/install-learners.sh, 30 epochs, seed 1)

Same data and hyperparameters as jgrad's run; not the same random draws (each library has its own generator).
"""
import gzip
import os
import struct
import sys
import time

import torch


def idx(path):
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    _, _, kind, ndims = struct.unpack(">BBBB", data[:4])
    shape = struct.unpack(">" + "I" * ndims, data[4:4 + 4 * ndims])
    return torch.frombuffer(bytearray(data[4 + 4 * ndims:]), dtype=torch.uint8).reshape(shape)


def find(folder, stem):
    """The IDX file `stem` in `folder`, raw or gzipped (as jgrad's MnistSource looks for it)."""
    for name in (stem, stem + ".gz"):
        if os.path.isfile(os.path.join(folder, name)):
            return os.path.join(folder, name)
    sys.exit(f"hippo_torch.py: no {stem} (or {stem}.gz) in {folder}")


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    torch.manual_seed(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    torch.set_num_threads(1)
    x = idx(find(folder, "train-images-idx3-ubyte"))[:50000].reshape(-1, 784).float() / 255
    y = idx(find(folder, "train-labels-idx1-ubyte"))[:50000].long()
    tx = idx(find(folder, "t10k-images-idx3-ubyte")).reshape(-1, 784).float() / 255
    ty = idx(find(folder, "t10k-labels-idx1-ubyte")).long()
    onehot = torch.nn.functional.one_hot(y, 10).float()
    sizes = [784, 30, 10]
    ws = [torch.randn(o, i, requires_grad=True) for i, o in zip(sizes[:-1], sizes[1:])]
    bs = [torch.randn(o, requires_grad=True) for o in sizes[1:]]
    opt = torch.optim.SGD(ws + bs, lr=3.0)

    def forward(a):
        for w, b in zip(ws, bs):
            a = torch.sigmoid(a @ w.t() + b)
        return a

    print(f"torch {torch.__version__}: [784, 30, 10], sigmoid, quadratic cost, SGD lr 3.0, mini-batch 10, {folder}")
    print("epoch   test correct   accuracy   seconds")
    for epoch in range(1, epochs + 1):
        t0 = time.perf_counter()
        order = torch.randperm(x.shape[0])
        for s in range(0, x.shape[0] - 9, 10):
            i = order[s:s + 10]
            opt.zero_grad()
            cost = ((forward(x[i]) - onehot[i]) ** 2).sum() / (2 * 10)
            cost.backward()
            opt.step()
        with torch.no_grad():
            correct = int((forward(tx).argmax(1) == ty).sum())
        print(f"{epoch:5d}   {correct:6d} / {len(ty)}   {100 * correct / len(ty):7.2f}%   {time.perf_counter() - t0:7.2f}",
              flush=True)


if __name__ == "__main__":
    main()
