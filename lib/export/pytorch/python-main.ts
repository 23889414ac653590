/** The fixed parts of model.py: its header, the weights reader and the command line. */

/** The module docstring and imports. */
export const MODEL_PY_PRELUDE = (title: string): string => `"""${title.replaceAll('\\', '/').replaceAll('"""', "'''")}: a Multihead design as a PyTorch module.

    python model.py --check                        # load weights.safetensors, run a random batch
    python model.py --input in.json --out out.json # run on your inputs (JSON, as \`multihead run\`)

In Python: \`from model import load_model; model = load_model()\` (the weights next to this file, eval mode).
Needs only torch; the \`safetensors\` package is used when installed.
"""

import argparse
import json
import math
import os
import struct
import sys

import torch
import torch.nn.functional as F
from torch import nn`;

/** Loading the weights, turning JSON into tensors and back, and the command line. */
export const MODEL_PY_MAIN = `_DTYPES = {"F32": torch.float32, "F64": torch.float64, "I32": torch.int32, "I64": torch.int64}


def read_safetensors(path):
    """A small reader of the safetensors format (8-byte little-endian header size, JSON header, raw data)."""
    with open(path, "rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        dtype = _DTYPES[entry["dtype"]]
        flat = torch.frombuffer(bytearray(data[begin:end]), dtype=dtype) if end > begin else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"])
    return tensors


def load_weights(path):
    """The state dict in a .safetensors file: with the safetensors package when installed, else read_safetensors."""
    try:
        from safetensors.torch import load_file
    except ImportError:
        return read_safetensors(path)
    return load_file(path)


def load_model(path=os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.safetensors")):
    """A Model with the exported weights, in eval mode."""
    model = Model()
    model.load_state_dict(load_weights(path))
    return model.eval()


def to_inputs(values):
    """JSON inputs ({input name: nested lists}, or one nested list for a single input) as forward's arguments."""
    if not isinstance(values, dict):
        values = {MODEL_INPUTS[0]["name"]: values}
    args = []
    for spec in MODEL_INPUTS:
        if spec["name"] not in values:
            sys.exit(f"no values for input '{spec['name']}'")
        dtype = torch.long if spec["kind"] == "tokens" else torch.float32
        args.append(torch.tensor(values[spec["name"]], dtype=dtype))
    return args


def random_inputs(batch=2):
    g = torch.Generator().manual_seed(0)
    return [
        torch.randint(0, spec["vocab"], (batch, spec["seq_len"]), generator=g)
        if spec["kind"] == "tokens"
        else torch.randn(batch, spec["seq_len"], spec["features"], generator=g)
        for spec in MODEL_INPUTS
    ]


def to_json(output):
    outputs = output if isinstance(output, dict) else {MODEL_OUTPUTS[0]: output}
    return {"outputs": {name: {"shape": list(t.shape), "data": t.tolist()} for name, t in outputs.items()}}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", default=None, help="a .safetensors file (default: weights.safetensors next to this file)")
    parser.add_argument("--check", action="store_true", help="run a random batch and print the output shapes")
    parser.add_argument("--input", help="a JSON file of inputs")
    parser.add_argument("--out", help="where to write the outputs as JSON (default: stdout)")
    args = parser.parse_args(argv)
    model = load_model(args.weights) if args.weights else load_model()
    inputs = random_inputs() if args.check or not args.input else to_inputs(json.load(open(args.input)))
    with torch.no_grad():
        output = model(*inputs)
    if args.check:
        outputs = output if isinstance(output, dict) else {MODEL_OUTPUTS[0]: output}
        for name, t in outputs.items():
            print(f"{name}: {list(t.shape)}, finite: {bool(torch.isfinite(t).all())}")
        print(f"ok: {sum(p.numel() for p in model.parameters())} parameters loaded")
        return
    text = json.dumps(to_json(output))
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    else:
        print(text)


if __name__ == "__main__":
    main()`;
