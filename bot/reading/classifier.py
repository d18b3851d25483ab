"""The intent classifier's model, in pure scikit-learn (no Rasa): TF-IDF of words and
characters (accents folded) plus a marker per lookup table, and logistic regression.

``extensions.intent_classifier`` wraps it for Rasa; ``bot.reading.evaluate`` cross-validates
it against the baseline. Long messages are scored clause by clause
(``bot.reading.intents.clause_scores``) when ``clause_level`` is set (off by default: it measured lower in cross-validation, docs/reading.md).
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional, Sequence

from bot.reading.intents import clause_scores
from bot.reading.text import fold

#: Defaults chosen by 5-fold cross-validation on the training data (docs/reading.md).
DEFAULTS: Dict[str, Any] = {"C": 30.0, "word_max_ngram": 2, "char_min_ngram": 2,
                            "char_max_ngram": 4, "char_analyzer": "char_wb",
                            "clause_level": False}


class LookupMarker:
    """Adds a marker word per lookup table found in the text ("... zzlookupplatform").

    This is how the lookup tables of ``data/nlu/lookups.yml`` (places, platforms, aggressor
    words) become features: "insta", "tiktok" and "wsp" all add the same word.
    """

    def __init__(self, lookup_tables: Optional[List[Dict[str, Any]]] = None) -> None:
        self.lookup_tables = lookup_tables or []

    def fit(self, texts: List[str], labels: Any = None) -> "LookupMarker":
        self._patterns = [
            (table["name"], re.compile(r"\b(?:" + "|".join(
                re.escape(fold(e)) for e in sorted(table["elements"], key=len, reverse=True))
                + r")\b"))
            for table in self.lookup_tables if table.get("elements")
        ]
        return self

    def transform(self, texts: List[str]) -> List[str]:
        marked = []
        for text in texts:
            folded = fold(text)
            marks = [f"zzlookup{name}" for name, pattern in self._patterns
                     if pattern.search(folded)]
            marked.append(" ".join([text, *marks]))
        return marked

    def get_params(self, deep: bool = True) -> Dict[str, Any]:
        return {"lookup_tables": self.lookup_tables}

    def set_params(self, **params: Any) -> "LookupMarker":
        self.lookup_tables = params.get("lookup_tables", self.lookup_tables)
        return self


def build_pipeline(config: Mapping[str, Any],
                   lookup_tables: Optional[List[Dict[str, Any]]] = None) -> Any:
    """The scikit-learn pipeline described by ``config`` (keys of :data:`DEFAULTS`)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    config = {**DEFAULTS, **config}
    features = make_union(
        TfidfVectorizer(strip_accents="unicode", lowercase=True,
                        ngram_range=(1, int(config["word_max_ngram"])), sublinear_tf=True),
        TfidfVectorizer(strip_accents="unicode", lowercase=True,
                        analyzer=config["char_analyzer"],
                        ngram_range=(int(config["char_min_ngram"]), int(config["char_max_ngram"])),
                        sublinear_tf=True),
    )
    return make_pipeline(LookupMarker(lookup_tables), features,
                         LogisticRegression(C=float(config["C"]), max_iter=3000))


def predict_scores(model: Any, texts: Sequence[str], *, clause_level: bool = True
                   ) -> List[Dict[str, float]]:
    """``{intent: probability}`` for each text; long texts read clause by clause."""
    classes = list(model.classes_)

    def predict(batch: Sequence[str]) -> List[Dict[str, float]]:
        return [dict(zip(classes, map(float, row))) for row in model.predict_proba(list(batch))]

    if not clause_level:
        return predict(texts)
    return [clause_scores(text, predict) for text in texts]
