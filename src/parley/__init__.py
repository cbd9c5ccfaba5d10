"""Parley: humanitarian exchanges between two parties through a mediator."""

__version__ = "0.1.0"
