"""Offline training and export pipeline for the vision model (needs .venv-train; never imported by app/)."""
