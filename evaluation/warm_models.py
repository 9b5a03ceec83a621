"""Importing this loads the code and every NLP model of the analysis once.

The crash-safety scenario (``evaluation/crash.py``) preloads it in multiprocessing's forkserver, so the
workers it forks and kills start warm instead of spending seconds loading models before each kill.
"""

from service.kb.aliases import default_alias_table
from service.nlp.events import detect_events
from service.nlp.topic import classify_topic
from service.pipeline import analyze_text
from service.text import sentence_spans

SAMPLES = {
    "tr": "Ankara Ticaret Odası ile Milli Eğitim Bakanlığı 12 Mart 2025'te 1.250 kursiyer için protokol imzaladı.",
    "fa": "سازمان آموزش فنی و حرفه‌ای کشور و اتاق بازرگانی تبریز در ۱۴ فروردین ۱۴۰۳ تفاهم‌نامه امضا کردند.",
}

default_alias_table()
for _lang, _text in SAMPLES.items():
    analyze_text(_text, _lang, None)
    classify_topic(_text, _lang)
    detect_events(_text, _lang, sentence_spans(_text))
