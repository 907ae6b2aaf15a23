"""Train and load Rasa NLU models for evaluation and benchmarks (not used by the running bot)."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.launch import environment as runtime


def quiet() -> None:
    """Turn down Rasa's and TensorFlow's logging and telemetry for command-line tools."""
    for name, value in runtime.environment().items():
        os.environ.setdefault(name, value)
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.ERROR)
    configure_structlog(logging.ERROR)
    for name in ("rasa", "tensorflow", "absl", "root", "matplotlib", "urllib3"):
        logging.getLogger(name).setLevel(logging.ERROR)


def write_nlu_yaml(examples: Sequence[tuple[str, str]], path: Path) -> None:
    """Write (text, intent) pairs as Rasa NLU training data."""
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    messages = [Message(data={"text": text, "intent": intent}) for text, intent in examples]
    RasaYAMLWriter().dump(path, TrainingData(training_examples=messages))


def read_nlu_examples(path: Path) -> list[tuple[str, str]]:
    """(text, intent) pairs from Rasa NLU training data."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


def train(config: Path, nlu_data: Path, out_dir: Path, name: str) -> Path:
    """Train an NLU-only model and return its path."""
    from rasa.model_training import train_nlu

    model = train_nlu(str(config), str(nlu_data), str(out_dir), fixed_model_name=name)
    if model is None:
        raise RuntimeError(f"training with {config} produced no model")
    return Path(model)


class Parser:
    """A loaded model that parses text synchronously."""

    def __init__(self, model: Path) -> None:
        from rasa.core.agent import Agent

        self._loop = asyncio.new_event_loop()
        self._agent = Agent.load(str(model))

    def parse(self, text: str) -> dict[str, Any]:
        result: dict[str, Any] = self._loop.run_until_complete(self._agent.parse_message(text))
        return result

    def close(self) -> None:
        self._loop.close()
