"""Consultation and callback requests: contact-detail checks and the FHIR R4 export (the
records themselves are in bot/records/)."""
