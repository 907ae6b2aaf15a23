"""NLU evaluation (moved from bot/language/, never loaded by the bot): `make eval-nlu`
(evaluate.py), `make bench-nlu` (benchmark.py), `make compare-nlu` (compare.py and the candidate
configs in candidates/), and model.py, which trains and loads Rasa NLU models for them."""
