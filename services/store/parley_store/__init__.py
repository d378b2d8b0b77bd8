"""Parley store service."""
