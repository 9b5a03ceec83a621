"""The gold-format scorer: hand-made perfect, empty and partial predictions."""

from __future__ import annotations

import copy

import pytest

from evaluation.scorer import FIELDS, format_table, read_jsonl, score

TR = {
    "id": "tr1",
    "lang": "tr",
    "published": "2026-01-09",
    "orgs": [["Milli Eğitim Bakanlığı", "MEB"], ["İŞKUR"], ["Ankara Ticaret Odası"]],
    "optional_orgs": [["Türkiye Cumhuriyeti"]],
    "persons": [["Mehmet Nebi Kaya"]],
    "locations": [["Ankara"]],
    "optional_locations": [["Türkiye"]],
    "dates": [
        {"text": "Oca 9, 2026", "start": "2026-01-09", "end": "2026-01-09"},
        {"text": "2025 yılı", "start": "2025-01-01", "end": "2025-12-31"},
    ],
    "optional_dates": [{"text": "yeni dönem", "start": None, "end": None}],
    "figures": [
        {"text": "4 bin 608 kursiyer", "value": 4608, "unit": "kursiyer", "qualifier": "exact"},
        {
            "text": "8000'den fazla alan öğretmeni",
            "value": 8000,
            "unit": "alan öğretmeni",
            "qualifier": "more_than",
        },
        {"text": "28 kurs merkeziyle", "value": 28, "unit": "kurs merkezi", "qualifier": "exact"},
    ],
    "optional_figures": [{"text": "6 ayda bir", "value": 6, "unit": "ay", "qualifier": "exact"}],
    "collaborations": [
        {
            "type": "meeting",
            "date": None,
            "location": None,
            "participants": ["Milli Eğitim Bakanlığı", "İŞKUR", "Ankara Ticaret Odası"],
        },
    ],
}
FA = {
    "id": "fa1",
    "lang": "fa",
    "published": None,
    "orgs": [["اداره کل آموزش فنی و حرفه ای استان آذربایجان شرقی"]],
    "persons": [["علی مشایخی"]],
    "locations": [],
    "dates": [],
    "figures": [{"text": "مراکز ۲۴ گانه", "value": 24, "unit": "مرکز", "qualifier": "exact"}],
    "collaborations": [],
}
GOLD = [TR, FA]


def _metrics(result: dict, field: str, scope: str = "overall") -> tuple:
    r = result["overall"][field] if scope == "overall" else result["by_lang"][scope][field]
    return r["precision"], r["recall"], r["f1"], r["tp"], r["fp"], r["fn"]


def test_perfect_prediction_scores_one_everywhere() -> None:
    result = score(GOLD, copy.deepcopy(GOLD))
    for field in FIELDS:
        assert result["overall"][field]["f1"] == 1.0, field
    assert result["overall"]["figures"]["unit_accuracy"] == 1.0
    assert set(result["by_lang"]) == {"tr", "fa"}


def test_empty_prediction_finds_nothing() -> None:
    result = score(GOLD, [])
    assert _metrics(result, "orgs") == (0.0, 0.0, 0.0, 0, 0, 4)
    assert _metrics(result, "dates") == (0.0, 0.0, 0.0, 0, 0, 2)
    assert _metrics(result, "figures") == (0.0, 0.0, 0.0, 0, 0, 4)
    assert _metrics(result, "collaborations") == (0.0, 0.0, 0.0, 0, 0, 3)
    assert result["overall"]["figures"]["unit_accuracy"] is None
    assert _metrics(result, "locations", "fa") == (1.0, 1.0, 1.0, 0, 0, 0)  # nothing to find, nothing found


def test_names_match_after_normalisation_and_through_alternatives() -> None:
    prediction = {
        "id": "tr1",
        "orgs": [
            "MEB",  # an alternative of the first entity
            ["İŞKUR'un", "Türkiye İş Kurumu"],  # a list: its first name counts, apostrophe suffix dropped
            "ANKARA TİCARET ODASI",  # Turkish-aware case folding
            "Türkiye Cumhuriyeti",  # optional: neither rewarded nor penalised
            "Gazi Üniversitesi",  # wrong
        ],
        "persons": ["Mehmet Nebi Kaya", "Mehmet Nebi Kaya"],  # a repeated name counts once
        "locations": ["Ankara", "Türkiye"],
    }
    result = score([TR], [prediction])
    assert _metrics(result, "orgs")[3:] == (3, 1, 0)
    assert _metrics(result, "persons")[3:] == (1, 0, 0)
    assert _metrics(result, "locations")[3:] == (1, 0, 0)


def test_a_second_name_for_an_entity_already_found_is_a_false_positive() -> None:
    prediction = {"id": "tr1", "orgs": ["Milli Eğitim Bakanlığı", "MEB"]}
    assert _metrics(score([TR], [prediction]), "orgs")[3:] == (1, 1, 2)


def test_persian_names_ignore_spacing_and_letter_variants() -> None:
    prediction = {"id": "fa1", "orgs": ["اداره کل آموزش فنی و حرفه‌ای استان آذربایجان شرقي"]}
    assert _metrics(score([FA], [prediction]), "orgs")[3:] == (1, 0, 0)


def test_dates_match_on_start_and_end_only() -> None:
    prediction = {
        "id": "tr1",
        "dates": [
            {"text": "9 Ocak", "start": "2026-01-09", "end": "2026-01-09"},  # other text, same day: found
            {"text": "2025", "start": "2025-01-01", "end": "2025-06-30"},  # wrong end
            {"text": "yeni dönem", "start": "2026-01-01", "end": "2026-12-31"},  # optional (by text)
        ],
    }
    assert _metrics(score([TR], [prediction]), "dates") == (0.5, 0.5, 0.5, 1, 1, 1)


def test_figures_match_on_value_and_qualifier_with_units_scored_apart() -> None:
    prediction = {
        "id": "tr1",
        "figures": [
            {"text": "4608 kursiyer", "value": 4608.0, "unit": "Kursiyer", "qualifier": "exact"},
            {
                "text": "8000 öğretmen",
                "value": 8000,
                "unit": "öğretmen",
                "qualifier": "more_than",
            },  # unit wrong
            {"text": "28", "value": 28, "unit": "kurs", "qualifier": "approx"},  # qualifier wrong
            {"text": "6 ay", "value": 6, "unit": "ay", "qualifier": "exact"},  # optional
        ],
    }
    result = score([TR], [prediction])
    assert _metrics(result, "figures")[3:] == (2, 1, 1)
    assert result["overall"]["figures"]["unit_accuracy"] == 0.5


def test_repeated_values_pair_with_the_gold_item_of_the_same_unit() -> None:
    gold = {
        **FA,
        "figures": [
            {"text": "۲۴ مرکز", "value": 24, "unit": "مرکز", "qualifier": "exact"},
            {"text": "۲۴ مربی", "value": 24, "unit": "مربی", "qualifier": "exact"},
        ],
    }
    prediction = {
        "id": "fa1",
        "figures": [
            {"text": "۲۴ مربی", "value": 24, "unit": "مربی", "qualifier": "exact"},
            {"text": "مراکز ۲۴ گانه", "value": 24, "unit": "مراکز", "qualifier": "exact"},
        ],
    }
    result = score([gold], [prediction])
    assert _metrics(result, "figures")[3:] == (2, 0, 0)
    assert result["overall"]["figures"]["unit_accuracy"] == 0.5


def test_collaborations_are_unordered_participant_pairs() -> None:
    prediction = {
        "id": "tr1",
        "collaborations": [
            {
                "type": "protocol",
                "participants": ["İŞKUR", "MEB"],
            },  # alternative name, other type: still a pair
            {"type": "meeting", "participants": ["Ankara Ticaret Odası", "Gazi Üniversitesi"]},  # wrong pair
        ],
    }
    assert _metrics(score([TR], [prediction]), "collaborations")[3:] == (1, 1, 2)


def test_micro_average_sums_over_documents_and_languages() -> None:
    prediction = [copy.deepcopy(TR), {"id": "fa1"}]
    result = score(GOLD, prediction)
    assert _metrics(result, "figures")[3:] == (3, 0, 1)
    assert _metrics(result, "figures", "tr")[3:] == (3, 0, 0)
    assert _metrics(result, "figures", "fa")[3:] == (0, 0, 1)
    assert result["overall"]["figures"]["recall"] == pytest.approx(0.75)


def test_predictions_for_unknown_documents_are_ignored() -> None:
    result = score([FA], [copy.deepcopy(FA), {"id": "nope", "orgs": ["X"]}])
    assert _metrics(result, "orgs")[3:] == (1, 0, 0)


def test_format_table_lists_every_scope_and_field() -> None:
    table = format_table(score(GOLD, copy.deepcopy(GOLD)))
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["scope", "field", "P"]
    assert len(lines) == 2 + 3 * len(FIELDS)
    assert any(line.startswith("fa") and "figures" in line and "1.000" in line for line in lines)


def test_read_jsonl_skips_blank_lines(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a"}\n\n{"id": "b", "lang": "fa"}\n', encoding="utf-8")
    assert read_jsonl(path) == [{"id": "a"}, {"id": "b", "lang": "fa"}]
