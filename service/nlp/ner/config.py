"""The spaCy training config of the Hamkar NER pipelines (one for both languages).

A hash-embedding CNN (``tok2vec``) and a transition-based ``ner``: no pretrained vectors exist on this
machine, and the size (≈ 10 MB on disk) and speed (well above 10,000 words/s on one core) matter
more than the last F1 point. Features: NORM, PREFIX, SUFFIX, SHAPE; width 96, 4 CNN layers (window 1
each, so a token sees 4 neighbours on each side). ``gold_preproc = true``: the DocBins are already
tokenized by the Hamkar tokenizer (``docs.py``); re-tokenizing them with the config's default tokenizer
would misalign every ``'nın`` suffix and silently drop those entities from training.
"""

from __future__ import annotations

from thinc.api import Config

_TEMPLATE = """
[paths]
train = null
dev = null

[system]
gpu_allocator = null
seed = {seed}

[nlp]
lang = "{lang}"
pipeline = ["tok2vec","ner"]
batch_size = 1000

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [10000,2500,5000,2500]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3

[components.ner]
factory = "ner"
moves = null
update_with_oracle_cut_size = 100
incorrect_spans_key = null
scorer = {{"@scorers":"spacy.ner_scorer.v1"}}

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0
gold_preproc = true
limit = 0
augmenter = null

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0
gold_preproc = true
limit = 0
augmenter = null

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${{system.seed}}
gpu_allocator = ${{system.gpu_allocator}}
dropout = 0.1
accumulate_gradient = 1
patience = {patience}
max_epochs = 0
max_steps = {max_steps}
eval_frequency = {eval_frequency}
frozen_components = []
annotating_components = []
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
ents_per_type = null

[pretraining]

[initialize]
vectors = null
init_tok2vec = null
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""


def training_config(
    lang: str,
    *,
    seed: int = 0,
    width: int = 96,
    depth: int = 4,
    max_steps: int = 20000,
    patience: int = 4000,
    eval_frequency: int = 500,
) -> Config:
    """The training config for ``lang`` (corpus paths are given as overrides at train time)."""
    text = _TEMPLATE.format(
        lang=lang,
        seed=seed,
        width=width,
        depth=depth,
        max_steps=max_steps,
        patience=patience,
        eval_frequency=eval_frequency,
    )
    return Config().from_str(text, interpolate=False)
