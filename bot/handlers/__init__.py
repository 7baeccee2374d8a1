"""Thin handlers: parse the update, call one core service, render the answer."""
