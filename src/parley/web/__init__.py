"""The web service the three offices share: a thin FastAPI shell over `parley.service`."""
