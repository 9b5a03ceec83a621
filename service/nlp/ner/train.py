"""Train the Hamkar NER pipeline of one language: ``python -m service.nlp.ner.train --lang tr``.

Steps (all deterministic: fixed seeds, corpora read in a fixed order):

1. Read the public corpora (``$HAMKAR_SHARED_DIR/corpora/ner/{lang}``) and the domain corpus
   (``corpora/ner-domain/{lang}/train.txt``, repeated ``--domain-copies`` times; every 10th domain
   sentence is held out as part of the dev set), convert them as the model sees text at inference
   (``docs.py``) into DocBins under ``build/ner/{lang}``. Persian: half of the public sentences get
   ZWNJ where the corpus writes a space before an affix (``corpora.zwnj_variant``).
2. Train ``tok2vec`` + ``ner`` with spaCy (``config.py``), one thread, early stopping on the dev set.
3. Package: the best model gets the Hamkar tokenizer rules and the rule/gazetteer component and is
   written to ``models/{lang}`` (``package.py``).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import logging  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from service.nlp.ner.corpora import (  # noqa: E402
    REPO_ROOT,
    Sentence,
    public_corpora,
    read_domain,
    read_public,
    zwnj_variant,
)
from service.nlp.ner.docs import build_docbin  # noqa: E402
from service.nlp.ner.tokenizer import blank_pipeline  # noqa: E402

log = logging.getLogger("service.nlp.ner.train")

#: Dev sentences per public corpus: enough for a stable F1, few enough to evaluate in seconds.
DEV_SENTENCES_PER_CORPUS = 1000


def collect(lang: str, *, domain_copies: int, max_per_corpus: int, seed: int) -> tuple[list, list, dict]:
    """Train and dev sentence lists (train as ``(sentence, copies)``) and per-source counts."""
    rng = random.Random(seed)
    train: list[tuple[Sentence, int]] = []
    dev: list[Sentence] = []
    counts: dict[str, dict[str, int]] = {}
    for spec in public_corpora(lang):
        sentences = list(read_public(spec, "train"))
        if max_per_corpus and len(sentences) > max_per_corpus:
            sentences = rng.sample(sentences, max_per_corpus)
        if lang == "fa":  # half the sentences with ZWNJ where PEYMA writes a space (corpora.zwnj_variant)
            sentences = [zwnj_variant(s) if rng.random() < 0.5 else s for s in sentences]
        dev_sentences = list(read_public(spec, "dev"))
        if len(dev_sentences) > DEV_SENTENCES_PER_CORPUS:
            dev_sentences = rng.sample(dev_sentences, DEV_SENTENCES_PER_CORPUS)
        train.extend((s, 1) for s in sentences)
        dev.extend(dev_sentences)
        counts[spec.name] = {"train": len(sentences), "dev": len(dev_sentences)}
    domain = read_domain(lang, "train")
    domain_dev = domain[9::10]
    domain_train = [s for i, s in enumerate(domain) if i % 10 != 9]
    train.extend((s, domain_copies) for s in domain_train)
    dev.extend(domain_dev)
    counts["ner-domain"] = {"train": len(domain_train), "train_copies": domain_copies, "dev": len(domain_dev)}
    return train, dev, counts


def build_corpora(lang: str, work: Path, args: argparse.Namespace) -> dict:
    """Write ``train.spacy`` and ``dev.spacy`` under ``work``; return the per-source counts."""
    nlp = blank_pipeline(lang)
    train, dev, counts = collect(
        lang, domain_copies=args.domain_copies, max_per_corpus=args.max_per_corpus, seed=args.seed
    )
    work.mkdir(parents=True, exist_ok=True)
    docbin = None
    stats_total: dict[str, int] = {}
    for copies in sorted({c for _, c in train}):
        part, stats = build_docbin(nlp, [s for s, c in train if c == copies], copies=copies)
        if docbin is None:
            docbin = part
        else:
            docbin.merge(part)
        for key, value in stats.items():
            stats_total[key] = stats_total.get(key, 0) + value
    docbin.to_disk(work / "train.spacy")
    dev_bin, dev_stats = build_docbin(nlp, dev)
    dev_bin.to_disk(work / "dev.spacy")
    log.info("train docs: %s; dev docs: %s", stats_total, dict(dev_stats))
    return counts


def train(lang: str, work: Path, args: argparse.Namespace) -> Path:
    """Run spaCy training; return the directory of the best model."""
    from spacy.cli.train import train as spacy_train

    from service.nlp.ner.config import training_config

    config = training_config(
        lang,
        seed=args.seed,
        width=args.width,
        depth=args.depth,
        max_steps=args.max_steps,
        patience=args.patience,
        eval_frequency=args.eval_frequency,
    )
    config_path = work / "config.cfg"
    config.to_disk(config_path)
    output = work / "output"
    if output.exists():
        shutil.rmtree(output)
    spacy_train(
        config_path,
        output,
        use_gpu=-1,
        overrides={"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")},
    )
    return output / "model-best"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", required=True, choices=["tr", "fa"])
    parser.add_argument("--output", type=Path, help="default: models/{lang} in the repository")
    parser.add_argument("--work", type=Path, help="default: build/ner/{lang} in the repository")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--domain-copies", type=int, default=5)
    parser.add_argument(
        "--max-per-corpus", type=int, default=0, help="subsample each public train set (0: all)"
    )
    parser.add_argument("--max-steps", type=int, default=12000)
    parser.add_argument("--patience", type=int, default=3000)
    parser.add_argument("--eval-frequency", type=int, default=500)
    parser.add_argument("--width", type=int, default=96)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--skip-build", action="store_true", help="reuse the DocBins of an earlier run")
    parser.add_argument("--package-only", action="store_true", help="repackage the last trained model")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("spacy").propagate = False

    from service.nlp.ner.package import package, read_counts, write_counts

    work = args.work or REPO_ROOT / "build" / "ner" / args.lang
    output = args.output or REPO_ROOT / "models" / args.lang
    started = time.monotonic()
    if args.package_only:
        counts, minutes = read_counts(work)
    else:
        counts = read_counts(work)[0] if args.skip_build else build_corpora(args.lang, work, args)
        best = train(args.lang, work, args)
        minutes = round((time.monotonic() - started) / 60, 1)
        write_counts(work, counts, minutes)
        log.info("trained %s in %.1f min: %s", args.lang, minutes, best)
    package(args.lang, work / "output" / "model-best", output, counts=counts, train_minutes=minutes)
    log.info("packaged %s", output)


if __name__ == "__main__":
    main()
