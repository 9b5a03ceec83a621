"""Figures (counts, percentages, money) in Turkish and Persian text, with qualifier and counted noun."""

from service.nlp.figures.extract import extract_figures
from service.nlp.figures.model import Attachment, FigureMention

__all__ = ["Attachment", "FigureMention", "extract_figures"]
