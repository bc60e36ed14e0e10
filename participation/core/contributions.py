"""Residents' inputs to an engagement, whatever feature collects them.

Each feature registers a function giving the inputs of its engagements as
(text, language) pairs; the rest of the platform (translation figures, later the
ladder) reads them here and knows nothing else of the feature.
"""

from collections.abc import Callable
from dataclasses import dataclass

from participation.core.models import Engagement

Source = Callable[[Engagement], list[tuple[str, str]]]
_SOURCES: dict[str, Source] = {}


def register_source(kind: str) -> Callable[[Source], Source]:
    """Declare the function that lists the inputs of engagements of `kind`."""

    def decorator(function: Source) -> Source:
        _SOURCES[kind] = function
        return function

    return decorator


def inputs_of(engagement: Engagement) -> list[tuple[str, str]]:
    """The inputs of an engagement as (text, language); empty if its kind has none."""
    source = _SOURCES.get(engagement.kind)
    return source(engagement) if source else []


@dataclass(frozen=True)
class LanguageShare:
    """How many inputs staff working in one language read in machine translation."""

    inputs: int
    other_language: int

    @property
    def share(self) -> float | None:
        return self.other_language / self.inputs if self.inputs else None


def machine_translation_share(
    engagement: Engagement, working_language: str
) -> LanguageShare:
    """Inputs written in another language than the staff's: those are read translated."""
    languages = [language for _text, language in inputs_of(engagement)]
    other = sum(1 for language in languages if language != working_language)
    return LanguageShare(len(languages), other)
