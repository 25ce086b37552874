"""Writes torch_written.safetensors, the PyTorch-side fixture of SafetensorsTorchFixtureTest.

Run with PyTorch and the safetensors package (made with torch 1.13, safetensors 0.8.0):
    python3 make_torch_written.py
"""
import torch
from safetensors.torch import save_file

tensors = {
    "fc.weight": torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4 - 0.5,
    "fc.bias": torch.tensor([0.1, -0.2], dtype=torch.float64),
    "mask": torch.tensor([True, False, True]),
    "ids": torch.tensor([1, -2, 2147483647], dtype=torch.int32),
    "steps": torch.tensor(2**53 + 1, dtype=torch.int64),
    "empty": torch.zeros(0, 2),
}
save_file(tensors, "torch_written.safetensors", metadata={"format": "pt", "epoch": "3"})
