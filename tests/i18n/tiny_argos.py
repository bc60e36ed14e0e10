"""Build a real, tiny argos-translate package (``.argosmodel``) offline, for tests.

Real argos packages are downloaded from the internet, which tests cannot do. This
module makes one from scratch in a few tens of milliseconds (~130 KB):

- ``sentencepiece.model``: a SentencePiece tokenizer trained on a few sentences.
- ``model/``: a CTranslate2 Transformer with tiny, seeded random weights. Its output
  is meaningless but real: argos runs the whole pipeline (sentence splitting,
  tokenizing, beam search, detokenizing) over it.
- ``minisbd/``: a rule-based ONNX sentence-boundary model for MiniSBD, so that argos
  does not try to download MiniSBD's model on first use.
- ``metadata.json``.

Everything is seeded and the zip has fixed timestamps, so the same arguments give
the same bytes. (The first build in a process also pays for importing torch, about
a second: ``ctranslate2.specs`` imports it when installed. argostranslate imports
it anyway, through stanza.)

Use ``configure_argos_environment`` before argostranslate is first imported (see its
docstring): argos reads its settings once, at import.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

import ctranslate2
import numpy as np
import onnx
import sentencepiece as spm
from onnx import TensorProto, helper, numpy_helper

from tests.i18n.argos_environment import configure_argos_environment  # noqa: F401

ARGOS_VERSION = "1.11.0"

LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "ca": "Catalan",
    "it": "Italian",
    "pt": "Portuguese",
    "ar": "Arabic",
}

# The tokenizer's training text. Both sides of a package share one SentencePiece
# model (argos encodes the source and decodes the target with the same file), so
# it covers several languages. Characters it never saw (x, z, ñ, ç, most capitals)
# become <unk>; the digits are all there.
TRAINING_SENTENCES = [
    "Hello world. The park is open.",
    "The city council meets on Monday.",
    "Please report the broken street light.",
    "Thank you for your proposal!",
    "Where is the new library?",
    "Bus 27 stops here at 08:45, 13:50 and 19:06.",
    "Hola mundo. El parque está abierto.",
    "El ayuntamiento se reúne el lunes.",
    "Por favor, informe de la farola rota.",
    "¡Gracias por su propuesta!",
    "¿Dónde está la nueva biblioteca?",
    "Bonjour le monde. Le parc est ouvert.",
    "Le conseil municipal se réunit lundi.",
    "Merci pour votre proposition !",
    "Où est la nouvelle bibliothèque ?",
]

# Model size: small enough to build and run in milliseconds.
D_MODEL = 32
FFN_DIM = 64
NUM_HEADS = 2
NUM_LAYERS = 1

# Random weights alone give no sensible length. With a flat bias on the </s> logit
# a sentence decodes to one token or, a little below some threshold that depends
# on the seed, to CTranslate2's maximum of 256 tokens. So the decoder gets a "clock": two dimensions of its residual stream that only the
# (explicit) position encodings write to, +c(t) and -c(t) so that they cancel in
# the layer norm's mean, and that only the </s> row of the output projection
# reads. The clock runs from very negative at the first step (so a translation is
# never empty) to very positive after OUTPUT_TOKENS steps (so it stops there).
OUTPUT_TOKENS = 3
CLOCK_AMPLITUDE = 6.0
EOS_WEIGHT = 3.0
# Decoding steps covered by the position encodings; the clock stops decoding long
# before, but CTranslate2 reads one row per step up to its maximum length.
MAX_POSITIONS = 256
# Random cross-attention averages the source almost evenly, so every sentence would
# come out much the same. Sharper queries and a louder output make the source
# sentence visibly change which tokens come out.
QUERY_GAIN = 3.0
CROSS_ATTENTION_GAIN = 3.0
# Added to the logits of tokens that must never be produced: <unk>, <s> and
# pieces that decode to nothing, which could leave an empty translation.
BANNED_BIAS = -20.0

# MiniSBD's per-character labels: 0 inside a token, 1 end of a token, 2 end of a
# sentence (3 and 4 are the multi-word-token variants, unused here).
SENTENCE_END_CHARACTERS = ".!?。！？…"


def build_package(
    directory: Path, from_code: str, to_code: str, package_version: str = "1.0"
) -> Path:
    """Build ``translate-<from>_<to>-<version>.argosmodel`` in ``directory``.

    Returns its path. The package is real: ``argostranslate.package.
    install_from_path`` installs it and ``argostranslate.translate.translate``
    runs it, producing a few meaningless tokens per sentence.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    name = f"translate-{from_code}_{to_code}-{package_version.replace('.', '_')}"
    # Seeded by the pair, so en→es and fr→en differ but each is reproducible.
    rng = np.random.default_rng(list(f"{from_code}>{to_code}".encode()))

    files: dict[str, bytes] = {}
    metadata = {
        "package_version": package_version,
        "argos_version": ARGOS_VERSION,
        "from_code": from_code,
        "from_name": LANGUAGE_NAMES.get(from_code, from_code),
        "to_code": to_code,
        "to_name": LANGUAGE_NAMES.get(to_code, to_code),
        "type": "translate",
        "links": [],
    }
    files["metadata.json"] = (json.dumps(metadata, indent=2) + "\n").encode()

    tokenizer = _train_sentencepiece()
    files["sentencepiece.model"] = tokenizer
    vocabulary, banned = _vocabulary(tokenizer)
    for filename, data in _ctranslate2_model(vocabulary, banned, rng).items():
        files[f"model/{filename}"] = data
    files[f"minisbd/{from_code}.onnx"] = _sentence_boundary_model(from_code)

    path = directory / f"{name}.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        # An .argosmodel holds ONE top-level folder: install_from_path unpacks the
        # zip into the packages directory as it is.
        for filename in sorted(files):
            # A fixed timestamp keeps the archive byte-for-byte reproducible.
            info = zipfile.ZipInfo(
                f"{name}/{filename}", date_time=(2020, 1, 1, 0, 0, 0)
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[filename])
    return path


def _train_sentencepiece() -> bytes:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(TRAINING_SENTENCES),
        model_writer=model,
        vocab_size=64,
        # With so little text 64 pieces may not exist; take what there is.
        hard_vocab_limit=False,
        # Keep text as it is (no NFKC), so decoding gives back the same characters.
        normalization_rule_name="identity",
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
        # Ids 0/1/2 are <unk>/<s>/</s>: CTranslate2's default special tokens.
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
    )
    return model.getvalue()


def _vocabulary(tokenizer: bytes) -> tuple[list[str], list[int]]:
    """The pieces in id order, and the ids the decoder must never emit."""
    processor = spm.SentencePieceProcessor(model_proto=tokenizer)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    banned = [
        i
        for i, piece in enumerate(pieces)
        if i != processor.eos_id() and not processor.decode_pieces([piece]).strip()
    ]
    return pieces, banned


def _ctranslate2_model(
    vocabulary: list[str], banned: list[int], rng: np.random.Generator
) -> dict[str, bytes]:
    """A TransformerSpec with random weights, saved and read back as files."""
    spec = ctranslate2.specs.TransformerSpec.from_config(NUM_LAYERS, NUM_HEADS)
    size = len(vocabulary)
    eos = vocabulary.index("</s>")
    # The decoder's clock dimensions (see OUTPUT_TOKENS).
    clock = [D_MODEL - 2, D_MODEL - 1]

    def weights(rows: int, columns: int, gain: float = 1.0) -> np.ndarray:
        # Scaled like a usual initialisation, so activations stay around 1.
        values = rng.standard_normal((rows, columns)) * gain / np.sqrt(columns)
        return values.astype(np.float32)

    def zeros(length: int) -> np.ndarray:
        return np.zeros(length, dtype=np.float32)

    def norm(spec) -> None:
        spec.gamma = np.ones(D_MODEL, dtype=np.float32)
        spec.beta = zeros(D_MODEL)

    def linear(
        spec, rows: int, columns: int, gain: float = 1.0, clock_free: bool = False
    ) -> None:
        weight = weights(rows, columns, gain)
        if clock_free:
            # A layer writing to the decoder's residual stream: nothing but the
            # position encodings may write to the clock.
            weight[clock] = 0.0
        spec.weight = weight
        spec.bias = zeros(rows)

    def layer_common(layer, clock_free: bool) -> None:
        attention = layer.self_attention
        norm(attention.layer_norm)
        linear(attention.linear[0], 3 * D_MODEL, D_MODEL)  # fused Q, K, V
        linear(attention.linear[1], D_MODEL, D_MODEL, clock_free=clock_free)  # out
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, FFN_DIM, D_MODEL)
        linear(layer.ffn.linear_1, D_MODEL, FFN_DIM, clock_free=clock_free)

    encoder, decoder = spec.encoder, spec.decoder
    encoder.embeddings[0].weight = weights(size, D_MODEL)
    norm(encoder.layer_norm)
    for layer in encoder.layer:
        layer_common(layer, clock_free=False)

    embeddings = weights(size, D_MODEL)
    embeddings[:, clock] = 0.0
    decoder.embeddings.weight = embeddings
    positions = rng.standard_normal((MAX_POSITIONS, D_MODEL)).astype(np.float32)
    ticks = np.clip(np.arange(MAX_POSITIONS) - OUTPUT_TOKENS + 0.5, -1.0, 1.0)
    positions[:, clock[0]] = CLOCK_AMPLITUDE * ticks
    positions[:, clock[1]] = -CLOCK_AMPLITUDE * ticks
    decoder.position_encodings.encodings = positions
    norm(decoder.layer_norm)
    for layer in decoder.layer:
        layer_common(layer, clock_free=True)
        cross = layer.attention
        norm(cross.layer_norm)
        linear(cross.linear[0], D_MODEL, D_MODEL, QUERY_GAIN)  # query
        linear(cross.linear[1], 2 * D_MODEL, D_MODEL)  # fused K, V
        # The output, amplified so that the source shows in the translation.
        linear(cross.linear[2], D_MODEL, D_MODEL, CROSS_ATTENTION_GAIN, True)

    projection = weights(size, D_MODEL)
    projection[:, clock] = 0.0  # only </s> reads the clock ...
    projection[eos] = 0.0  # ... and nothing else
    projection[eos, clock] = [EOS_WEIGHT, -EOS_WEIGHT]
    bias = zeros(size)
    bias[banned] = BANNED_BIAS
    decoder.projection.weight = projection
    decoder.projection.bias = bias

    # One SentencePiece model serves both sides, so both vocabularies are its
    # pieces in id order.
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize()
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "model"
        output.mkdir()
        spec.save(str(output))
        return {path.name: path.read_bytes() for path in sorted(output.iterdir())}


def _sentence_boundary_model(lang_code: str) -> bytes:
    """A MiniSBD model whose "network" is a lookup: . ! ? end a sentence.

    MiniSBD feeds the graph ``units`` (character ids, int64 [batch, length]) and
    ``features`` (float32 [batch, length, n]) and takes the argmax of the first
    output over the last axis as each character's label. Here the output is a
    ``Gather`` of a per-character table of one-hot label scores. Everything else
    MiniSBD needs (the character vocabulary, its config) travels as metadata.
    """
    characters = ["<PAD>", "<UNK>", *SENTENCE_END_CHARACTERS]
    table = np.zeros((len(characters), 3), dtype=np.float32)
    table[:, 0] = 1.0  # label 0: not a boundary
    for index, character in enumerate(characters):
        if character in SENTENCE_END_CHARACTERS:
            table[index] = [0.0, 0.0, 1.0]  # label 2: end of sentence

    graph = helper.make_graph(
        [helper.make_node("Gather", ["labels", "units"], ["logits"], axis=0)],
        "rule_based_sbd",
        inputs=[
            helper.make_tensor_value_info("units", TensorProto.INT64, ["B", "T"]),
            # Unused, but MiniSBD always feeds it and ONNX Runtime rejects
            # inputs that the graph does not declare.
            helper.make_tensor_value_info(
                "features", TensorProto.FLOAT, ["B", "T", "F"]
            ),
        ],
        outputs=[
            helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["B", "T", 3])
        ],
        initializer=[numpy_helper.from_array(table, "labels")],
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 13)],
        producer_name="tests.i18n.tiny_argos",
    )
    # An IR version that every recent ONNX Runtime reads.
    model.ir_version = 8
    vocab = {
        "lang": lang_code,
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_id2unit": characters,
        "_unit2id": {character: i for i, character in enumerate(characters)},
    }
    # minisbd.inference.create_session reads these; "config" must not be empty.
    config = {"max_seqlen": 1000, "feat_funcs": [], "skip_newline": False}
    helper.set_model_props(
        model,
        {
            "lang_code": lang_code,
            "config": json.dumps(config),
            "vocab": json.dumps(vocab, ensure_ascii=False),
        },
    )
    onnx.checker.check_model(model)
    return model.SerializeToString()
