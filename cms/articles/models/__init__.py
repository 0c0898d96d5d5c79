from .pages import ArticleIndexPage, ArticlePage, ArticlePageAuthor
from .snippets import Condition, MedicalCenter, Person, TreatmentModality

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageAuthor",
    "Condition",
    "MedicalCenter",
    "Person",
    "TreatmentModality",
]
