"""Posting capture in the GUI: paste box, clipboard, dropped files, the review dialog."""
