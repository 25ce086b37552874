#!/usr/bin/python3
"""PyTorch cross-check fixtures for jgrad's nn module (layers, losses, optimizers, schedules,
gradient clipping, safetensors checkpoints), all in float32.

Writes, under nn/src/test/resources/fixtures/:

    torch_layers.json        layers: output, input and parameter gradients, state before/after
    torch_losses.json        losses: output and input gradient, every reduction
    torch_optim.json         optimizers (5 steps each), LR schedules, gradient clipping
    torch_mlp.safetensors    state_dict of Sequential(Linear(4,8), ReLU, Linear(8,3)), written by
                             this script's own safetensors writer (no safetensors package needed)
    torch_mlp_io.json        an input [5,4] and that model's output [5,3]

Java tests read these (Gson) and compare; the Java suite needs no Python. This script is only
for regenerating the committed files and for checking a jgrad-written checkpoint in PyTorch.

Usage (from the repository root; /usr/bin/python3 is Debian's interpreter that sees
python3-torch, see scripts/install-torch.sh):

    /usr/bin/python3 scripts/torch_nn_fixtures.py                # rewrite the fixtures
    /usr/bin/python3 scripts/torch_nn_fixtures.py --check        # exit 1 if a committed file
                                                                 # differs from a fresh run
    /usr/bin/python3 scripts/torch_nn_fixtures.py --verify-only  # only the interop check below
    /usr/bin/python3 scripts/torch_nn_fixtures.py --out-dir /tmp/fx   # write elsewhere

Interop check (every mode): if nn/target/interop/jgrad_mlp.safetensors and jgrad_mlp_io.json
exist (written by `mvn -pl nn test`), the checkpoint is read with this script's reader, loaded
into PyTorch's Sequential(Linear(4,8), ReLU, Linear(8,3)) with load_state_dict(strict=True), the
recorded input is run and the output must match jgrad's within 1e-5 relative to the largest
|output| (float32 sums in another order differ by a few ulps; a wrong weight by far more).
Failure exits 1; a missing file only prints a note.

Determinism: every case seeds torch.manual_seed(crc32("jgrad-nn:<case name>")) before building
its module (PyTorch's default init) and drawing its inputs, so cases are independent of each
other; one CPU thread; JSON floats are Python's repr of the float32 value widened to double
(exact: parse as double, cast to float, and you get the float32 back). Two runs give
byte-identical files.

------------------------------------------------------------------------------- JSON schema

Common: a tensor is {"shape": [ints], "dtype": "float32"|"int64"|"bool", "data": [flat
row-major values]}; shape [] is a scalar (data has one element); bool data is written 0/1.
A state dict is {"<PyTorch state_dict name>": tensor, ...} in PyTorch's order. Every JSON
file is an object with "format", "schema_version" (1), "generated_by", "regenerate", "torch_version",
"torch_package" (Debian package version), "conventions" ({topic: one-line note}) and the
fields below. Gradients are always those of (output * out_weight).sum().

torch_layers.json: {"cases": [case, ...]}, case =
  "name":         unique string
  "module":       Java class name (= PyTorch class name, except TransformerBlock and Residual)
  "args":         constructor arguments, PyTorch argument names:
      Linear {in_features, out_features, bias}; ReLU {}; LeakyReLU {negative_slope};
      Sigmoid {}; Tanh {}; GELU {approximate: "none"|"tanh"}; Softmax {dim};
      Dropout {p}; Flatten {start_dim, end_dim};
      BatchNorm1d {num_features, eps, momentum (null = cumulative average), affine,
                   track_running_stats};
      LayerNorm {normalized_shape: [ints], eps, elementwise_affine};
      Embedding {num_embeddings, embedding_dim, padding_idx (int or null)};
      MultiheadAttention {embed_dim, num_heads, bias, batch_first (always true)};
      TransformerBlock {d_model, nhead, dim_feedforward, activation: "gelu"|"relu",
                        layer_norm_eps} = nn.TransformerEncoderLayer(d_model, nhead,
                        dim_feedforward, dropout=0.0, activation, layer_norm_eps,
                        batch_first=True, norm_first=True) (pre-norm);
      Sequential {layers: [{"module", "args"}, ...]} (state names "0.weight", "2.bias", ...);
      Residual {inner: {"module", "args"}}: x + inner(x) (state names "inner.weight", ...)
  "expr":         the PyTorch construction and call, for humans
  "mode":         "train" | "eval" (module.train() / module.eval() before the forward)
  "state":        state dict before the forward (parameters and buffers, e.g. BatchNorm's
                  running_mean, running_var, num_batches_tracked (int64, shape []))
  "inputs":       list of tensors, positional forward arguments (MultiheadAttention:
                  [query, key, value], distinct leaf tensors even when equal in value; the
                  gradient for one tensor passed three times is the sum of the three)
  "key_padding_mask": (MultiheadAttention, TransformerBlock only) bool tensor [B, S],
                  True = this key is padding, ignore it (PyTorch's key_padding_mask /
                  src_key_padding_mask); null when not used
  "causal":       (MultiheadAttention, TransformerBlock only) true: query t attends to keys
                  <= t only (PyTorch: attn_mask / src_mask = triu(ones(T,T), 1) as bool)
  "output":       tensor (MultiheadAttention: attn_output only, need_weights=False)
  "attn_mask":    (MultiheadAttention, optional) float tensor [T, S] added to the scores
  "attention_weights": (MultiheadAttention only) tensor [B, H, T, S], the same call with
                  need_weights=True, average_attn_weights=False (per-head softmax weights)
  "out_weight":   float32 tensor of the output's shape
  "input_grads":  list aligned with inputs: tensor, or null for integer inputs
  "param_grads":  {parameter name: tensor} for every parameter (named_parameters())
  "state_after":  state dict after the forward (differs from "state" only for BatchNorm1d
                  in train mode with track_running_stats: running stats updated with the
                  unbiased batch variance, num_batches_tracked + 1)

torch_losses.json: {"cases": [case, ...]}, case =
  "name", "expr"
  "loss":         MSELoss | L1Loss | HuberLoss | CrossEntropyLoss | NLLLoss | BCELoss |
                  BCEWithLogitsLoss
  "args":         {} except HuberLoss {delta}; CrossEntropyLoss {ignore_index,
                  label_smoothing}; NLLLoss {ignore_index}
  "reduction":    "mean" | "sum" | "none"
  "input":        tensor (CrossEntropyLoss: logits [N,C]; NLLLoss: log-probabilities [N,C];
                  BCELoss: probabilities)
  "target":       tensor (int64 class indices [N] for CrossEntropyLoss / NLLLoss)
  "output":       tensor (shape [] for mean / sum)
  "out_weight":   tensor of the output's shape (a scalar for mean / sum)
  "input_grad":   tensor

torch_optim.json:
  "model":        {"module": "Sequential", "args": {"layers": [...]}} (Linear(4,5), Tanh,
                  Linear(5,3))
  "loss":         {"loss": "MSELoss", "reduction": "mean"}
  "initial_state": state dict, the start of every run below
  "x", "y":       tensors [6,4] and [6,3]: the one batch used at every step
  "optimizers":   [run, ...], run =
      "name", "optimizer" (SGD | Adam | AdamW | RMSprop),
      "args": all hyper-parameters, PyTorch names (SGD: lr, momentum, dampening,
              weight_decay, nesterov; Adam/AdamW: lr, betas [2], eps, weight_decay, amsgrad;
              RMSprop: lr, alpha, eps, weight_decay, momentum, centered),
      "param_groups": null, or [{"params": [state names], <all hyper-parameters>}, ...]
                      (then "args" are the constructor defaults and each group overrides),
      "steps": 5,
      "losses": [loss at each step, before its optimizer.step()],
      "params_after": [state dict after each optimizer.step()]
     Each step: zero_grad(); loss = MSELoss(model(x), y); loss.backward(); step().
  "schedules":    [run, ...], run =
      "name", "optimizer": "SGD", "optimizer_args": {lr 0.1, momentum 0, ...},
      "scheduler" (StepLR | ExponentialLR | CosineAnnealingLR | LinearLR | ReduceLROnPlateau),
      "args" (PyTorch names), "steps",
      "metrics": null, or the value passed to ReduceLROnPlateau.step(metric) after step i
                 (fixed numbers, not the loss, so that the plateau logic is exercised),
      "lrs": [lr used by optimizer.step() i], "last_lr": lr after the last scheduler step,
      "losses", "params_after" as above.
     Each step: the optimizer step above, then scheduler.step() (one step per epoch).
  "clip":         [case, ...], case =
      "name", "function": "clip_grad_norm_" | "clip_grad_value_",
      "args": {max_norm, norm_type (a number, or the string "Infinity")} | {clip_value},
      "grads": {parameter name: tensor}: the gradients after one backward of the loss from
               initial_state (the same for every case),
      "total_norm": the returned norm (float32 scalar, as a number), null for clip_grad_value_,
      "grads_after": {parameter name: tensor}
     PyTorch 1.13 clip_grad_norm_ scales every gradient by min(1, max_norm / (total_norm +
     1e-6)).

torch_mlp_io.json: {"architecture": str, "state_file": "torch_mlp.safetensors",
  "input": tensor [5,4], "output": tensor [5,3]}. jgrad writes nn/target/interop/
  jgrad_mlp_io.json with at least {"input": {shape, data}, "output": {shape, data}}.

safetensors (https://github.com/huggingface/safetensors): 8-byte little-endian u64 N, then N
bytes of UTF-8 JSON {"__metadata__": {str: str}, "<name>": {"dtype": "F32"|"F64"|"I32"|"I64"|
"BOOL", "shape": [ints], "data_offsets": [begin, end]}, ...} padded with spaces so that 8 + N
is a multiple of 8, then the raw little-endian tensor bytes, contiguous, in the order the
tensors appear in the header (offsets relative to the start of that data).

What PyTorch cannot give: Dropout in train mode with p > 0 draws its mask from PyTorch's RNG,
which jgrad does not reproduce, so Dropout is recorded in eval mode (identity) and in train
mode with p = 0 only.
"""
import argparse
import json
import math
import os
import struct
import subprocess
import sys
import zlib

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as e:  # one line, pointing at the installer
    sys.exit("torch_nn_fixtures.py: cannot import torch/numpy (%s); run scripts/install-torch.sh "
             "(as root) and call this script with /usr/bin/python3" % e)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(REPO, "nn", "src", "test", "resources", "fixtures")
INTEROP_DIR = os.path.join(REPO, "nn", "target", "interop")
REGENERATE = ("scripts/install-torch.sh (once, as root), then, from the repository root: "
              "/usr/bin/python3 scripts/torch_nn_fixtures.py")
MLP_ARCH = "Sequential(Linear(4,8), ReLU, Linear(8,3))"
INTEROP_RTOL = 1e-5
KINK_MARGIN = 0.05  # inputs stay this far from kinks (ReLU at 0, L1 at x == target, Huber)
HIDDEN_KINK_MARGIN = 1e-3  # pre-activations of a ReLU inside a block stay this far from 0

torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)
F32 = torch.float32


# ----------------------------------------------------------------------------- helpers

def seed(name):
    """Seeds torch's generator from the case name, so that cases do not depend on each other."""
    torch.manual_seed(zlib.crc32(("jgrad-nn:" + name).encode("utf-8")))


def uniform(shape, lo, hi, avoid=(), margin=KINK_MARGIN):
    """float32 U(lo, hi) of `shape`, every element at least `margin` from each point in avoid
    (elements too close are drawn again, from the same generator: deterministic)."""
    t = torch.rand(shape) * (hi - lo) + lo
    while True:
        bad = torch.zeros(shape, dtype=torch.bool)
        for a in avoid:
            bad |= (t - a).abs() < margin
        n = int(bad.sum())
        if n == 0:
            return t
        t[bad] = torch.rand(n) * (hi - lo) + lo


DTYPE_NAMES = {torch.float32: "float32", torch.int64: "int64", torch.bool: "bool"}


def tj(t):
    """Tensor -> {"shape", "dtype", "data"}; float32 values widened exactly to double."""
    t = t.detach()
    if t.dtype not in DTYPE_NAMES:
        raise ValueError("unsupported dtype %s" % t.dtype)
    flat = t.reshape(-1).tolist()
    if t.dtype == torch.float32:
        data = [float(v) for v in flat]
        if not all(math.isfinite(v) for v in data):
            raise ValueError("non-finite value in a fixture")
    else:
        data = [int(v) for v in flat]
    return {"shape": list(t.shape), "dtype": DTYPE_NAMES[t.dtype], "data": data}


def state_json(sd):
    return {k: tj(v) for k, v in sd.items()}


def state_copy(module):
    return {k: v.detach().clone() for k, v in module.state_dict().items()}


def torch_package_version():
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"],
                              capture_output=True, text=True, check=True).stdout.strip() \
            or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def header(fmt, conventions):
    return {
        "format": fmt,
        "schema_version": 1,
        "generated_by": "scripts/torch_nn_fixtures.py",
        "regenerate": REGENERATE,
        "torch_version": torch.__version__,
        "torch_package": torch_package_version(),
        "conventions": conventions,
    }


def dumps(o, ind=0):
    """JSON text: objects one key a line, but an object whose values are all scalars or lists
    of scalars (a tensor) and every list of scalars on one line (diff-friendly, compact)."""
    def scalar(v):
        return not isinstance(v, (dict, list))

    def flat(v):
        return scalar(v) or (isinstance(v, list) and all(scalar(x) for x in v))

    def one_line(v):
        return json.dumps(v, separators=(", ", ": "), allow_nan=False)

    pad, pad1 = " " * ind, " " * (ind + 1)
    if isinstance(o, dict):
        if not o or all(flat(v) for v in o.values()):
            return one_line(o)
        items = [pad1 + json.dumps(k) + ": " + dumps(v, ind + 1) for k, v in o.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(o, list):
        if flat(o):
            return one_line(o)
        return "[\n" + ",\n".join(pad1 + dumps(v, ind + 1) for v in o) + "\n" + pad + "]"
    return one_line(o)


def relu_margin_hook(tensors):
    """Forward hook that records a module's output (the pre-activation of a following ReLU)."""
    def hook(_module, _inputs, output):
        tensors.append(output.detach())
    return hook


def assert_away_from_zero(name, tensors):
    low = min(float(t.abs().min()) for t in tensors)
    assert low >= HIDDEN_KINK_MARGIN, \
        "%s: a ReLU pre-activation is %.2g from 0; change the case's seed name" % (name, low)


# ----------------------------------------------------------------------------- layers

LAYERS = []


def layer_case(name, module, args, make, input_specs, mode="train", expr="", fwd=None,
               randomise=None, attention=None, relu_inputs_of=()):
    """Records one layer case.

    make() builds the PyTorch module (after seeding); randomise(m) overwrites parts of its
    state with non-trivial values; input_specs() returns the input tensors (float inputs get
    requires_grad); fwd(m, *inputs) runs it (default m(*inputs)); attention is None or a dict
    {"key_padding_mask": tensor or None, "causal": bool}; relu_inputs_of lists submodules whose
    outputs feed a ReLU (checked to stay HIDDEN_KINK_MARGIN away from 0)."""
    assert name not in {c["name"] for c in LAYERS}, name
    seed(name)
    m = make()
    if randomise:
        with torch.no_grad():
            randomise(m)
    m.train(mode == "train")
    state = state_copy(m)
    inputs = [t.requires_grad_(t.is_floating_point()) for t in input_specs()]
    seen = []
    handles = [m.get_submodule(s).register_forward_hook(relu_margin_hook(seen))
               for s in relu_inputs_of]
    out = fwd(m, *inputs) if fwd else m(*inputs)
    for h in handles:
        h.remove()
    if relu_inputs_of:
        assert_away_from_zero(name, seen)
    w = uniform(list(out.shape), -1.0, 1.0)
    (out * w).sum().backward()
    c = {
        "name": name, "module": module, "args": args, "expr": expr, "mode": mode,
        "state": state_json(state),
        "inputs": [tj(t) for t in inputs],
    }
    if attention is not None:
        kpm = attention.get("key_padding_mask")
        c["key_padding_mask"] = tj(kpm) if kpm is not None else None
        c["causal"] = bool(attention.get("causal", False))
    c.update({
        "output": tj(out),
        "out_weight": tj(w),
        "input_grads": [tj(t.grad) if t.is_floating_point() else None for t in inputs],
        "param_grads": {k: tj(p.grad) for k, p in m.named_parameters()},
        "state_after": state_json(state_copy(m)),
    })
    LAYERS.append(c)
    return m, inputs, out


def linear_cases():
    for name, bias, shape in (("linear", True, [5, 3]), ("linear_no_bias", False, [5, 3]),
                              ("linear_3d", True, [2, 4, 3]),
                              ("linear_3d_no_bias", False, [2, 4, 3])):
        layer_case(name, "Linear", {"in_features": 3, "out_features": 4, "bias": bias},
                   lambda b=bias: nn.Linear(3, 4, bias=b),
                   lambda s=shape: [uniform(s, -2, 2)],
                   expr="nn.Linear(3, 4, bias=%s)(x)  # x %s" % (bias, shape))


def activation_cases():
    kinked = [0.0]
    simple = [
        ("relu", "ReLU", {}, lambda: nn.ReLU(), kinked, "nn.ReLU()(x)"),
        ("leaky_relu", "LeakyReLU", {"negative_slope": 0.1},
         lambda: nn.LeakyReLU(negative_slope=0.1), kinked, "nn.LeakyReLU(0.1)(x)"),
        ("leaky_relu_default", "LeakyReLU", {"negative_slope": 0.01},
         lambda: nn.LeakyReLU(), kinked, "nn.LeakyReLU()(x)  # negative_slope 0.01"),
        ("sigmoid", "Sigmoid", {}, lambda: nn.Sigmoid(), (), "nn.Sigmoid()(x)"),
        ("tanh", "Tanh", {}, lambda: nn.Tanh(), (), "nn.Tanh()(x)"),
        ("gelu", "GELU", {"approximate": "none"}, lambda: nn.GELU(approximate="none"), (),
         "nn.GELU(approximate='none')(x)  # erf form"),
        ("gelu_tanh", "GELU", {"approximate": "tanh"}, lambda: nn.GELU(approximate="tanh"), (),
         "nn.GELU(approximate='tanh')(x)"),
        ("softmax_dim1", "Softmax", {"dim": 1}, lambda: nn.Softmax(dim=1), (),
         "nn.Softmax(dim=1)(x)  # x [2,3,4]"),
        ("softmax_last", "Softmax", {"dim": -1}, lambda: nn.Softmax(dim=-1), (),
         "nn.Softmax(dim=-1)(x)  # x [2,3,4]"),
    ]
    for name, module, args, make, avoid, expr in simple:
        layer_case(name, module, args, make,
                   lambda a=avoid: [uniform([2, 3, 4], -3, 3, avoid=a)], expr=expr)
    layer_case("dropout_eval", "Dropout", {"p": 0.5}, lambda: nn.Dropout(p=0.5),
               lambda: [uniform([3, 4], -2, 2)], mode="eval",
               expr="nn.Dropout(0.5).eval()(x)  # identity")
    layer_case("dropout_p0_train", "Dropout", {"p": 0.0}, lambda: nn.Dropout(p=0.0),
               lambda: [uniform([3, 4], -2, 2)], mode="train",
               expr="nn.Dropout(0.0).train()(x)  # identity")


def randomise_batch_norm(m):
    c = m.num_features
    if m.affine:
        m.weight.copy_(uniform([c], 0.5, 1.5))
        m.bias.copy_(uniform([c], -0.5, 0.5))
    if m.track_running_stats:
        m.running_mean.copy_(uniform([c], -0.5, 0.5))
        m.running_var.copy_(uniform([c], 0.5, 1.5))
        m.num_batches_tracked.fill_(3)


def batch_norm_cases():
    C = 3
    variants = [
        # name, input shape, mode, momentum, affine, track_running_stats
        ("batchnorm1d_train", [4, C], "train", 0.1, True, True),
        ("batchnorm1d_eval", [4, C], "eval", 0.1, True, True),
        ("batchnorm1d_3d_train", [2, C, 4], "train", 0.1, True, True),
        ("batchnorm1d_3d_eval", [2, C, 4], "eval", 0.1, True, True),
        ("batchnorm1d_momentum_none_train", [4, C], "train", None, True, True),
        ("batchnorm1d_momentum_0_3_train", [2, C, 4], "train", 0.3, True, True),
        ("batchnorm1d_no_affine_train", [4, C], "train", 0.1, False, True),
        ("batchnorm1d_no_running_stats_train", [4, C], "train", 0.1, True, False),
        ("batchnorm1d_no_running_stats_eval", [2, C, 4], "eval", 0.1, True, False),
    ]
    for name, shape, mode, momentum, affine, track in variants:
        args = {"num_features": C, "eps": 1e-5, "momentum": momentum, "affine": affine,
                "track_running_stats": track}
        note = {"train": "batch statistics; running stats updated",
                "eval": "running statistics" if track else "batch statistics (no running "
                                                           "stats)"}[mode]
        if mode == "train" and not track:
            note = "batch statistics; no running stats"
        layer_case(name, "BatchNorm1d", args,
                   lambda a=args: nn.BatchNorm1d(**a),
                   lambda s=shape: [uniform(s, -2, 3)], mode=mode,
                   randomise=randomise_batch_norm,
                   expr="nn.BatchNorm1d(%d, eps=1e-5, momentum=%s, affine=%s, "
                        "track_running_stats=%s).%s()(x)  # x %s: %s"
                        % (C, momentum, affine, track, mode, shape, note))


def randomise_affine(m):
    """Non-trivial affine parameters (PyTorch initialises norms to ones / zeros)."""
    for k, p in m.named_parameters():
        if k.endswith("bias"):
            p.copy_(uniform(list(p.shape), -0.5, 0.5))
        elif k.startswith("norm") or k == "weight":
            p.copy_(uniform(list(p.shape), 0.5, 1.5))


def layer_norm_cases():
    for name, ns, affine in (("layernorm_last", [4], True),
                             ("layernorm_last_two", [3, 4], True),
                             ("layernorm_no_affine", [4], False)):
        args = {"normalized_shape": ns, "eps": 1e-5, "elementwise_affine": affine}
        layer_case(name, "LayerNorm", args,
                   lambda a=args: nn.LayerNorm(a["normalized_shape"], eps=a["eps"],
                                               elementwise_affine=a["elementwise_affine"]),
                   lambda: [uniform([2, 3, 4], -2, 3)], randomise=randomise_affine,
                   expr="nn.LayerNorm(%s, eps=1e-5, elementwise_affine=%s)(x)  # x [2,3,4]"
                        % (ns, affine))


def embedding_cases():
    idx = torch.tensor([[1, 3, 0], [4, 0, 3]], dtype=torch.int64)  # repeats; 0 = padding; 2 unused
    for name, pad in (("embedding", None), ("embedding_padding_idx", 0)):
        args = {"num_embeddings": 5, "embedding_dim": 4, "padding_idx": pad}
        layer_case(name, "Embedding", args, lambda p=pad: nn.Embedding(5, 4, padding_idx=p),
                   lambda: [idx.clone()],
                   expr="nn.Embedding(5, 4, padding_idx=%s)(idx)  # idx int64 [2,3]; repeated "
                        "indices accumulate; the padding row gets no gradient" % pad)

    def nonzero_pad_row(m):
        m.weight[0].copy_(uniform([4], -1, 1))

    args = {"num_embeddings": 5, "embedding_dim": 4, "padding_idx": 0}
    layer_case("embedding_padding_idx_loaded_row", "Embedding", args,
               lambda: nn.Embedding(5, 4, padding_idx=0), lambda: [idx.clone()],
               randomise=nonzero_pad_row,
               expr="nn.Embedding(5, 4, padding_idx=0)(idx)  # the padding row is NOT zero "
                    "(as after loading a checkpoint): the forward still reads it, no gradient")


def causal_mask(t):
    """PyTorch 1.13's bool attn_mask for causal attention: True = may NOT attend."""
    return torch.triu(torch.ones(t, t, dtype=torch.bool), 1)


def attention_cases():
    E, H, B, T = 8, 2, 2, 4
    kpm = torch.tensor([[False, False, False, True], [False, False, True, True]])

    def mha(bias=True):
        return nn.MultiheadAttention(E, H, bias=bias, batch_first=True)

    variants = [
        # name, bias, S (key length), kpm, causal, same q/k/v values
        ("mha", True, T, None, False, False),
        ("mha_self", True, T, None, False, True),
        ("mha_key_padding_mask", True, T, kpm, False, False),
        ("mha_causal", True, T, None, True, True),
        ("mha_no_bias", False, T, None, False, False),
        ("mha_cross_s3", True, 3, None, False, False),
    ]
    for name, bias, S, mask, causal, same in variants:
        def inputs(S=S, same=same):
            q = uniform([B, T, E], -1.5, 1.5)
            if same:
                return [q, q.clone(), q.clone()]
            return [q, uniform([B, S, E], -1.5, 1.5), uniform([B, S, E], -1.5, 1.5)]

        def fwd(m, q, k, v, mask=mask, causal=causal):
            return m(q, k, v, key_padding_mask=mask, need_weights=False,
                     attn_mask=causal_mask(q.shape[1]) if causal else None)[0]

        notes = []
        if same:
            notes.append("q, k, v equal values (self-attention), separate tensors")
        if S != T:
            notes.append("keys/values of length %d" % S)
        if mask is not None:
            notes.append("key_padding_mask: batch 0 ignores key 3, batch 1 keys 2-3")
        if causal:
            notes.append("attn_mask = triu(ones(4,4, bool), 1)")
        m, ins, _ = layer_case(name, "MultiheadAttention",
                   {"embed_dim": E, "num_heads": H, "bias": bias, "batch_first": True},
                   lambda b=bias: mha(b), inputs, fwd=fwd, randomise=randomise_affine,
                   attention={"key_padding_mask": mask, "causal": causal},
                   expr="nn.MultiheadAttention(%d, %d, bias=%s, batch_first=True)(q, k, v, "
                        "need_weights=False)[0]%s" % (E, H, bias,
                                                      "  # " + "; ".join(notes) if notes else ""))
        with torch.no_grad():
            _, weights = m(ins[0], ins[1], ins[2], key_padding_mask=mask, need_weights=True,
                           average_attn_weights=False,
                           attn_mask=causal_mask(ins[0].shape[1]) if causal else None)
        LAYERS[-1]["attention_weights"] = tj(weights)


def assert_fast_path_agrees(name, m, x, out, fwd):
    """With gradients recorded PyTorch 1.13 runs the eval case on its ordinary path; its
    inference fast path (eval, no grad, no src_mask: torch._transformer_encoder_layer_fwd)
    must give the same numbers for the recorded eval case to describe both."""
    calls = []
    original = torch._transformer_encoder_layer_fwd

    def spy(*a, **k):
        calls.append(1)
        return original(*a, **k)

    torch._transformer_encoder_layer_fwd = spy
    try:
        with torch.no_grad():
            fast = fwd(m, x.detach())
    finally:
        torch._transformer_encoder_layer_fwd = original
    assert calls, "%s: PyTorch did not take its fast path" % name
    assert torch.allclose(fast, out, rtol=1e-5, atol=1e-6), (name, (fast - out).abs().max())


def transformer_cases():
    D, H, FF, B, T = 8, 2, 16, 2, 4
    kpm = torch.tensor([[False, False, False, True], [False, False, True, True]])
    variants = [
        # name, activation, causal, key padding mask, mode
        ("transformer_block_gelu", "gelu", False, None, "train"),
        ("transformer_block_relu_causal", "relu", True, None, "train"),
        ("transformer_block_gelu_eval", "gelu", False, None, "eval"),
        ("transformer_block_key_padding_mask", "gelu", False, kpm, "train"),
    ]
    for name, act, causal, mask, mode in variants:
        args = {"d_model": D, "nhead": H, "dim_feedforward": FF, "activation": act,
                "layer_norm_eps": 1e-5}

        def make(act=act):
            return nn.TransformerEncoderLayer(D, H, FF, dropout=0.0, activation=act,
                                              layer_norm_eps=1e-5, batch_first=True,
                                              norm_first=True)

        def fwd(m, x, causal=causal, mask=mask):
            return m(x, src_mask=causal_mask(x.shape[1]) if causal else None,
                     src_key_padding_mask=mask)

        m, inputs, out = layer_case(
            name, "TransformerBlock", args, make, lambda: [uniform([B, T, D], -1.5, 1.5)],
            mode=mode, fwd=fwd, randomise=randomise_affine,
            attention={"key_padding_mask": mask, "causal": causal},
            relu_inputs_of=("linear1",) if act == "relu" else (),
            expr="nn.TransformerEncoderLayer(%d, %d, %d, dropout=0.0, activation='%s', "
                 "layer_norm_eps=1e-5, batch_first=True, norm_first=True).%s()(x%s%s)"
                 % (D, H, FF, act, mode, ", src_mask=triu(ones(4,4, bool), 1)" if causal else "",
                    ", src_key_padding_mask=mask" if mask is not None else ""))
        if mode == "eval":
            assert_fast_path_agrees(name, m, inputs[0], out, fwd)


def container_cases():
    layers = [{"module": "Linear", "args": {"in_features": 3, "out_features": 4, "bias": True}},
              {"module": "ReLU", "args": {}},
              {"module": "Linear", "args": {"in_features": 4, "out_features": 2, "bias": True}}]
    layer_case("sequential", "Sequential", {"layers": layers},
               lambda: nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2)),
               lambda: [uniform([5, 3], -2, 2)], relu_inputs_of=("0",),
               expr="nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))(x)  # x [5,3]")
    for name, start, end in (("flatten", 1, -1), ("flatten_0_1", 0, 1)):
        layer_case(name, "Flatten", {"start_dim": start, "end_dim": end},
                   lambda s=start, e=end: nn.Flatten(s, e),
                   lambda: [uniform([2, 3, 4], -2, 2)],
                   expr="nn.Flatten(%d, %d)(x)  # x [2,3,4]" % (start, end))

    class Residual(nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, x):
            return x + self.inner(x)

    layer_case("residual", "Residual",
               {"inner": {"module": "Linear",
                          "args": {"in_features": 4, "out_features": 4, "bias": True}}},
               lambda: Residual(nn.Linear(4, 4)), lambda: [uniform([3, 4], -2, 2)],
               expr="x + nn.Linear(4, 4)(x)  # x [3,4]; no PyTorch class, state 'inner.*'")


def conv_cases():
    def conv(a):
        return nn.Conv2d(a["in_channels"], a["out_channels"], a["kernel_size"], stride=a["stride"],
                         padding=a["padding"], dilation=a["dilation"], bias=a["bias"])

    for name, a, shape in (
            ("conv2d", {"in_channels": 2, "out_channels": 3, "kernel_size": [3, 3], "stride": [1, 1],
                        "padding": [1, 1], "dilation": [1, 1], "bias": True}, [2, 2, 5, 5]),
            ("conv2d_strided_no_bias", {"in_channels": 2, "out_channels": 3, "kernel_size": [3, 2],
                                        "stride": [2, 1], "padding": [0, 1], "dilation": [1, 1],
                                        "bias": False}, [2, 2, 6, 5]),
            ("conv2d_dilated", {"in_channels": 1, "out_channels": 2, "kernel_size": [2, 2],
                                "stride": [1, 1], "padding": [1, 0], "dilation": [2, 2], "bias": True},
             [1, 1, 5, 6])):
        layer_case(name, "Conv2d", a, lambda a=a: conv(a), lambda s=shape: [uniform(s, -2, 2)],
                   expr="nn.Conv2d(%d, %d, %s, stride=%s, padding=%s, dilation=%s, bias=%s)(x)  # x %s"
                        % (a["in_channels"], a["out_channels"], a["kernel_size"], a["stride"],
                           a["padding"], a["dilation"], a["bias"], shape))
    for name, a, shape in (
            ("max_pool2d", {"kernel_size": [2, 2], "stride": [2, 2], "padding": [0, 0]}, [2, 3, 4, 6]),
            ("max_pool2d_overlapping_padded", {"kernel_size": [3, 3], "stride": [2, 2],
                                               "padding": [1, 1]}, [1, 2, 5, 5])):
        layer_case(name, "MaxPool2d", a,
                   lambda a=a: nn.MaxPool2d(a["kernel_size"], stride=a["stride"], padding=a["padding"]),
                   lambda s=shape: [uniform(s, -2, 2)],
                   expr="nn.MaxPool2d(%s, stride=%s, padding=%s)(x)  # x %s; the gradient goes to the "
                        "first maximum of each window" % (a["kernel_size"], a["stride"], a["padding"], shape))
    layers = [{"module": "Conv2d", "args": {"in_channels": 1, "out_channels": 4, "kernel_size": [3, 3],
                                            "stride": [1, 1], "padding": [1, 1], "dilation": [1, 1],
                                            "bias": True}},
              {"module": "ReLU", "args": {}},
              {"module": "MaxPool2d", "args": {"kernel_size": [2, 2], "stride": [2, 2], "padding": [0, 0]}},
              {"module": "Flatten", "args": {"start_dim": 1, "end_dim": -1}},
              {"module": "Linear", "args": {"in_features": 16, "out_features": 3, "bias": True}}]
    layer_case("small_cnn", "Sequential", {"layers": layers},
               lambda: nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                     nn.Flatten(), nn.Linear(16, 3)),
               lambda: [uniform([2, 1, 4, 4], -2, 2)], relu_inputs_of=("0",),
               expr="nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), "
                    "nn.Flatten(), nn.Linear(16, 3))(x)  # x [2,1,4,4]")


def build_layers():
    del LAYERS[:]
    for group in (linear_cases, activation_cases, batch_norm_cases, layer_norm_cases,
                  embedding_cases, attention_cases, transformer_cases, container_cases, conv_cases):
        group()
    doc = header("jgrad-torch-nn-layers", {
        "tensors": "{shape, dtype, data}: flat row-major; shape [] is a scalar; bool as 0/1",
        "grads": "input_grads / param_grads are the gradients of (output * out_weight).sum()",
        "state": "state dicts use PyTorch's state_dict names and order; 'state' is loaded "
                 "before the forward, 'state_after' is the state after it",
        "mode": "module.train() or module.eval() before the forward",
        "dropout": "train mode with p > 0 uses PyTorch's RNG (not reproducible in jgrad): "
                   "only eval mode and p = 0 are recorded",
        "batchnorm": "train mode normalises with the biased batch variance and updates "
                     "running_var with the unbiased one; momentum null = cumulative average "
                     "(factor 1 / num_batches_tracked after its increment)",
        "attention": "key_padding_mask True = ignore that key; causal = triu(ones(T,T), 1) "
                     "bool attn_mask (True = may not attend); output is attn_output only",
        "transformer_block": "nn.TransformerEncoderLayer(..., dropout=0.0, batch_first=True, "
                             "norm_first=True): x + sa(norm1(x)), then + ff(norm2(.))",
        "kinks": "ReLU / LeakyReLU inputs and ReLU pre-activations inside blocks stay away "
                 "from 0 (>= %g inputs, >= %g hidden)" % (KINK_MARGIN, HIDDEN_KINK_MARGIN),
    })
    doc["cases"] = LAYERS
    return doc


# ----------------------------------------------------------------------------- losses

LOSSES = []
REDUCTIONS = ("mean", "sum", "none")


def loss_case(name, loss, args, reduction, fn, inp, target, expr):
    assert name not in {c["name"] for c in LOSSES}, name
    inp = inp.clone().requires_grad_(True)
    out = fn(inp, target)
    seed(name + "/out_weight")
    w = uniform(list(out.shape), 0.5, 1.5) if out.dim() == 0 \
        else uniform(list(out.shape), -1.0, 1.0)
    (out * w).sum().backward()
    LOSSES.append({
        "name": name, "loss": loss, "args": args, "reduction": reduction, "expr": expr,
        "input": tj(inp), "target": tj(target),
        "output": tj(out), "out_weight": tj(w), "input_grad": tj(inp.grad),
    })
    return out


def all_reductions(base, loss, args, make, data, describe):
    """One case per reduction; make(reduction) builds the PyTorch loss module."""
    seed(base)
    inp, target = data()
    for red in REDUCTIONS:
        loss_case("%s_%s" % (base, red), loss, args, red, make(red), inp, target,
                  "nn.%s(%sreduction='%s')(input, target)  # %s"
                  % (loss, "".join("%s=%r, " % kv for kv in args.items()), red, describe))


def away_from(target, avoid):
    """input = target + d with every d at least KINK_MARGIN from each point in avoid."""
    return target + uniform(list(target.shape), -2, 2, avoid=avoid)


def smoothed_ce_reference(logits, target, ignore_index, eps, reduction):
    """Cross-entropy with label smoothing written out (float64), to pin down what PyTorch does:
    per row (1 - eps) * nll + eps * mean_c(-log p_c); ignored rows 0; mean over kept rows."""
    logp = torch.log_softmax(logits.double(), dim=1)
    keep = target != ignore_index
    safe = torch.where(keep, target, torch.zeros_like(target))
    nll = -logp.gather(1, safe[:, None])[:, 0]
    smooth = -logp.mean(dim=1)
    per = torch.where(keep, (1 - eps) * nll + eps * smooth, torch.zeros_like(nll))
    if reduction == "none":
        return per
    return per.sum() / (keep.sum() if reduction == "mean" else 1)


def build_losses():
    del LOSSES[:]
    N, C = 4, 5
    all_reductions("mse", "MSELoss", {}, lambda r: nn.MSELoss(reduction=r),
                   lambda: (uniform([2, 3], -2, 2), uniform([2, 3], -2, 2)), "input, target [2,3]")

    def l1_data():
        t = uniform([2, 3], -2, 2)
        return away_from(t, [0.0]), t

    all_reductions("l1", "L1Loss", {}, lambda r: nn.L1Loss(reduction=r), l1_data,
                   "|input - target| >= %g" % KINK_MARGIN)
    for delta, tag in ((1.0, "huber"), (0.5, "huber_delta_0_5")):
        def huber_data(d=delta):
            t = uniform([3, 4], -2, 2)
            return away_from(t, [0.0, d, -d]), t

        all_reductions(tag, "HuberLoss", {"delta": delta},
                       lambda r, d=delta: nn.HuberLoss(reduction=r, delta=d), huber_data,
                       "|input - target| on both sides of delta, >= %g from delta and 0"
                       % KINK_MARGIN)

    ce_variants = [
        ("cross_entropy", [3, 0, 4, 1], -100, 0.0, "logits [4,5], class indices"),
        ("cross_entropy_ignore_index", [3, 2, 0, 2], 2, 0.0, "targets 2 are ignored"),
        ("cross_entropy_default_ignore_index", [3, -100, 0, 1], -100, 0.0,
         "target -100 is ignored (the default)"),
        ("cross_entropy_label_smoothing", [3, 0, 4, 1], -100, 0.1, "label_smoothing 0.1"),
        ("cross_entropy_ignore_index_label_smoothing", [3, 2, 0, 2], 2, 0.1,
         "targets 2 ignored, label_smoothing 0.1"),
    ]
    for base, tgt, ii, ls, describe in ce_variants:
        args = {"ignore_index": ii, "label_smoothing": ls}

        def ce_data(tgt=tgt):
            return uniform([N, C], -3, 3), torch.tensor(tgt, dtype=torch.int64)

        seed(base)
        logits, target = ce_data()
        for red in REDUCTIONS:
            out = loss_case("%s_%s" % (base, red), "CrossEntropyLoss", args, red,
                            nn.CrossEntropyLoss(ignore_index=ii, label_smoothing=ls,
                                                reduction=red), logits, target,
                            "nn.CrossEntropyLoss(ignore_index=%d, label_smoothing=%s, "
                            "reduction='%s')(logits, target)  # %s" % (ii, ls, red, describe))
            ref = smoothed_ce_reference(logits, target, ii, ls, red)
            assert torch.allclose(out.double(), ref, rtol=1e-5, atol=1e-6), (base, red)

    for base, tgt, ii, describe in (("nll", [3, 0, 4, 1], -100, "input log-probabilities"),
                                    ("nll_ignore_index", [3, 1, 0, 1], 1,
                                     "targets 1 are ignored")):
        def nll_data(tgt=tgt):
            return (torch.log_softmax(uniform([N, C], -3, 3), dim=1),
                    torch.tensor(tgt, dtype=torch.int64))

        all_reductions(base, "NLLLoss", {"ignore_index": ii},
                       lambda r, ii=ii: nn.NLLLoss(ignore_index=ii, reduction=r), nll_data,
                       describe)

    def bce_data():
        t = torch.cat([torch.tensor([1.0, 0.0, 1.0, 0.0]), uniform([4], 0, 1)]).reshape(2, 4)
        return uniform([2, 4], 0.05, 0.95), t

    all_reductions("bce", "BCELoss", {}, lambda r: nn.BCELoss(reduction=r), bce_data,
                   "input probabilities in (0.05, 0.95); hard and soft targets")

    def bce_logits_data():
        t = torch.cat([torch.tensor([1.0, 0.0, 1.0, 0.0]), uniform([4], 0, 1)]).reshape(2, 4)
        return uniform([2, 4], -4, 4), t

    all_reductions("bce_with_logits", "BCEWithLogitsLoss", {},
                   lambda r: nn.BCEWithLogitsLoss(reduction=r), bce_logits_data,
                   "input logits; hard and soft targets")
    doc = header("jgrad-torch-nn-losses", {
        "tensors": "{shape, dtype, data}: flat row-major; shape [] is a scalar",
        "grads": "input_grad is the gradient of (output * out_weight).sum(); out_weight is a "
                 "scalar for mean / sum",
        "cross_entropy": "mean divides by the number of non-ignored targets; label smoothing: "
                         "(1 - eps) * nll + eps * mean over classes of -log p, ignored rows 0",
        "kinks": "L1 and Huber inputs keep |input - target| >= %g from 0 and from delta"
                 % KINK_MARGIN,
    })
    doc["cases"] = LOSSES
    return doc


# ----------------------------------------------------------------------------- optimizers

HYPER = {
    "SGD": ("lr", "momentum", "dampening", "weight_decay", "nesterov"),
    "Adam": ("lr", "betas", "eps", "weight_decay", "amsgrad"),
    "AdamW": ("lr", "betas", "eps", "weight_decay", "amsgrad"),
    "RMSprop": ("lr", "alpha", "eps", "weight_decay", "momentum", "centered"),
}


def hyper_json(kind, d):
    out = {}
    for k in HYPER[kind]:
        v = d[k]
        out[k] = list(v) if isinstance(v, tuple) else v
    return out


class OptimSetup:
    """The model, batch and initial state shared by every optimizer, schedule and clip case."""

    def __init__(self):
        seed("optim/model")
        self.model = self.make()
        self.initial = state_copy(self.model)
        seed("optim/data")
        self.x = uniform([6, 4], -2, 2)
        self.y = uniform([6, 3], -1, 1)

    @staticmethod
    def make():
        return nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 3))

    def fresh(self):
        m = self.make()
        m.load_state_dict(self.initial)
        return m

    def loss(self, m):
        return F.mse_loss(m(self.x), self.y)


def run_steps(setup, m, opt, steps, scheduler=None, metrics=None):
    losses, lrs, states = [], [], []
    for i in range(steps):
        opt.zero_grad()
        loss = setup.loss(m)
        loss.backward()
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        losses.append(float(loss))
        states.append(state_json(state_copy(m)))
        if scheduler is not None:
            if metrics is not None:
                scheduler.step(metrics[i])
            else:
                scheduler.step()
    return losses, lrs, states


def build_optim():
    s = OptimSetup()
    O = torch.optim
    configs = [
        ("sgd", "SGD", {"lr": 0.1}),
        ("sgd_momentum", "SGD", {"lr": 0.1, "momentum": 0.9}),
        ("sgd_momentum_dampening", "SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.1}),
        ("sgd_nesterov", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
        ("sgd_weight_decay_momentum", "SGD", {"lr": 0.1, "momentum": 0.5, "weight_decay": 0.01}),
        ("adam", "Adam", {"lr": 1e-2}),
        ("adam_weight_decay", "Adam", {"lr": 1e-2, "weight_decay": 0.1}),
        # amsgrad with beta2 = 0.9: with the default 0.999 the second moment only grows over
        # 5 steps, so amsgrad's max changes the parameters by ~2e-6, below a float32
        # tolerance; with 0.9 it changes them by ~1e-3
        ("adam_amsgrad", "Adam", {"lr": 1e-2, "betas": (0.9, 0.9), "amsgrad": True}),
        ("adamw", "AdamW", {"lr": 1e-2, "weight_decay": 0.1}),
        ("adamw_amsgrad", "AdamW", {"lr": 1e-2, "betas": (0.9, 0.9), "amsgrad": True}),
        ("rmsprop", "RMSprop", {"lr": 1e-2}),
        ("rmsprop_momentum_centered", "RMSprop", {"lr": 1e-2, "momentum": 0.9, "centered": True}),
        ("rmsprop_weight_decay", "RMSprop", {"lr": 1e-2, "weight_decay": 0.1}),
    ]
    steps = 5
    runs = []
    for name, kind, kw in configs:
        m = s.fresh()
        opt = getattr(O, kind)(m.parameters(), **kw)
        losses, _, states = run_steps(s, m, opt, steps)
        runs.append({"name": name, "optimizer": kind, "args": hyper_json(kind, opt.defaults),
                     "param_groups": None, "steps": steps, "losses": losses,
                     "params_after": states})

    # parameter groups: per-group lr and momentum
    m = s.fresh()
    names = {id(p): k for k, p in m.named_parameters()}
    opt = O.SGD([{"params": m[0].parameters(), "lr": 0.1},
                 {"params": m[2].parameters(), "lr": 0.01, "momentum": 0.9}], lr=0.05)
    groups = [dict({"params": [names[id(p)] for p in g["params"]]}, **hyper_json("SGD", g))
              for g in opt.param_groups]
    losses, _, states = run_steps(s, m, opt, steps)
    runs.append({"name": "sgd_param_groups", "optimizer": "SGD",
                 "args": hyper_json("SGD", opt.defaults), "param_groups": groups,
                 "steps": steps, "losses": losses, "params_after": states})

    S = O.lr_scheduler
    sched_configs = [
        ("step_lr", "StepLR", {"step_size": 2, "gamma": 0.5}, 6, None),
        ("exponential_lr", "ExponentialLR", {"gamma": 0.9}, 6, None),
        ("cosine_annealing_lr", "CosineAnnealingLR", {"T_max": 4, "eta_min": 0.001}, 6, None),
        ("linear_lr_warmup", "LinearLR",
         {"start_factor": 0.1, "end_factor": 1.0, "total_iters": 3}, 6, None),
        ("reduce_lr_on_plateau", "ReduceLROnPlateau",
         {"mode": "min", "factor": 0.5, "patience": 1, "threshold": 1e-4,
          "threshold_mode": "rel", "cooldown": 0, "min_lr": 0, "eps": 1e-8}, 8,
         [1.0, 0.9, 0.95, 0.96, 0.8, 0.85, 0.86, 0.87]),
    ]
    schedules = []
    for name, kind, kw, n, metrics in sched_configs:
        m = s.fresh()
        opt = O.SGD(m.parameters(), lr=0.1, momentum=0)
        sched = getattr(S, kind)(opt, **kw)
        losses, lrs, states = run_steps(s, m, opt, n, sched, metrics)
        schedules.append({"name": name, "optimizer": "SGD",
                          "optimizer_args": hyper_json("SGD", opt.defaults),
                          "scheduler": kind, "args": kw, "steps": n, "metrics": metrics,
                          "lrs": lrs, "last_lr": opt.param_groups[0]["lr"],
                          "losses": losses, "params_after": states})
    check_schedules(schedules)

    # gradient clipping on the gradients of one backward from the initial state
    def grads_after_backward():
        m = s.fresh()
        s.loss(m).backward()
        return m

    base = grads_after_backward()
    grads = {k: tj(p.grad) for k, p in base.named_parameters()}
    gmax = max(float(p.grad.abs().max()) for p in base.parameters())
    gnorm = float(torch.linalg.vector_norm(torch.cat([p.grad.reshape(-1)
                                                      for p in base.parameters()])))
    clip_configs = [
        ("clip_grad_norm_2", "clip_grad_norm_", {"max_norm": 0.5, "norm_type": 2.0}),
        ("clip_grad_norm_inf", "clip_grad_norm_", {"max_norm": 0.1, "norm_type": math.inf}),
        ("clip_grad_norm_not_reached", "clip_grad_norm_", {"max_norm": 100.0, "norm_type": 2.0}),
        ("clip_grad_value", "clip_grad_value_", {"clip_value": 0.05}),
    ]
    # the cases must actually clip (or, for "not_reached", not)
    assert gnorm > 0.5 and gmax > 0.1 and gnorm < 100, (gnorm, gmax)
    clips = []
    for name, fn, kw in clip_configs:
        m = grads_after_backward()
        total = getattr(nn.utils, fn)(m.parameters(), **kw)
        args = dict(kw)
        if args.get("norm_type") == math.inf:
            args["norm_type"] = "Infinity"
        clips.append({"name": name, "function": fn, "args": args, "grads": grads,
                      "total_norm": float(total) if total is not None else None,
                      "grads_after": {k: tj(p.grad) for k, p in m.named_parameters()}})
    n_small = sum(int((p.grad.abs() < 0.05).sum()) for p in base.parameters())
    assert 0 < n_small < sum(p.numel() for p in base.parameters())  # clip_value cuts some only

    doc = header("jgrad-torch-nn-optim", {
        "tensors": "{shape, dtype, data}: flat row-major; shape [] is a scalar",
        "step": "zero_grad(); loss = MSELoss(mean)(model(x), y); backward(); step(); then "
                "scheduler.step() (or step(metrics[i])) for schedules",
        "losses": "the loss computed at step i, before that step's update",
        "lrs": "param_groups[0]['lr'] used by optimizer step i (before scheduler.step())",
        "args": "all hyper-parameters under PyTorch's names; torch 1.13 defaults filled in",
        "clip": "clip_grad_norm_ multiplies every gradient by min(1, max_norm / (total_norm + "
                "1e-6)); norm_type 'Infinity' = max |g|",
        "lr_schedule_float": "PyTorch 1.13 updates CosineAnnealingLR and LinearLR with their "
                             "recursive (chainable) formulas; the closed forms agree to 1e-12",
    })
    doc.update({
        "model": {"module": "Sequential", "args": {"layers": [
            {"module": "Linear", "args": {"in_features": 4, "out_features": 5, "bias": True}},
            {"module": "Tanh", "args": {}},
            {"module": "Linear", "args": {"in_features": 5, "out_features": 3, "bias": True}}]}},
        "loss": {"loss": "MSELoss", "reduction": "mean"},
        "initial_state": state_json(s.initial),
        "x": tj(s.x), "y": tj(s.y),
        "optimizers": runs,
        "schedules": schedules,
        "clip": clips,
    })
    return doc


def check_schedules(schedules):
    """The recorded lrs against the closed forms, to document what PyTorch computed."""
    by = {r["name"]: r for r in schedules}
    lr0 = 0.1
    expect = {
        "step_lr": [lr0 * 0.5 ** (t // 2) for t in range(6)],
        "exponential_lr": [lr0 * 0.9 ** t for t in range(6)],
        "cosine_annealing_lr": [0.001 + (lr0 - 0.001) * (1 + math.cos(math.pi * t / 4)) / 2
                                for t in range(6)],
        "linear_lr_warmup": [lr0 * (0.1 + 0.9 * min(t, 3) / 3) for t in range(6)],
        "reduce_lr_on_plateau": [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025],
    }
    for name, lrs in expect.items():
        got = by[name]["lrs"]
        assert all(abs(a - b) <= 1e-12 for a, b in zip(got, lrs)) and len(got) == len(lrs), \
            (name, got, lrs)


# ----------------------------------------------------------------------------- safetensors

ST_DTYPES = {  # safetensors name: (torch dtype, numpy little-endian dtype)
    "F32": (torch.float32, "<f4"), "F64": (torch.float64, "<f8"),
    "I32": (torch.int32, "<i4"), "I64": (torch.int64, "<i8"), "BOOL": (torch.bool, "|b1"),
}
ST_NAMES = {v[0]: k for k, v in ST_DTYPES.items()}


def safetensors_bytes(tensors, metadata):
    """Serialises {name: tensor} (in dict order) with {str: str} metadata."""
    head = {"__metadata__": dict(metadata)}
    chunks, offset = [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        if t.dtype not in ST_NAMES:
            raise ValueError("safetensors: unsupported dtype %s for %r" % (t.dtype, name))
        raw = t.numpy().astype(ST_DTYPES[ST_NAMES[t.dtype]][1], copy=False).tobytes()
        head[name] = {"dtype": ST_NAMES[t.dtype], "shape": list(t.shape),
                      "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(head, separators=(",", ":")).encode("utf-8")
    text += b" " * (-(8 + len(text)) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def read_safetensors(blob, where="safetensors"):
    """bytes -> ({name: tensor}, metadata); strict: offsets contiguous, sizes as declared."""
    if len(blob) < 8:
        raise ValueError("%s: %d bytes, shorter than the 8-byte header length" % (where, len(blob)))
    (n,) = struct.unpack("<Q", blob[:8])
    if 8 + n > len(blob):
        raise ValueError("%s: header length %d past the end of the file (%d bytes)"
                         % (where, n, len(blob)))
    head = json.loads(blob[8:8 + n].decode("utf-8"))
    metadata = head.pop("__metadata__", {}) or {}
    data = blob[8 + n:]
    entries = sorted(head.items(), key=lambda kv: kv[1]["data_offsets"][0])
    tensors, expect = {}, 0
    for name, e in entries:
        if e["dtype"] not in ST_DTYPES:
            raise ValueError("%s: tensor %r has unsupported dtype %r" % (where, name, e["dtype"]))
        dt, npdt = ST_DTYPES[e["dtype"]]
        b, end = e["data_offsets"]
        count = 1
        for d in e["shape"]:
            count *= d
        if b != expect or end - b != count * np.dtype(npdt).itemsize or end > len(data):
            raise ValueError("%s: tensor %r: data_offsets %s do not fit (expected start %d, "
                             "%d bytes, %d data bytes)" % (where, name, e["data_offsets"], expect,
                                                           count * np.dtype(npdt).itemsize,
                                                           len(data)))
        arr = np.frombuffer(data, dtype=npdt, count=count, offset=b).reshape(e["shape"]).copy()
        tensors[name] = torch.from_numpy(arr).to(dt)
        expect = end
    if expect != len(data):
        raise ValueError("%s: %d trailing bytes after the last tensor" % (where, len(data) - expect))
    order = [k for k in head]  # the header's order, as written
    return {k: tensors[k] for k in order}, metadata


def make_mlp():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))


def build_mlp():
    seed("mlp")
    m = make_mlp()
    sd = state_copy(m)
    blob = safetensors_bytes(sd, {"format": "pt", "architecture": MLP_ARCH})
    back, meta = read_safetensors(blob, "torch_mlp.safetensors")  # self-check of the format code
    assert list(back) == list(sd) and meta == {"format": "pt", "architecture": MLP_ARCH}
    for k in sd:
        assert back[k].dtype == sd[k].dtype and torch.equal(back[k], sd[k]), k
    x = uniform([5, 4], -2, 2)
    with torch.no_grad():
        out = m(x)
    io = header("jgrad-torch-nn-mlp-io", {
        "model": "PyTorch %s, state in torch_mlp.safetensors (names 0.weight, 0.bias, "
                 "2.weight, 2.bias); output = model(input)" % MLP_ARCH,
    })
    io.update({"architecture": MLP_ARCH, "state_file": "torch_mlp.safetensors",
               "input": tj(x), "output": tj(out)})
    return blob, io


# ----------------------------------------------------------------------------- interop check

def verify_jgrad_checkpoint():
    """Loads jgrad's checkpoint into PyTorch and compares outputs; False on failure."""
    st = os.path.join(INTEROP_DIR, "jgrad_mlp.safetensors")
    io_path = os.path.join(INTEROP_DIR, "jgrad_mlp_io.json")
    if not (os.path.exists(st) and os.path.exists(io_path)):
        print("jgrad-written checkpoint: %s not found; run `mvn -pl nn test` first to check "
              "that PyTorch loads it" % os.path.relpath(st if not os.path.exists(st) else io_path,
                                                        REPO))
        return True
    try:
        with open(st, "rb") as f:
            tensors, _ = read_safetensors(f.read(), st)
        with open(io_path, encoding="utf-8") as f:
            io = json.load(f)
        wrong = {k: ST_NAMES[t.dtype] for k, t in tensors.items() if t.dtype != F32}
        if wrong:  # load_state_dict would convert silently
            raise ValueError("tensors not F32: %s" % wrong)
        m = make_mlp()
        m.load_state_dict(tensors, strict=True)
        x = torch.tensor(io["input"]["data"], dtype=F32).reshape(io["input"]["shape"])
        expected = torch.tensor(io["output"]["data"], dtype=F32).reshape(io["output"]["shape"])
        with torch.no_grad():
            got = m(x)
        if got.shape != expected.shape:
            raise ValueError("output shape %s, jgrad recorded %s"
                             % (list(got.shape), list(expected.shape)))
        diff = float((got - expected).abs().max())
        bound = INTEROP_RTOL * max(float(expected.abs().max()), 1e-30)
        if not diff <= bound:
            raise ValueError("outputs differ: max |torch - jgrad| = %.3g > %.3g (1e-5 x max "
                             "|output|)" % (diff, bound))
    except Exception as e:  # noqa: BLE001 - any failure is reported the same way
        print("jgrad-written checkpoint %s: FAILED: %s: %s"
              % (os.path.relpath(st, REPO), type(e).__name__, e), file=sys.stderr)
        return False
    print("jgrad-written checkpoint: loads in PyTorch, outputs match (max diff %.3g, "
          "bound %.3g)" % (diff, bound))
    return True


# ----------------------------------------------------------------------------- main

def build_all():
    """{file name: bytes}, in a fixed order."""
    files = {}
    for fname, build in (("torch_layers.json", build_layers), ("torch_losses.json", build_losses),
                         ("torch_optim.json", build_optim)):
        files[fname] = (dumps(build()) + "\n").encode("utf-8")
    blob, io = build_mlp()
    files["torch_mlp.safetensors"] = blob
    files["torch_mlp_io.json"] = (dumps(io) + "\n").encode("utf-8")
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out-dir", default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="do not write; exit 1 if a file in --out-dir differs from a fresh run")
    mode.add_argument("--verify-only", action="store_true",
                      help="only check that PyTorch loads jgrad's checkpoint "
                           "(nn/target/interop/jgrad_mlp.safetensors)")
    a = ap.parse_args()
    ok = True
    if not a.verify_only:
        files = build_all()
        if a.check:
            stale = []
            for fname, data in files.items():
                path = os.path.join(a.out_dir, fname)
                try:
                    with open(path, "rb") as f:
                        same = f.read() == data
                except FileNotFoundError:
                    same = False
                if not same:
                    stale.append(path)
            for path in stale:
                print("%s: DIFFERS from a fresh run (regenerate: %s)"
                      % (os.path.relpath(path, REPO), REGENERATE), file=sys.stderr)
            if stale:
                ok = False
            else:
                print("%s: %d files up to date" % (os.path.relpath(a.out_dir, REPO), len(files)))
        else:
            os.makedirs(a.out_dir, exist_ok=True)
            for fname, data in files.items():
                with open(os.path.join(a.out_dir, fname), "wb") as f:
                    f.write(data)
            print("wrote %s: %s (%d layer cases, %d loss cases), torch %s"
                  % (os.path.relpath(a.out_dir, REPO), ", ".join(files), len(LAYERS), len(LOSSES),
                     torch.__version__))
    ok = verify_jgrad_checkpoint() and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
