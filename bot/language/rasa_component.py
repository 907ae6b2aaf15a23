"""The spaCy rule pipeline in Rasa NLU: an entity extractor and a featurizer (see config.yml).

The reference date for durations ("since March") is today, or the component's `today` setting,
or $SPINEBOT_TODAY (ISO date), so evaluations and tests get the same answers on any day.
"""

from __future__ import annotations

import hashlib
import os
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix

from bot.language import safety_net
from bot.language.lexicon import NEGATION_CUES, OTHER_BODY_PARTS
from bot.language.pipeline import ENTITY_ORDER, extract, pipeline


@cache
def code_fingerprint() -> str:
    """A hash of the language package's source, so that Rasa's training cache is not reused
    after the lexicon, parsers or features change (Rasa fingerprints config, not code)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def reference_date(configured: str | None) -> date:
    """The date durations are counted back from: the component's `today` setting (ISO date),
    else $SPINEBOT_TODAY, else the real date.

    Raises:
        ValueError: the setting is not an ISO date (YYYY-MM-DD).

    """
    chosen = configured or os.environ.get("SPINEBOT_TODAY")
    return date.fromisoformat(chosen) if chosen else date.today()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class SpineEntityExtractor(GraphComponent, EntityExtractorMixin):  # type: ignore[misc]
    """Adds body_region, radiation, side, duration, pain_score, treatment and red_flag entities,
    and flag_topic (a warning sign's topic with no mention of the sign found either way)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """`today`: an ISO date to count durations back from (None: see `reference_date`)."""
        return {"today": None}

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """The language package's code hash, so a code change invalidates Rasa's cache."""
        return code_fingerprint()

    def __init__(self, config: dict[str, Any]) -> None:
        self._today = config.get("today")
        pipeline()  # build the spaCy pipeline now, not on the first message
        safety_net.model()  # and train the learned safety net (under a second)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpineEntityExtractor:
        """Rasa's factory: build the extractor from its config (nothing is trained)."""
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        """Add the extracted entities to each message, in place (confidence 1.0)."""
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


# The features' first columns, in this order (a trained model expects them so): every entity the
# pipeline reports except a warning-sign topic, which is a prompt for the dialogue, not a fact.
FEATURE_ENTITIES = tuple(name for name in ENTITY_ORDER if name != "flag_topic")
OTHER_PARTS = frozenset(OTHER_BODY_PARTS)
QUESTION_WORDS = frozenset(
    {
        "what",
        "whats",
        "what's",
        "does",
        "do",
        "is",
        "are",
        "can",
        "could",
        "should",
        "how",
        "will",
        "would",
        "which",
        "why",
        "when",
        "tell",
    }
)


def message_features(text: str, today: date) -> list[float]:
    """Sentence features from the rule extractor for the intent classifier.

    Which entity types the message mentions (a red flag suggests report_symptom, a bare duration
    suggests inform), how much of the message they cover, whether it reads as a question, whether
    it names a body part outside the spine and no spine region, and whether it opens with a
    negation ("no fever", "never had cancer").
    """
    # A warning-sign topic is a prompt for the dialogue, not a fact: it does not count here, so
    # the learned safety net (which only adds topics) need not run a second time for it.
    entities = [e for e in extract(text, today, learned=False) if e["entity"] != "flag_topic"]
    found = {entity["entity"] for entity in entities}
    letters = sum(1 for ch in text if not ch.isspace()) or 1
    covered = sum(len(entity["text"].replace(" ", "")) for entity in entities) / letters
    words = [word.strip(".,!?;:'\"") for word in text.lower().split()]
    elsewhere = "body_region" not in found and any(word in OTHER_PARTS for word in words)
    return [
        *(1.0 if name in found else 0.0 for name in FEATURE_ENTITIES),
        1.0 if covered >= 0.5 else 0.0,
        1.0 if "?" in text else 0.0,
        1.0 if words and words[0] in QUESTION_WORDS else 0.0,
        1.0 if elsewhere else 0.0,
        1.0 if words and words[0] in NEGATION_CUES else 0.0,
    ]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SpineEntityFeaturizer(SparseFeaturizer, GraphComponent):  # type: ignore[misc]
    """Sentence-level sparse features from the rule extractor (see `message_features`)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Rasa's sparse-featurizer defaults, plus `today` (as the extractor's) and `weight`."""
        # weight: how strongly these few features count next to thousands of n-gram counts.
        return {**SparseFeaturizer.get_default_config(), "today": None, "weight": 1.0}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Nothing to validate."""

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """The language package's code hash, so a code change invalidates Rasa's cache."""
        return code_fingerprint()

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self._today = config.get("today")
        self._weight = float(config.get("weight", 1.0))
        pipeline()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpineEntityFeaturizer:
        """Rasa's factory: build the featurizer under its graph node's name."""
        return cls(config, execution_context.node_name)

    def _featurize(self, messages: list[Message]) -> None:
        today = reference_date(self._today)
        for message in messages:
            # An empty message still gets its (all-zero) features: the classifier was trained
            # with them and rejects a message with fewer columns.
            text = message.get(TEXT) or ""
            features = csr_matrix([message_features(text, today)]) * self._weight
            self.add_features_to_message(None, features, TEXT, message)

    def process(self, messages: list[Message]) -> list[Message]:
        """Add the sentence features to each message, in place."""
        self._featurize(messages)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Add the sentence features to every training example, in place."""
        self._featurize(training_data.training_examples)
        return training_data
