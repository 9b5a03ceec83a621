"""Persian language data for the NLP stages (one module per stage: ``calendar``, ``numerals``, ``figures``).

Kept as data so that the matching logic in ``service.nlp.*`` stays language-neutral: a third language
means a new folder with the same module names.
"""
