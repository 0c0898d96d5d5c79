"""The neutral shape every parser produces, whatever the file format was."""

import datetime
from dataclasses import asdict, dataclass, field


class ArticleImportError(Exception):
    """The file cannot be imported; the message tells the person running the import why."""


@dataclass
class Heading:
    """A heading found in the source; level 1 is the largest."""

    level: int
    text: str


@dataclass
class Fragment:
    """A piece of body HTML between headings (paragraphs, lists)."""

    html: str


@dataclass
class RawDocument:
    """What a format parser hands to the assembler: title, date if seen, and the flow of the text."""

    title: str
    date: object = None
    items: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


@dataclass
class ParsedBlock:
    """One block of the future page body: kind is "section" or "treatment"."""

    kind: str
    heading: str
    body: str
    procedures: list = field(default_factory=list)


@dataclass
class ParsedArticle:
    """An article in a format-neutral shape, ready to become an ArticlePage."""

    title: str
    date: object = None
    intro: str = ""
    summary: str = ""
    blocks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def sections(self):
        return [block for block in self.blocks if block.kind == "section"]

    @property
    def treatments(self):
        return [block for block in self.blocks if block.kind == "treatment"]

    def as_data(self):
        """JSON-ready data (kept in the session between the admin's preview and its import)."""
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data

    @classmethod
    def from_data(cls, data):
        blocks = [ParsedBlock(**block) for block in data["blocks"]]
        date = datetime.date.fromisoformat(data["date"]) if data.get("date") else None
        return cls(**{**data, "blocks": blocks, "date": date})
