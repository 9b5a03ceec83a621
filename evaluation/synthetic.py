"""A synthetic corpus for search benchmarks, made from the demo corpus' own sentences.

Each synthetic document is a lead sentence naming two or three organizations (from the curated alias
table) followed by sentences drawn from demo documents of the same language, with a random publication
date. Rows go straight into the store (documents, search index, organization mentions) so that 100,000
documents take minutes, not hours. Seeded: the same ``--docs`` gives the same corpus.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from service.ingest.parse import parse_bytes
from service.kb.aliases import default_alias_table
from service.search.analyzer import index_text
from service.search.index import insert_rows
from service.store.models import Document, EntityMention, Organization, OrganizationAlias, Story
from service.text import match_key, sentence_spans

LEADS = {
    "tr": "{a} ile {b} arasında mesleki eğitim alanında işbirliği protokolü imzalandı.",
    "fa": "تفاهم‌نامه همکاری میان {a} و {b} در زمینه آموزش مهارت امضا شد.",
}
RARE_WORD = {"tr": "zeytinyağı", "fa": "زعفران"}


def sentence_pool(demo: Path) -> dict[str, list[str]]:
    pool: dict[str, list[str]] = {"tr": [], "fa": []}
    for lang in pool:
        for path in sorted((demo / lang).glob("*.html")):
            body = parse_bytes(path.read_bytes(), name=path.name).text
            pool[lang].extend(body[a:b] for a, b in sentence_spans(body) if 40 <= b - a <= 400)
    return pool


def generate(session: Session, count: int, demo: Path, seed: int = 7, batch: int = 2000) -> dict:
    """Insert ``count`` synthetic documents; returns what was made (for the benchmark report)."""
    rng = random.Random(seed)
    pool = sentence_pool(demo)
    table = default_alias_table()
    org_names = {
        lang: sorted(e.canonical for (lng, _), e in table.entries.items() if lng == lang)[:300]
        for lang in pool
    }
    org_ids: dict[tuple[str, str], int] = {}
    for lang, names in org_names.items():
        for name in names:
            org = Organization(name=name, key=match_key(name, lang), lang=lang, origin="table")
            session.add(org)
            session.flush()
            session.add(
                OrganizationAlias(organization_id=org.id, alias=name, key=org.key, lang=lang, origin="table")
            )
            org_ids[(lang, name)] = org.id
    story = Story()
    session.add(story)
    session.flush()
    rare = 0
    for offset in range(0, count, batch):
        documents, mentions, index_rows = [], [], []
        first_id = (session.execute(text("SELECT COALESCE(MAX(id), 0) FROM documents")).scalar() or 0) + 1
        for i in range(min(batch, count - offset)):
            lang = "tr" if rng.random() < 0.55 else "fa"
            a, b = rng.sample(org_names[lang], 2)
            lead = LEADS[lang].format(a=a, b=b)
            body = [lead, *rng.sample(pool[lang], k=min(len(pool[lang]), rng.randint(5, 10)))]
            if rng.random() < 0.001:
                body.append(RARE_WORD[lang])
                rare += 1
            content = "\n".join(body)
            doc_id = first_id + i
            published = date(2022, 1, 1) + timedelta(days=rng.randrange(5 * 365))
            documents.append(
                {
                    "id": doc_id,
                    "content_hash": hashlib.sha256(f"{seed}:{offset + i}:{content}".encode()).hexdigest(),
                    "title": body[1][:90],
                    "published": published,
                    "lang": lang,
                    "status": "ok",
                    "text": content,
                    "raw_type": "text",
                    "story_id": story.id,
                }
            )
            for name in (a, b):
                start = content.index(name)
                mentions.append(
                    {
                        "document_id": doc_id,
                        "label": "ORG",
                        "start": start,
                        "end": start + len(name),
                        "text": name,
                        "normalized": match_key(name, lang),
                        "sentence_start": 0,
                        "sentence_end": len(lead),
                        "source": "synthetic",
                        "extractor": "synthetic",
                        "organization_id": org_ids[(lang, name)],
                        "resolution_score": 1.0,
                        "resolution_reason": "synthetic",
                    }
                )
            index_rows.append(
                {"id": doc_id, "title": index_text(body[1][:90], lang), "body": index_text(content, lang)}
            )
        session.execute(insert(Document), documents)
        session.execute(insert(EntityMention), mentions)
        insert_rows(session, index_rows)
        session.commit()
    return {"documents": count, "rare_documents": rare, "organizations": len(org_ids), "seed": seed}
