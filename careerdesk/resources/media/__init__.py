"""Sample video clips for the offline demo and the self-test (made by tools/make_sample_clips.py)."""
