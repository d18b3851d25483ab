"""One builder for the TF-IDF + logistic regression pipelines of the project.

The strong baseline of the bench (``bot.reading.evaluate.baseline_pipeline``), the risk
classifier (``bot.reading.risk_model``) and the question classifier
(``bot.reading.question_model``) are the same design: TF-IDF of words 1–2 and of characters
2–5, accents folded, logistic regression. They differ only in how characters are cut
(``"char"`` across word boundaries, ``"char_wb"`` inside words) and in class weights.
"""
from __future__ import annotations

from typing import Any, Optional


def tfidf_logreg(c: float, *, char_analyzer: str = "char",
                 class_weight: Optional[str] = None) -> Any:
    """An unfitted scikit-learn pipeline (sklearn is imported only when one is built)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    return make_pipeline(
        make_union(
            TfidfVectorizer(strip_accents="unicode", ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(strip_accents="unicode", analyzer=char_analyzer, ngram_range=(2, 5),
                            sublinear_tf=True),
        ),
        LogisticRegression(C=c, max_iter=3000, class_weight=class_weight),
    )
