"""The web app: the clinic's chat page with the SpineBot widget, and the staff console."""
