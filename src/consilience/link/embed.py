"""Word and sentence vectors from WordLlama (``wordllama`` on PyPI), loaded lazily, once per process.

Why WordLlama: its wheel ships everything it needs (a 16 MB table of 256-d
token vectors, ``weights/l2_supercat_256.safetensors``, and its tokenizer
file), runs on CPU with numpy (no torch, no ONNX runtime) and embeds a
thousand sentences in a few hundredths of a CPU second.  A text's vector is
the average of its token vectors, L2-normalised.

What linking uses it for, by measurement on ECB+ (``bench/eval_linking.py``,
fitted on ``ecbplus/train``): the similarity of two event triggers that are
different words (launch/start/begin, carry/bring, registration/register),
which lifts cross-document event coreference; sentence vectors for stories
and claims did not beat the lexical similarity there, so they are off unless
asked for (``LinkSettings.sentence_embeddings``).

Nothing is downloaded: the files are read from the installed package (the
package's own ``WordLlama.load`` looks for its tokenizer in a folder the
wheel does not have and would then try to fetch it, so it is not called).
Without the package, :func:`available` says why and linking is lexical.
Nothing is loaded at import time.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from consilience.errors import ConsilienceError

__all__ = ["Embedder", "EmbedderUnavailable", "available", "get_embedder", "model_files"]

MODEL_ID = "WordLlama l2_supercat 256-d (wordllama 0.4.0.post1)"
DIM = 256
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
#: Tokens of a text that count (WordLlama's own limit is 512).
MAX_TOKENS = 512


class EmbedderUnavailable(ConsilienceError):
    """The embedding package or one of its files is not installed."""

    code = "C211"


def model_files(root: str | Path | None = None) -> tuple[Path, Path]:
    """(weights, tokenizer) inside the installed ``wordllama`` package (or ``root``)."""
    if root is None:
        try:
            import wordllama
        except ImportError as exc:
            raise EmbedderUnavailable(
                "the embedding package is not installed: pip install wordllama==0.4.0.post1") from exc
        root = Path(wordllama.__file__).parent
    root = Path(root)
    weights, tokenizer = root / WEIGHTS, root / TOKENIZER
    for path in (weights, tokenizer):
        if not path.is_file():
            raise EmbedderUnavailable(f"{path}: file missing from the wordllama package; reinstall wordllama")
    return weights, tokenizer


def available(root: str | Path | None = None) -> tuple[bool, str]:
    """Whether vectors can be computed here, and if not, why."""
    try:
        model_files(root)
        import safetensors  # noqa: F401
        import tokenizers  # noqa: F401
    except EmbedderUnavailable as exc:
        return False, exc.message
    except ImportError as exc:
        return False, f"{exc.name} is not installed: pip install wordllama==0.4.0.post1"
    return True, MODEL_ID


class Embedder:
    """A WordLlama token-vector table and its tokenizer: averaged, normalised vectors of texts."""

    model_id = MODEL_ID

    def __init__(self, weights: Path, tokenizer: Path) -> None:
        import numpy as np
        from safetensors import safe_open
        from tokenizers import Tokenizer

        with safe_open(str(weights), framework="np") as fh:
            table = fh.get_tensor("embedding.weight")
        self.table = np.asarray(table, dtype=np.float32)
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self._words: dict[str, Any] = {}

    def embed(self, texts: Sequence[str]) -> Any:
        """L2-normalised mean token vectors, one row per text (float32, shape (n, 256)); zeros for no tokens."""
        import numpy as np

        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        if not texts:
            return out
        for i, enc in enumerate(self.tokenizer.encode_batch(list(texts), add_special_tokens=False)):
            ids = enc.ids[:MAX_TOKENS]
            if ids:
                v = self.table[ids].mean(axis=0)
                n = float(np.linalg.norm(v))
                out[i] = v / n if n else v
        return out

    def word(self, word: str) -> Any:
        """The vector of one word (lower-cased), memoised: the unit of trigger similarity."""
        key = word.lower()
        v = self._words.get(key)
        if v is None:
            v = self._words[key] = self.embed([key])[0]
        return v


@lru_cache(maxsize=2)
def get_embedder(root: str | None = None) -> Embedder:
    """The process-wide embedder (built on first call); EmbedderUnavailable if it cannot be."""
    return Embedder(*model_files(root))
