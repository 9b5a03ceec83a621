"""``hamkar extract``'s gold-format records: each entity listed once, in the form the gold format uses."""

from __future__ import annotations

from pathlib import Path

from service.pipeline import extract_files

TURKISH = (
    "Ankara Ticaret Odası Başkanı Mehmet Nebi Kaya, Mamak ilçesinde açılan meslek kursunu ziyaret etti. "
    "Kursa 120 kursiyer katılıyor. Kaya, kursiyerlerin işe yerleştirileceğini söyledi ve Kaya'nın "
    "açıklamasına göre program Ankara'da iki yıl sürecek."
)
PERSIAN = (
    "علی مشایخی مدیرکل آموزش فنی و حرفه‌ای استان آذربایجان شرقی در تبریز گفت: امسال بیش از ۸۰۰۰ نفر در "
    "مراکز آموزشی مهارت آموختند. مشایخی افزود این دوره‌ها در سراسر استان آذربایجان شرقی برگزار می‌شود."
)


def _records(tmp_path: Path) -> dict[str, dict]:
    (tmp_path / "tr.txt").write_text(TURKISH, encoding="utf-8")
    (tmp_path / "fa.txt").write_text(PERSIAN, encoding="utf-8")
    return {record["id"]: record for record in extract_files([tmp_path])}


def test_a_repeated_surname_is_the_same_person_and_provinces_lose_the_word_for_province(tmp_path: Path) -> None:
    records = _records(tmp_path)
    tr, fa = records["tr"], records["fa"]
    assert tr["lang"] == "tr" and fa["lang"] == "fa"
    assert ["Mehmet Nebi Kaya"] in tr["persons"]
    assert not any(names[0].startswith("Kaya") for names in tr["persons"]), tr["persons"]
    assert ["علی مشایخی"] in fa["persons"] and ["مشایخی"] not in fa["persons"], fa["persons"]
    assert ["آذربایجان شرقی"] in fa["locations"], fa["locations"]
    assert any(m["text"] == "استان آذربایجان شرقی" for m in fa["mentions"])  # the mention keeps what was written
    # every mention still keeps its offsets into the original text
    for record, text in ((tr, TURKISH), (fa, PERSIAN)):
        assert record["mentions"] and all(text[m["start"]:m["end"]] == m["text"] for m in record["mentions"])
