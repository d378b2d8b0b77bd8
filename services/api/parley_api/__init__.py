"""Parley api service."""
