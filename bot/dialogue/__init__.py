"""Framework-free pieces of the conversation: turning slot values into a triage case, recording
screening answers, and the triage payload. The Rasa actions call these (docs/dialogue-plan.md)."""
