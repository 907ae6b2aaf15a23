"""Several domain responses sent as one chat message.

A triage outcome is up to seven responses (level, reasons, recommendations, procedures, safety
net, disclaimer, offer). Sent one by one they were eight bubbles on a phone, twice the "at most
a few messages per turn" of issue 14. `utter_together` joins the texts of the named responses,
in order, each on a line of its own (the widget keeps line breaks; Rasa's output channels send
every paragraph after a blank line as a message of its own), into one message that
keeps the last response's buttons. The wording stays in domain.yml, and the message is sent
under a response name (its `utter_action` in the tracker), so the dialogue and the transcript
still know what was said: the response that asks something (the last with buttons), else the
first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rasa_sdk.executor import CollectingDispatcher


def joined_text(domain: dict[str, Any], responses: Sequence[str], values: Mapping[str, Any]) -> str:
    """The responses' first variations filled with `values`, one per line.

    Raises KeyError when a response or a value is missing, ValueError for a template that
    cannot be filled.
    """
    templates = domain["responses"]
    return "\n".join(templates[name][0]["text"].format_map(values) for name in responses)


def utter_together(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    responses: Sequence[str],
    values: Mapping[str, Any] | None = None,
    json_message: dict[str, Any] | None = None,
    buttons: list[dict[str, str]] | None = None,
) -> None:
    """Send `responses` as one message, filled with `values` (the template variables), with
    `json_message` as its custom payload. `buttons` (title and payload each) replace the named
    response's own, for a payload a domain template cannot hold (JSON braces).

    Without the response texts (a domain Rasa did not send, a template with a value missing),
    each response is sent on its own by name, so nothing the person must read is lost.
    """
    values = dict(values or {})
    try:
        text = joined_text(domain, responses, values)
        asking = [n for n in responses if domain["responses"][n][0].get("buttons")]
    except (KeyError, IndexError, TypeError, ValueError):
        for index, name in enumerate(responses):
            last = index == len(responses) - 1
            dispatcher.utter_message(
                response=name,
                json_message=json_message if index == 0 else None,
                buttons=buttons if last and buttons else None,
                **values,
            )
        return
    # Rasa fills the named response, then the text given here replaces its text; its buttons
    # are the named response's own.
    named = asking[-1] if asking else responses[0]
    dispatcher.utter_message(
        response=named, text=text, json_message=json_message, buttons=buttons, **values
    )
