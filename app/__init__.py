"""AI Stylist: a wardrobe-grounded styling service."""

__version__ = "0.2.0"
