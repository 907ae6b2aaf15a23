"""Consultation and callback requests: contact details, and the intake records staff follow up."""
