"""Figures on the frozen patient-language corpus (tests/nlu/patients.yml, issue 15)."""
