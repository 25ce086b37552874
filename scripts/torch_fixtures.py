#!/usr/bin/python3
"""PyTorch cross-check fixtures for jgrad's composite ops (outputs and gradients, float64).

Writes ONE file, autograd/src/test/resources/fixtures/torch_composites.json, which a Java test
reads (Gson) and compares, within a float64 tolerance, against jgrad's composites. The Java test
suite needs no Python; this script is only for regenerating the committed fixture.

Regenerate (from the repository root; /usr/bin/python3 is Debian's interpreter, the one that sees
python3-torch; a `python3` found first on PATH, e.g. pyenv's, may not have torch):

    sudo scripts/install-torch.sh            # once: apt-get install python3-torch python3-numpy
    /usr/bin/python3 scripts/torch_fixtures.py            # rewrites the fixture
    /usr/bin/python3 scripts/torch_fixtures.py --check    # exit 1 if the committed file differs
    /usr/bin/python3 scripts/torch_fixtures.py --out /tmp/x.json   # write elsewhere

Determinism: inputs come from Python's `random.Random`, seeded per case with the string
"jgrad:<case name>" (Python guarantees the `random()` stream across versions), rounded to 4
decimals; all math is float64 on one CPU thread; JSON floats are Python's shortest round-trip
repr. Two runs give byte-identical files. Every case is also checked with
torch.autograd.gradcheck, which fails if an input sits too close to a kink.

JSON schema (all tensors: "shape" is a list of ints, [] for a scalar; "data" is the flat
row-major list of values; float values are float64):

{
  "format": "jgrad-torch-fixtures",
  "schema_version": 1,
  "generated_by": "scripts/torch_fixtures.py",
  "regenerate": "<how to regenerate, one line>",
  "torch_version": "<torch.__version__>",
  "torch_package": "<Debian python3-torch version, or 'unknown'>",
  "conventions": {"<topic>": "<one-line explanation>", ...},
  "cases": [
    {
      "name": "cross_entropy_label_smoothing",      # unique
      "op": "torch.nn.functional.cross_entropy",    # the PyTorch function (qualified name)
      "expr": "F.cross_entropy(x, target, label_smoothing=0.1)",   # the exact call, for humans
      "args": {"label_smoothing": 0.1, ...},        # non-tensor arguments (scalars, strings,
                                                    # bools, int lists such as normalized_shape)
      "inputs": [                                   # tensor arguments, in call order
        {"name": "x", "shape": [4, 5], "dtype": "float64", "requires_grad": true,
         "data": [...]},
        {"name": "target", "shape": [4], "dtype": "int64", "requires_grad": false,
         "data": [...]}                             # dtype: "float64" | "int64" | "bool"
      ],                                            # (bool data is written as 0/1)
      "weight": {"shape": [...], "data": [...]},    # w, same shape as output: the gradients
                                                    # are those of (output * w).sum()
      "output": {"shape": [...], "data": [...]},
      "grads": {"x": {"shape": [...], "data": [...]}, ...},   # one per requires_grad input
      "extra": {}                                   # e.g. batch_norm: "running_mean",
                                                    # "running_var" after the update
    }, ...
  ]
}
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys

try:
    import torch
    import torch.nn.functional as F
except ImportError as e:  # one line, pointing at the installer
    sys.exit("torch_fixtures.py: cannot import torch (%s); run scripts/install-torch.sh "
             "(as root) and call this script with /usr/bin/python3" % e)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(REPO, "autograd", "src", "test", "resources", "fixtures",
                           "torch_composites.json")
REGENERATE = ("scripts/install-torch.sh (once, as root), then, from the repository root: "
              "/usr/bin/python3 scripts/torch_fixtures.py")
DECIMALS = 4
MARGIN = 0.1  # distance kept from kinks (abs/relu/leaky_relu at 0, clamp bounds, l1 at x=target)

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
F64 = torch.float64


# ----------------------------------------------------------------------------- input generation

def numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def uniform(rng, shape, lo, hi, avoid=(), margin=MARGIN):
    """Flat list of rounded U(lo, hi) values, each at least `margin` from every point in avoid."""
    out = []
    while len(out) < numel(shape):
        v = round(lo + (hi - lo) * rng.random(), DECIMALS)
        if all(abs(v - a) >= margin for a in avoid):
            out.append(v)
    return out


def integers(rng, shape, lo, hi):
    """Flat list of ints in [lo, hi)."""
    return [lo + int(rng.random() * (hi - lo)) for _ in range(numel(shape))]


class In:
    """One tensor argument: name, shape, flat data, dtype, requires_grad."""

    def __init__(self, name, shape, data, dtype="float64", grad=True):
        assert len(data) == numel(shape), (name, shape, len(data))
        self.name, self.shape, self.data, self.dtype = name, list(shape), list(data), dtype
        self.grad = grad and dtype == "float64"

    def tensor(self):
        dt = {"float64": torch.float64, "int64": torch.int64, "bool": torch.bool}[self.dtype]
        t = torch.tensor(self.data, dtype=dt).reshape(self.shape)
        return t.requires_grad_(self.grad)

    def json(self):
        data = [int(v) for v in self.data] if self.dtype in ("int64", "bool") \
            else [float(v) for v in self.data]
        return {"name": self.name, "shape": self.shape, "dtype": self.dtype,
                "requires_grad": self.grad, "data": data}


def tensor_json(t):
    t = t.detach()
    data = [float(v) for v in t.reshape(-1).tolist()]
    for v in data:
        if not math.isfinite(v):
            raise ValueError("non-finite value in fixture")
    return {"shape": list(t.shape), "data": data}


# ----------------------------------------------------------------------------- case machinery

CASES = []


def case(name, op, expr, fn, inputs, args=None, extra=None):
    """Runs fn(*tensors) (PyTorch), backward of (out * w).sum(), gradcheck; records one case.

    fn takes the input tensors in the order of `inputs`; extra(tensors) returns the "extra"
    dict after the forward (e.g. running stats updated in place)."""
    assert name not in {c["name"] for c in CASES}, name
    rng = random.Random("jgrad:%s/weight" % name)
    tensors = [i.tensor() for i in inputs]
    out = fn(*tensors)
    w = torch.tensor(uniform(rng, list(out.shape), -1.0, 1.0), dtype=F64).reshape(out.shape)
    (out * w).sum().backward()
    grads = {i.name: tensor_json(t.grad) for i, t in zip(inputs, tensors) if i.grad}
    ext = extra(tensors) if extra else {}

    # gradcheck in float64: catches inputs sitting on a kink (and fixture plumbing mistakes)
    diff = [k for k, i in enumerate(inputs) if i.grad]

    def f(*dv):
        ts = [i.tensor().detach() for i in inputs]
        for k, v in zip(diff, dv):
            ts[k] = v
        return fn(*ts)

    dv = tuple(inputs[k].tensor() for k in diff)
    assert torch.autograd.gradcheck(f, dv, eps=1e-6, atol=1e-5, rtol=1e-4), name

    CASES.append({
        "name": name, "op": op, "expr": expr, "args": args or {},
        "inputs": [i.json() for i in inputs],
        "weight": tensor_json(w),
        "output": tensor_json(out),
        "grads": grads,
        "extra": {k: tensor_json(v) for k, v in ext.items()},
    })


def R(name):
    return random.Random("jgrad:" + name)


# ----------------------------------------------------------------------------- the cases

def elementwise():
    r = R("sub")
    case("sub_broadcast", "torch.sub", "torch.sub(x, y)  # y [3] broadcasts over x [2,3]",
         torch.sub, [In("x", [2, 3], uniform(r, [2, 3], -2, 2)),
                     In("y", [3], uniform(r, [3], -2, 2))])
    r = R("neg")
    case("neg", "torch.neg", "torch.neg(x)", torch.neg,
         [In("x", [2, 3], uniform(r, [2, 3], -2, 2))])
    r = R("div")
    case("div_broadcast", "torch.div", "torch.div(x, y)  # y [2,1] broadcasts over x [2,3]",
         torch.div, [In("x", [2, 3], uniform(r, [2, 3], -2, 2)),
                     In("y", [2, 1], uniform(r, [2, 1], -2, 2, avoid=[0], margin=0.5))])
    r = R("abs")
    case("abs", "torch.abs", "torch.abs(x)", torch.abs,
         [In("x", [3, 4], uniform(r, [3, 4], -2, 2, avoid=[0]))])
    r = R("pow_scalar")
    case("pow_scalar", "torch.pow", "torch.pow(x, 3.0)", lambda x: torch.pow(x, 3.0),
         [In("x", [2, 3], uniform(r, [2, 3], -2, 2))], args={"exponent": 3.0})
    r = R("pow_scalar_frac")
    case("pow_scalar_frac", "torch.pow", "torch.pow(x, 2.5)  # positive base",
         lambda x: torch.pow(x, 2.5),
         [In("x", [2, 3], uniform(r, [2, 3], 0.2, 2))], args={"exponent": 2.5})
    r = R("pow_scalar_negative")
    case("pow_scalar_negative", "torch.pow", "torch.pow(x, -1.5)  # positive base",
         lambda x: torch.pow(x, -1.5),
         [In("x", [2, 3], uniform(r, [2, 3], 0.5, 2))], args={"exponent": -1.5})
    r = R("pow_tensor")
    case("pow_tensor", "torch.pow", "torch.pow(x, y)  # positive base, gradient for both",
         torch.pow, [In("x", [2, 3], uniform(r, [2, 3], 0.5, 2)),
                     In("y", [2, 3], uniform(r, [2, 3], -1.5, 2.5))])
    r = R("sqrt")
    case("sqrt", "torch.sqrt", "torch.sqrt(x)", torch.sqrt,
         [In("x", [2, 3], uniform(r, [2, 3], 0.2, 3))])
    r = R("exp")
    case("exp", "torch.exp", "torch.exp(x)", torch.exp,
         [In("x", [2, 3], uniform(r, [2, 3], -2, 2))])
    r = R("log")
    case("log", "torch.log", "torch.log(x)", torch.log,
         [In("x", [2, 3], uniform(r, [2, 3], 0.2, 3))])
    r = R("clamp")
    # values on both sides of both bounds and inside, each >= 0.1 away from the bounds
    while True:
        xs = uniform(r, [3, 4], -1.5, 1.5, avoid=[-0.5, 0.5])
        if any(v < -0.5 for v in xs) and any(v > 0.5 for v in xs) \
                and any(-0.5 < v < 0.5 for v in xs):
            break
    case("clamp", "torch.clamp", "torch.clamp(x, min=-0.5, max=0.5)",
         lambda x: torch.clamp(x, min=-0.5, max=0.5),
         [In("x", [3, 4], xs)], args={"min": -0.5, "max": 0.5})


def activations():
    r = R("sigmoid")
    case("sigmoid", "torch.sigmoid", "torch.sigmoid(x)", torch.sigmoid,
         [In("x", [2, 3], uniform(r, [2, 3], -4, 4))])
    r = R("tanh")
    case("tanh", "torch.tanh", "torch.tanh(x)", torch.tanh,
         [In("x", [2, 3], uniform(r, [2, 3], -3, 3))])
    r = R("relu")
    case("relu", "torch.nn.functional.relu", "F.relu(x)", F.relu,
         [In("x", [3, 4], uniform(r, [3, 4], -2, 2, avoid=[0]))])
    r = R("leaky_relu")
    case("leaky_relu", "torch.nn.functional.leaky_relu", "F.leaky_relu(x, negative_slope=0.1)",
         lambda x: F.leaky_relu(x, negative_slope=0.1),
         [In("x", [3, 4], uniform(r, [3, 4], -2, 2, avoid=[0]))], args={"negative_slope": 0.1})
    r = R("gelu")
    case("gelu", "torch.nn.functional.gelu", "F.gelu(x)  # exact, erf form",
         lambda x: F.gelu(x, approximate="none"),
         [In("x", [3, 4], uniform(r, [3, 4], -3, 3))], args={"approximate": "none"})
    r = R("gelu_tanh")
    case("gelu_tanh", "torch.nn.functional.gelu", "F.gelu(x, approximate='tanh')",
         lambda x: F.gelu(x, approximate="tanh"),
         [In("x", [3, 4], uniform(r, [3, 4], -3, 3))], args={"approximate": "tanh"})
    r = R("softplus")
    case("softplus", "torch.nn.functional.softplus", "F.softplus(x)  # beta=1, threshold=20",
         F.softplus, [In("x", [2, 3], uniform(r, [2, 3], -3, 3))],
         args={"beta": 1.0, "threshold": 20.0})
    case("softplus_large", "torch.nn.functional.softplus",
         "F.softplus(x)  # large |x|: a naive log(1 + exp(x)) overflows",
         F.softplus, [In("x", [2, 3], [-100.0, -50.0, -30.0, 30.0, 50.0, 100.0])],
         args={"beta": 1.0, "threshold": 20.0})


def reductions():
    r = R("softmax")
    case("softmax", "torch.softmax", "torch.softmax(x, dim=-1)",
         lambda x: torch.softmax(x, dim=-1),
         [In("x", [3, 4], uniform(r, [3, 4], -3, 3))], args={"dim": -1})
    case("softmax_large", "torch.softmax",
         "torch.softmax(x, dim=-1)  # large logits: needs max subtraction",
         lambda x: torch.softmax(x, dim=-1),
         [In("x", [2, 3], [1000.0, 1001.0, 999.5, -1000.0, -1002.0, -999.0])], args={"dim": -1})
    r = R("log_softmax")
    case("log_softmax", "torch.log_softmax", "torch.log_softmax(x, dim=-1)",
         lambda x: torch.log_softmax(x, dim=-1),
         [In("x", [3, 4], uniform(r, [3, 4], -3, 3))], args={"dim": -1})
    r = R("logsumexp")
    case("logsumexp", "torch.logsumexp", "torch.logsumexp(x, dim=-1)",
         lambda x: torch.logsumexp(x, dim=-1),
         [In("x", [3, 4], uniform(r, [3, 4], -3, 3))], args={"dim": -1, "keepdim": False})
    case("logsumexp_large", "torch.logsumexp",
         "torch.logsumexp(x, dim=-1)  # large values: needs max subtraction",
         lambda x: torch.logsumexp(x, dim=-1),
         [In("x", [2, 3], [1000.0, 1001.0, 999.5, -1000.0, -1002.0, -999.0])],
         args={"dim": -1, "keepdim": False})
    r = R("mean_dim")
    case("mean_dim", "torch.mean", "torch.mean(x, dim=1)", lambda x: torch.mean(x, dim=1),
         [In("x", [2, 3, 4], uniform(r, [2, 3, 4], -2, 2))], args={"dim": 1, "keepdim": False})
    r = R("mean_all")
    case("mean_all", "torch.mean", "torch.mean(x)", torch.mean,
         [In("x", [2, 3], uniform(r, [2, 3], -2, 2))])
    for corr in (1, 0):
        r = R("var_correction%d" % corr)
        case("var_correction%d" % corr, "torch.var", "torch.var(x, dim=-1, correction=%d)" % corr,
             lambda x, c=corr: torch.var(x, dim=-1, correction=c),
             [In("x", [3, 4], uniform(r, [3, 4], -2, 2))],
             args={"dim": -1, "correction": corr, "keepdim": False})
    r = R("var_dim0")
    case("var_dim0", "torch.var", "torch.var(x, dim=0, correction=1)",
         lambda x: torch.var(x, dim=0, correction=1),
         [In("x", [3, 4], uniform(r, [3, 4], -2, 2))],
         args={"dim": 0, "correction": 1, "keepdim": False})
    r = R("std")
    case("std", "torch.std", "torch.std(x, dim=-1, correction=1)",
         lambda x: torch.std(x, dim=-1, correction=1),
         [In("x", [3, 4], uniform(r, [3, 4], -2, 2))],
         args={"dim": -1, "correction": 1, "keepdim": False})
    r = R("std_correction0")
    case("std_correction0", "torch.std", "torch.std(x, dim=-1, correction=0)",
         lambda x: torch.std(x, dim=-1, correction=0),
         [In("x", [3, 4], uniform(r, [3, 4], -2, 2))],
         args={"dim": -1, "correction": 0, "keepdim": False})
    r = R("norm")
    case("norm", "torch.linalg.vector_norm", "torch.linalg.vector_norm(x)  # 2-norm, all elements",
         lambda x: torch.linalg.vector_norm(x, ord=2),
         [In("x", [3, 4], uniform(r, [3, 4], -2, 2))], args={"ord": 2})


def nn_functions():
    r = R("linear")
    case("linear", "torch.nn.functional.linear", "F.linear(x, weight, bias)  # weight [out, in]",
         F.linear, [In("x", [2, 4], uniform(r, [2, 4], -2, 2)),
                    In("weight", [3, 4], uniform(r, [3, 4], -1, 1)),
                    In("bias", [3], uniform(r, [3], -1, 1))])
    r = R("linear_3d")
    case("linear_3d", "torch.nn.functional.linear",
         "F.linear(x, weight, bias)  # x [2,3,4], weight [5,4]",
         F.linear, [In("x", [2, 3, 4], uniform(r, [2, 3, 4], -2, 2)),
                    In("weight", [5, 4], uniform(r, [5, 4], -1, 1)),
                    In("bias", [5], uniform(r, [5], -1, 1))])
    r = R("layer_norm")
    case("layer_norm", "torch.nn.functional.layer_norm",
         "F.layer_norm(x, [4], weight, bias, eps=1e-5)",
         lambda x, w, b: F.layer_norm(x, [4], w, b, eps=1e-5),
         [In("x", [2, 3, 4], uniform(r, [2, 3, 4], -2, 2)),
          In("weight", [4], uniform(r, [4], 0.5, 1.5)),
          In("bias", [4], uniform(r, [4], -0.5, 0.5))],
         args={"normalized_shape": [4], "eps": 1e-5})
    for name, shape in (("batch_norm", [4, 3]), ("batch_norm_3d", [2, 3, 4])):
        r = R(name)
        c = shape[1]
        case(name, "torch.nn.functional.batch_norm",
             "F.batch_norm(x, running_mean, running_var, weight, bias, training=True, "
             "momentum=0.1, eps=1e-5)  # x %s; running stats updated in place "
             "(running_var with the unbiased batch variance), see extra" % shape,
             lambda x, rm, rv, w, b: F.batch_norm(x, rm, rv, w, b, training=True,
                                                  momentum=0.1, eps=1e-5),
             [In("x", shape, uniform(r, shape, -2, 3)),
              In("running_mean", [c], uniform(r, [c], -0.5, 0.5), grad=False),
              In("running_var", [c], uniform(r, [c], 0.5, 1.5), grad=False),
              In("weight", [c], uniform(r, [c], 0.5, 1.5)),
              In("bias", [c], uniform(r, [c], -0.5, 0.5))],
             args={"training": True, "momentum": 0.1, "eps": 1e-5},
             extra=lambda ts: {"running_mean": ts[1], "running_var": ts[2]})
    r = R("embedding")
    case("embedding", "torch.nn.functional.embedding",
         "F.embedding(indices, weight)  # repeated indices accumulate; row 2 unused",
         F.embedding, [In("indices", [2, 3], [1, 3, 1, 4, 0, 3], dtype="int64"),
                       In("weight", [5, 4], uniform(r, [5, 4], -1, 1))])


def attention():
    """softmax(q k^T / sqrt(D) + mask) v, written out: torch 1.13 has no
    F.scaled_dot_product_attention (checked against it when present)."""

    def sdpa(q, k, v, attn_mask=None, is_causal=False):
        s = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
        if is_causal:
            t_q, t_k = s.shape[-2], s.shape[-1]
            s = s.masked_fill(torch.ones(t_q, t_k, dtype=torch.bool).triu(1), float("-inf"))
        if attn_mask is not None:  # bool: True = may attend (F.scaled_dot_product_attention)
            s = s.masked_fill(~attn_mask, float("-inf"))
        out = torch.softmax(s, dim=-1) @ v
        if hasattr(F, "scaled_dot_product_attention"):
            ref = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask, is_causal=is_causal)
            assert torch.allclose(out, ref, rtol=1e-12, atol=1e-12)
        return out

    B, T, D = 2, 3, 4
    op = "torch.nn.functional.scaled_dot_product_attention"
    for name, causal in (("sdpa", False), ("sdpa_causal", True)):
        r = R(name)
        case(name, op, "softmax(q @ k.mT / sqrt(D)%s) @ v  # == F.scaled_dot_product_attention"
             "(q, k, v, is_causal=%s)" % (" + causal mask" if causal else "", causal),
             lambda q, k, v, c=causal: sdpa(q, k, v, is_causal=c),
             [In(n, [B, T, D], uniform(r, [B, T, D], -1.5, 1.5)) for n in ("q", "k", "v")],
             args={"is_causal": causal, "scale": 1 / math.sqrt(D)})
    r = R("sdpa_padding_mask")
    case("sdpa_padding_mask", op,
         "softmax(q @ k.mT / sqrt(D) + where(mask, 0, -inf)) @ v  # == F.scaled_dot_product_"
         "attention(q, k, v, attn_mask=mask); mask [B,1,T] bool, True = attend, broadcasts "
         "over queries; batch 0 pads the last key, batch 1 the last two",
         lambda q, k, v, m: sdpa(q, k, v, attn_mask=m),
         [In(n, [B, T, D], uniform(r, [B, T, D], -1.5, 1.5)) for n in ("q", "k", "v")]
         + [In("mask", [B, 1, T], [1, 1, 0, 1, 0, 0], dtype="bool")],
         args={"is_causal": False, "scale": 1 / math.sqrt(D)})


def losses():
    r = R("mse_loss")
    case("mse_loss", "torch.nn.functional.mse_loss", "F.mse_loss(x, target)  # reduction='mean'",
         F.mse_loss, [In("x", [2, 3], uniform(r, [2, 3], -2, 2)),
                      In("target", [2, 3], uniform(r, [2, 3], -2, 2))],
         args={"reduction": "mean"})
    r = R("l1_loss")
    tgt = uniform(r, [2, 3], -2, 2)
    xs = [uniform(r, [1], -2, 2, avoid=[t])[0] for t in tgt]  # |x - target| >= 0.1
    case("l1_loss", "torch.nn.functional.l1_loss", "F.l1_loss(x, target)  # reduction='mean'",
         F.l1_loss, [In("x", [2, 3], xs), In("target", [2, 3], tgt)],
         args={"reduction": "mean"})

    N, C = 4, 5
    ce = "torch.nn.functional.cross_entropy"
    variants = [
        ("cross_entropy", [3, 0, 4, 1], {}),
        ("cross_entropy_sum", [3, 0, 4, 1], {"reduction": "sum"}),
        ("cross_entropy_none", [3, 0, 4, 1], {"reduction": "none"}),
        ("cross_entropy_ignore_index", [3, 2, 0, 2], {"ignore_index": 2}),
        ("cross_entropy_label_smoothing", [3, 0, 4, 1], {"label_smoothing": 0.1}),
        ("cross_entropy_ignore_index_label_smoothing", [3, 2, 0, 2],
         {"ignore_index": 2, "label_smoothing": 0.1}),
    ]
    for name, target, kw in variants:
        r = R(name)
        args = {"reduction": "mean", "ignore_index": -100, "label_smoothing": 0.0}
        args.update(kw)
        call = ", ".join("%s=%r" % kv for kv in sorted(kw.items()))
        case(name, ce, "F.cross_entropy(x, target%s)  # x: logits [N,C], target: class indices"
             % (", " + call if call else ""),
             lambda x, t, kw=kw: F.cross_entropy(x, t, **kw),
             [In("x", [N, C], uniform(r, [N, C], -3, 3)),
              In("target", [N], target, dtype="int64")], args=args)

    for name, target, kw in (("nll_loss", [3, 0, 4, 1], {}),
                             ("nll_loss_ignore_index", [3, -100, 0, 2], {})):
        r = R(name)
        logits = torch.tensor(uniform(r, [N, C], -3, 3)).reshape(N, C)
        logp = [round(v, DECIMALS) for v in torch.log_softmax(logits, -1).reshape(-1).tolist()]
        case(name, "torch.nn.functional.nll_loss",
             "F.nll_loss(x, target)  # x: log-probabilities [N,C]; default ignore_index=-100",
             F.nll_loss, [In("x", [N, C], logp), In("target", [N], target, dtype="int64")],
             args={"reduction": "mean", "ignore_index": -100})

    r = R("binary_cross_entropy")
    case("binary_cross_entropy", "torch.nn.functional.binary_cross_entropy",
         "F.binary_cross_entropy(p, target)  # p: probabilities; reduction='mean'",
         F.binary_cross_entropy,
         [In("p", [2, 3], uniform(r, [2, 3], 0.05, 0.95)),
          In("target", [2, 3], [1.0, 0.0, 1.0] + uniform(r, [3], 0, 1))],
         args={"reduction": "mean"})
    r = R("binary_cross_entropy_with_logits")
    case("binary_cross_entropy_with_logits",
         "torch.nn.functional.binary_cross_entropy_with_logits",
         "F.binary_cross_entropy_with_logits(x, target)  # reduction='mean'",
         F.binary_cross_entropy_with_logits,
         [In("x", [2, 3], uniform(r, [2, 3], -4, 4)),
          In("target", [2, 3], [0.0, 1.0, 1.0] + uniform(r, [3], 0, 1))],
         args={"reduction": "mean"})
    case("binary_cross_entropy_with_logits_large",
         "torch.nn.functional.binary_cross_entropy_with_logits",
         "F.binary_cross_entropy_with_logits(x, target, reduction='none')  # |x| up to 100, "
         "confidently right and wrong: a naive sigmoid-then-log gives inf/nan",
         lambda x, t: F.binary_cross_entropy_with_logits(x, t, reduction="none"),
         [In("x", [2, 4], [-100.0, -50.0, 50.0, 100.0, 100.0, -100.0, 50.0, -50.0]),
          In("target", [2, 4], [0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0])],
         args={"reduction": "none"})


# ----------------------------------------------------------------------------- main

def torch_package_version():
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"],
                              capture_output=True, text=True, check=True).stdout.strip() \
            or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def build():
    for group in (elementwise, activations, reductions, nn_functions, attention, losses):
        group()
    return {
        "format": "jgrad-torch-fixtures",
        "schema_version": 1,
        "generated_by": "scripts/torch_fixtures.py",
        "regenerate": REGENERATE,
        "torch_version": torch.__version__,
        "torch_package": torch_package_version(),
        "conventions": {
            "data": "flat row-major values; shape [] is a scalar",
            "dtype": "float64 everywhere; int64 for class indices and embedding indices; "
                     "bool (written as 0/1) for attention masks",
            "grads": "gradient of (output * weight).sum() w.r.t. each input with "
                     "requires_grad true; 'weight' (top level) has the output's shape",
            "inputs": "tensor arguments in the order of the PyTorch call; non-tensor "
                      "arguments are in args",
            "kinks": "inputs stay >= 0.1 from kinks (abs/relu/leaky_relu at 0, clamp "
                     "bounds, l1_loss at x == target); every case passed "
                     "torch.autograd.gradcheck",
            "attention": "scaled_dot_product_attention is written out as softmax(q k^T / "
                         "sqrt(D) + mask) v; bool mask True = attend; causal masks keys "
                         "after the query",
        },
        "cases": CASES,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT, help="output file (default: the fixture)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the output file differs from a fresh run")
    a = ap.parse_args()
    text = json.dumps(build(), indent=1, allow_nan=False) + "\n"
    if a.check:
        try:
            with open(a.out, encoding="utf-8") as f:
                same = f.read() == text
        except FileNotFoundError:
            same = False
        print("%s: %s" % (a.out, "up to date" if same else "DIFFERS from a fresh run"))
        sys.exit(0 if same else 1)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote %s: %d cases, torch %s" % (os.path.relpath(a.out), len(CASES), torch.__version__))


if __name__ == "__main__":
    main()
