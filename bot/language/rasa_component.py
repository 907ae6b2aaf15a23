"""The spaCy rule pipeline as a Rasa NLU entity extractor (referenced from config.yml).

The reference date for durations ("since March") is today, or the component's `today` setting,
or $SPINEBOT_TODAY (ISO date), so evaluations and tests get the same answers on any day.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language.pipeline import extract, pipeline


def reference_date(configured: str | None) -> date:
    """The date durations are counted back from."""
    chosen = configured or os.environ.get("SPINEBOT_TODAY")
    return date.fromisoformat(chosen) if chosen else date.today()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class SpineEntityExtractor(GraphComponent, EntityExtractorMixin):  # type: ignore[misc]
    """Adds body_region, radiation, side, duration, pain_score, treatment and red_flag entities."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"today": None}

    def __init__(self, config: dict[str, Any]) -> None:
        self._today = config.get("today")
        pipeline()  # build the spaCy pipeline now, not on the first message

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpineEntityExtractor:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        today = reference_date(self._today)
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            found = []
            for entity in extract(text, today):
                entity.pop("text")
                entity["confidence_entity"] = 1.0
                found.append(self.add_extractor_name([entity])[0])
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages
