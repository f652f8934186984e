"""Build a tiny but real Argos pack: a SentencePiece word model and a hand-set CTranslate2 transformer.

No trained pack can be downloaded here, so tests and ``kiosk bench mt`` build one. The transformer's
weights are set, not learned, so that it translates word for word from a dictionary:

* embeddings are one-hot token vectors plus one-hot position vectors (explicit position encodings);
* self-attention and feed-forward blocks are zero (the residual passes the input through);
* the decoder's cross-attention compares positions only, so decoder step *t* attends to source word *t*
  and copies its one-hot identity into a third block of the model dimension;
* the output projection maps each copied source word to its dictionary translation; words that are not
  in the vocabulary come out as ``<unk>`` and CTranslate2's ``replace_unknowns`` copies the source word.

Layer norms are affine here because every vector has the same number of ones. It is the exact product
path (SentencePiece, ``ctranslate2.Translator``, the Argos folder and zip layout); only the model is small.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

import numpy as np

MAX_POSITIONS = 128
SPECIALS = ["<unk>", "<s>", "</s>"]


def build_pack_folder(folder: Path, source: str, target: str, words: dict[str, str]) -> Path:
    """Write an unpacked pack translating ``words`` (single words, no spaces) from ``source`` to ``target``."""
    import ctranslate2.specs as specs
    import sentencepiece as spm

    folder.mkdir(parents=True, exist_ok=True)
    corpus = sorted(set(words) | set(words.values()))
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([" ".join(corpus), *corpus]),
        model_writer=model,
        model_type="word",
        vocab_size=len(corpus) + 1,
        character_coverage=1.0,
        bos_id=-1,
        eos_id=-1,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    (folder / "sentencepiece.model").write_bytes(model.getvalue())
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    vocab = SPECIALS + [p for p in map(processor.id_to_piece, range(processor.get_piece_size())) if p not in SPECIALS]
    index = {token: i for i, token in enumerate(vocab)}
    mapping = {i: i for i in range(len(vocab))}
    mapping.update({index["▁" + src]: index["▁" + dst] for src, dst in words.items()})
    spec = _transformer(specs, len(vocab), mapping)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    (folder / "model").mkdir(exist_ok=True)
    spec.save(str(folder / "model"))
    metadata = {
        "package_version": "0.1",
        "argos_version": "1.11",
        "from_code": source,
        "to_code": target,
        "from_name": source,
        "to_name": target,
        "type": "translate",
    }
    (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    (folder / "README.md").write_text("Tiny word-for-word pack built for tests and benchmarks.\n", encoding="utf-8")
    return folder


def build_pack(path: Path, source: str, target: str, words: dict[str, str]) -> Path:
    """Write a ``.argosmodel`` zip (one top folder, like Argos' own packs) and return its path."""
    with tempfile.TemporaryDirectory() as tmp:
        top = build_pack_folder(Path(tmp) / f"translate-{source}_{target}-0_1", source, target, words)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for file in sorted(top.rglob("*")):
                # the hand-set weights are mostly zeros: stored, or the zip-bomb check would (rightly) object
                kind = zipfile.ZIP_STORED if file.name == "model.bin" else zipfile.ZIP_DEFLATED
                zf.write(file, Path(top.name) / file.relative_to(top), compress_type=kind)
    return path


def _transformer(specs, vocab_size: int, mapping: dict[int, int]):
    v, positions = vocab_size, MAX_POSITIONS
    dim = 2 * v + positions  # [token one-hot | position one-hot | copied token one-hot]
    spec = specs.TransformerSpec.from_config((1, 1), 1)
    spec.config.add_source_eos = True  # the copied </s> ends the translation
    tokens, pos, copy = np.arange(v), v + np.arange(positions), v + positions + np.arange(v)
    embeddings = np.zeros((v, dim), np.float32)
    embeddings[tokens, tokens] = 1
    encodings = np.zeros((positions, dim), np.float32)
    encodings[np.arange(positions), pos] = 1
    for side in (spec.encoder, spec.decoder):
        side.scale_embeddings = False
        side.position_encodings.encodings = encodings
        _norm(side.layer_norm, dim)
        layer = side.layer[0]
        _norm(layer.self_attention.layer_norm, dim)
        _linear(layer.self_attention.linear[0], np.zeros((3 * dim, dim)))
        _linear(layer.self_attention.linear[1], np.zeros((dim, dim)))
        _norm(layer.ffn.layer_norm, dim)
        _linear(layer.ffn.linear_0, np.zeros((4, dim)))
        _linear(layer.ffn.linear_1, np.zeros((dim, 4)))
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    attention = spec.decoder.layer[0].attention
    _norm(attention.layer_norm, dim)
    queries = np.zeros((dim, dim))
    queries[pos, pos] = 10.0  # sharp: only the same position matches
    keys_values = np.zeros((2 * dim, dim))
    keys_values[pos, pos] = 1.0
    keys_values[dim + copy, tokens] = 1.0
    _linear(attention.linear[0], queries)
    _linear(attention.linear[1], keys_values)
    _linear(attention.linear[2], np.eye(dim))
    projection = np.zeros((v, dim))
    for src, dst in mapping.items():
        projection[dst, v + positions + src] = 1.0
    _linear(spec.decoder.projection, projection)
    return spec


def _norm(layer, dim: int) -> None:
    layer.gamma = np.ones(dim, np.float32)
    layer.beta = np.zeros(dim, np.float32)


def _linear(layer, weight: np.ndarray) -> None:
    layer.weight = weight.astype(np.float32)
    layer.bias = np.zeros(weight.shape[0], np.float32)
